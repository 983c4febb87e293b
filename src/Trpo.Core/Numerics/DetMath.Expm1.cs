using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>2^-54: below it e^x - 1 rounds to x.</summary>
    private const double TwoPowMinus54 = 5.5511151231257827E-17;

    /// <summary>
    /// e^x - 1, accurate also for small |x|; correctly rounded except within about 2^-68 relative of a
    /// rounding midpoint.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm: the reduction and double-double evaluation of <see cref="Exp"/>. When x reduces to j = 0,
    /// k = 0 (|x| &lt;= ln2/256) the result is e^r - 1 itself, r = x; otherwise 2^k T (1 + p) - 1 is formed
    /// with an exact TwoSum, which loses nothing since then |e^x - 1| &gt;= 2^-8.6.
    /// </para>
    /// <para>
    /// Special values (C99 F.10.3.3): NaN -&gt; NaN, +inf -&gt; +inf, -inf -&gt; -1, ±0 -&gt; ±0; x &gt; 709 goes
    /// through <see cref="Exp"/> (the -1 cannot matter); x &lt; -38 gives -1 (e^x &lt; 2^-54.8).
    /// </para>
    /// <para>Measured (DetMathAccuracyTests against a 300-bit reference, 28,226 arguments): max error 0.49994 ulp, all correctly rounded.</para>
    /// </remarks>
    public static double Expm1(double x)
    {
        if (!(Math.Abs(x) <= 38.0))
        {
            if (double.IsNaN(x))
            {
                return x;
            }
            if (x > 709.0)
            {
                return Exp(x);
            }
            if (x < 0.0)
            {
                return -1.0;
            }
        }
        else if (Math.Abs(x) < TwoPowMinus54)
        {
            return x;
        }
        double hi = Expm1Core(x, out double lo);
        return hi + lo;
    }

    /// <summary>e^x - 1 as a normalised hi + lo, relative error below 2^-68, for 2^-54 &lt;= |x| &lt;= 709.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Expm1Core(double x, out double lo)
    {
        double rHi = ReduceForExp(x, out double rLo, out int j, out int k);
        double pHi = ExpMinusOneOfReduced(rHi, rLo, out double pLo);
        double hi;
        if ((j | k) == 0)
        {
            // x = r: e^x - 1 = p
            hi = pHi;
            lo = pLo;
        }
        else
        {
            double eHi = ScaleByTable(j, pHi, pLo, out double eLo);
            double scale = TwoPow(k);
            // e^x - 1 = 2^k (eHi + eLo) - 1
            hi = TwoSum(eHi * scale, -1.0, out double err);
            lo = err + eLo * scale;
        }
        // The low parts above carry whole polynomial terms (up to 2^-19 |hi|): renormalise so that
        // |lo| <= ulp(hi)/2: a normalised pair.
        return FastTwoSum(hi, lo, out lo);
    }
}
