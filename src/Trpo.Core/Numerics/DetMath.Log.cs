using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>Bits of RN(sqrt(1/2)): x / 2^k is brought into [sqrt(1/2), sqrt(2)).</summary>
    private static readonly long SqrtHalfBits = BitConverter.DoubleToInt64Bits(Math.Sqrt(0.5));

    /// <summary>2^54, to lift subnormal arguments into the normal range.</summary>
    private const double TwoPow54 = 18014398509481984.0;

    /// <summary>
    /// Natural logarithm, correctly rounded except within about 2^-68 relative of a rounding midpoint.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm (table-driven, after Tang, "Table-driven implementation of the logarithm function in IEEE
    /// floating-point arithmetic", ACM TOMS 16(4), 1990): x = 2^k m with m in [sqrt(1/2), sqrt(2)) (bit
    /// arithmetic); c = 1 + j/256 nearest to m (j in [-75, 106]), f = m - c exact, |f| &lt;= 2^-9;
    /// t = f/c = f (1/c) in double-double (1/c from the table, one TwoProduct), |t| &lt;= 2^-8.5; then
    /// log x = k ln2 + log c + log(1 + t) with log(1 + t) = t - t^2/2 + t^3 (1/3 - t/4 + t^2/5 - t^3/6 +
    /// t^4/7 - t^5/8) (Taylor; the omitted t^9/9 is below 2^-71 |t|), t - t^2/2 exact, and the three parts
    /// summed in double-double. For x near 1 (k = 0, j = 0: c = 1, log c = 0) the result is log(1 + t)
    /// alone, so the relative accuracy holds all the way to x = 1 ± ulp.
    /// </para>
    /// <para>
    /// Special values (C99 F.10.3.7): log(±0) = -inf, log(1) = +0, log(x &lt; 0) = NaN, log(+inf) = +inf,
    /// log(NaN) = NaN; subnormals are scaled by 2^54 first.
    /// </para>
    /// <para>Measured (DetMathAccuracyTests against a 300-bit reference, 45,560 arguments incl. subnormals and 1 ± k ulp): max error 0.50000 ulp (0.5 less a hair, at 1 - 2^-53), all correctly rounded.</para>
    /// </remarks>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int kOffset = 0;
        // One unsigned compare sends x <= 0, subnormals, +inf and NaN to the slow branch.
        if ((ulong)(bits - 0x0010_0000_0000_0000L) >= 0x7FE0_0000_0000_0000UL)
        {
            if (double.IsNaN(x) || double.IsPositiveInfinity(x))
            {
                return x;
            }
            if (x == 0.0)
            {
                return double.NegativeInfinity;
            }
            if (x < 0.0)
            {
                return double.NaN;
            }
            bits = BitConverter.DoubleToInt64Bits(x * TwoPow54);
            kOffset = -54;
        }
        return LogOfBits(bits, kOffset, 0.0);
    }

    /// <summary>
    /// log(x (1 + delta)) for the positive normal x with bits <paramref name="bits"/>, times 2^kOffset, where
    /// |delta| &lt;= 2^-52 is a first-order correction added to the result (used by <see cref="Log1p"/>, where
    /// |log x| &gt;= 2^-10.5, so errors of order delta^2 do not matter).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LogOfBits(long bits, int kOffset, double delta)
    {
        // x = 2^k m, m in [sqrt(1/2), sqrt(2)): subtracting the bits of sqrt(1/2) makes the exponent field k.
        int k = (int)((bits - SqrtHalfBits) >> 52);
        double m = BitConverter.Int64BitsToDouble(bits - ((long)k << 52));
        // c = 1 + j/256 nearest to m; f = m - c, exact (m - 1 exact, then a difference on a 2^-53 grid).
        double j = Math.Round((m - 1.0) * 256.0);
        double f = (m - 1.0) - j * (1.0 / 256.0);
        int index = (int)j + Tables.LogTableOffset;

        // t = f / c = f (1/c): tHi + tLo
        double tHi = TwoProduct(f, Tables.LogInvCHi[index], out double tErr);
        double tLo = tErr + f * Tables.LogInvCLo[index];
        return LogOfReduced(tHi, tLo, index, k + kOffset, delta);
    }

    /// <summary>
    /// k ln2 + log c_index + log(1 + t) + delta for t = tHi + tLo, |t| &lt;= 2^-8.4, |tLo| &lt;= 2^-50 |tHi|,
    /// and a small additive correction delta.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LogOfReduced(double tHi, double tLo, int index, double k, double delta)
    {
        // log(1 + t) = (t - t^2/2) + t^3 (1/3 - t/4 + ...), t - t^2/2 exact (|t^2/2| <= |t| 2^-9.5)
        double sq = TwoSquare(tHi, out double sqErr);
        double tail = sq * tHi * (1.0 / 3.0 + tHi * (-0.25 + tHi * (0.2 + tHi * (-1.0 / 6.0 + tHi * (1.0 / 7.0 + tHi * -0.125)))));
        double vHi = FastTwoSum(tHi, -0.5 * sq, out double vErr);
        // log(1 + tHi + tLo) = log(1 + tHi) + tLo (1 - tHi) + O(tLo^2)
        double vLo = vErr + (tLo - 0.5 * sqErr - tHi * tLo + tail);

        // log x = k ln2 + log c + log(1 + t); k ln2 = k L1 (exact, L1 has 32 bits) + k L2.
        double a = TwoSum(k * Tables.Ln2Part1, Tables.LogCHi[index], out double aErr);
        double b = TwoSum(a, vHi, out double bErr);
        return b + (bErr + aErr + vLo + Tables.LogCLo[index] + k * Tables.Ln2Part2 + delta);
    }
}
