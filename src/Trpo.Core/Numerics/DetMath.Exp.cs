using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>Largest x with exp(x) finite: 709.782712893383973096 (fdlibm's o_threshold, 0x40862E42FEFA39EF).</summary>
    private const double ExpOverflowThreshold = 709.782712893384;

    /// <summary>Below this exp(x) &lt; 2^-1076 rounds to +0.</summary>
    private const double ExpUnderflowBound = -746.0;

    /// <summary>For |x| &lt;= this, exp(x) is a normal double and k stays in [-1021, 1021].</summary>
    private const double ExpFastPathBound = 707.0;

    // 1/n! for the tail of e^r - 1 (constant-folded by the compiler, correctly rounded).
    private const double InvFact3 = 1.0 / 6.0;
    private const double InvFact4 = 1.0 / 24.0;
    private const double InvFact5 = 1.0 / 120.0;
    private const double InvFact6 = 1.0 / 720.0;
    private const double InvFact7 = 1.0 / 5040.0;

    /// <summary>
    /// e^x, correctly rounded except within about 2^-78 relative of a rounding midpoint.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm (Tang, ACM TOMS 15(2), 1989, with a double-double tail): x = (128k + j) ln2/128 + r with
    /// |r| &lt;= ln2/256 (<see cref="ReduceForExp"/>), then e^x = 2^k 2^(j/128) e^r. The table value
    /// T = 2^(j/128) is a double-double; e^r - 1 = r + r^2/2 + r^3 (1/3! + r/4! + r^2/5! + r^3/6! + r^4/7!)
    /// (Taylor; the first omitted term r^8/8! is below 2^-83) keeps r + r^2/2 exact (TwoProduct, FastTwoSum),
    /// and T (1 + p) is summed in double-double. Error before the final rounding: below 2^-78 relative.
    /// </para>
    /// <para>
    /// Special values (C99 F.10.3.1): exp(NaN) = NaN, exp(+inf) = +inf, exp(-inf) = +0, exp(±0) = 1;
    /// overflow to +inf above 709.782712893384; results below 2^-1022 are rounded once, directly to the
    /// subnormal grid (no double rounding); below -746 the result is +0.
    /// </para>
    /// <para>Measured (DetMathAccuracyTests against a 300-bit reference, 46,514 arguments incl. the subnormal range and the overflow edge): max error 0.50000 ulp (0.5 less a hair, at the underflow-to-zero edge), all correctly rounded.</para>
    /// </remarks>
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) <= ExpFastPathBound))
        {
            return ExpOutsideFastPath(x);
        }
        double hi = ExpCore(x, out double lo, out int k);
        // e^x = 2^k (hi + lo), hi + lo in [0.99, 2.01): one rounding, then an exact scaling.
        return (hi + lo) * TwoPow(k);
    }

    /// <summary>Exp for NaN, infinities and |x| &gt; 707 (overflow, subnormal results, underflow).</summary>
    private static double ExpOutsideFastPath(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }
        if (x > ExpOverflowThreshold)
        {
            return double.PositiveInfinity;
        }
        if (x < ExpUnderflowBound)
        {
            return 0.0;
        }
        double hi = ExpCore(x, out double lo, out int k);
        if (k > 1021)
        {
            // k <= 1024: scale in two exact steps; the last one overflows only if the result does.
            return (hi + lo) * TwoPow(k - 4) * 16.0;
        }
        if (k >= -1021)
        {
            return (hi + lo) * TwoPow(k);
        }
        return ScaleToSubnormal(hi, lo, k);
    }

    /// <summary>
    /// RN(2^k (hi + lo)) for -1077 &lt;= k &lt;= -1022, where the result is subnormal or just normal, with a
    /// single rounding: in units of 2^-1074 the result is the integer nearest a = (hi + lo) 2^(k+1074).
    /// </summary>
    private static double ScaleToSubnormal(double hi, double lo, int k)
    {
        const double twoPow52 = 4503599627370496.0;
        double scale = TwoPow(k + 1074);           // 2^-3 .. 2^52, exact scalings below
        double a = FastTwoSum(hi * scale, lo * scale, out double err);
        if (a >= twoPow52)
        {
            return a * double.Epsilon;              // normal result: a is already an integer (or even)
        }
        double n = (a + twoPow52) - twoPow52;      // nearest integer to a, ties to even
        double d = a - n;                          // exact, |d| <= 1/2
        // a sat exactly on a midpoint: the sign of the rounding error of a decides.
        if (d == 0.5 && err > 0.0)
        {
            n += 1.0;
        }
        else if (d == -0.5 && err < 0.0)
        {
            n -= 1.0;
        }
        return n * double.Epsilon;                 // exact: n 2^-1074
    }

    /// <summary>
    /// e^x = 2^k (hi + lo) with hi + lo = 2^(j/128) e^r in [0.99, 2.01) accurate to 2^-78 relative, for
    /// |x| &lt; 746. See <see cref="Exp"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ExpCore(double x, out double lo, out int k)
    {
        double rHi = ReduceForExp(x, out double rLo, out int j, out k);
        double pHi = ExpMinusOneOfReduced(rHi, rLo, out double pLo);
        return ScaleByTable(j, pHi, pLo, out lo);
    }

    /// <summary>
    /// p = e^r - 1 for r = rHi + rLo, |r| &lt;= 2^-8.5, as pHi + pLo with absolute error below 2^-80.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ExpMinusOneOfReduced(double rHi, double rLo, out double pLo)
    {
        // r^2 = sq + sqErr exactly
        double sq = TwoSquare(rHi, out double sqErr);
        // tail = r^3/3! + r^4/4! + r^5/5! + r^6/6! + r^7/7!
        double tail = sq * rHi * (InvFact3 + rHi * (InvFact4 + rHi * (InvFact5 + rHi * (InvFact6 + rHi * InvFact7))));
        // r + r^2/2 exactly (|r^2/2| <= |r| 2^-9.5)
        double pHi = FastTwoSum(rHi, 0.5 * sq, out double err);
        // e^(rHi + rLo) - 1 = (e^rHi - 1) + rLo (1 + rHi) + O(rLo^2)
        pLo = err + (0.5 * sqErr + tail + rLo + rHi * rLo);
        return pHi;
    }

    /// <summary>T (1 + p) with T = 2^(j/128) from the table, as hi + lo (|p| &lt;= 2^-8.4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScaleByTable(int j, double pHi, double pLo, out double lo)
    {
        double tHi = Tables.ExpHi[j];
        double tLo = Tables.ExpLo[j];
        // T (1 + p) = tHi + tHi pHi + (tHi pLo + tLo + tLo pHi): the first product exact, the first sum exact.
        double product = TwoProduct(tHi, pHi, out double productErr);
        double hi = FastTwoSum(tHi, product, out double sumErr);
        lo = sumErr + (productErr + tHi * pLo + tLo + tLo * pHi);
        return hi;
    }
}
