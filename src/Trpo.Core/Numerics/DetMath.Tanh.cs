using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>
    /// 19.061547465398498, the smallest double a with RN(tanh a) = 1: there tanh a ≥ 1 − 2^-54 (the midpoint below 1, which
    /// rounds to 1), at the double below it tanh is 2e-31 under that midpoint (mpmath, 200 bits). From it on tanh returns ±1.
    /// </summary>
    private const double TanhSaturation = 19.061547465398498;

    /// <summary>
    /// Below it tanh uses the odd polynomial, from it on e^(2|x|): 0.125, where tanh is just under 1/8, so on both sides of it
    /// an ulp of the result is as large as it gets relative to the result (2^-53), and E = e^0.25 ≥ 1.28.
    /// </summary>
    private const double TanhPolynomialBound = 0.125;

    // tanh x = x + x^3 P(x^2) on [0, 0.125]: P(t) ≈ (tanh √t − √t) / t^1.5 of degree 5, a Chebyshev fit at 200 bits
    // (mpmath.chebyfit of (tanh x − x)/x^3 in t = x^2 on [0, 1/64], coefficients then rounded to double); with the rounded
    // coefficients |x^3 (P − exact)| ≤ 0.003 ulp of tanh x on a 2000-point grid. How it was made: README, "Determinism".
    private const double TanhP0 = -0.3333333333333333;
    private const double TanhP1 = 0.13333333333328656;
    private const double TanhP2 = -0.05396825393331211;
    private const double TanhP3 = 0.021869478985713266;
    private const double TanhP4 = -0.008862054609770608;
    private const double TanhP5 = 0.003524688390405784;

    /// <summary>
    /// Hyperbolic tangent within 0.52 ulp (measured 0.5103 ulp, never more than 1 ulp from the correctly rounded value), odd,
    /// monotone where tested: the same bits on every CPU and in <see cref="Tanh(ReadOnlySpan{double}, Span{double})"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm on a = |x|, sign copied from x (so tanh(−x) = −tanh x exactly):
    /// a &lt; 0.125: a + a^3 P(a^2), P a degree-5 fit (the correction is under 0.6% of the result, so its rounding costs
    /// about a hundredth of an ulp). 0.125 ≤ a &lt; <see cref="TanhSaturation"/>: tanh a = 1 − 2/(E + 1) with E = e^(2a)
    /// = 2^k 2^(j/128) e^r (the reduction of <see cref="Exp"/> in two fused steps, |r| ≤ ln2/256; e^r − 1 by its Taylor
    /// polynomial to r^6/6!; T = 2^(j/128) from the double-double table) carried as a pair E = eHi + eLo with relative
    /// error about 2^-60; D = E + 1 is an exact pair, the quotient s = RN(2/dHi) is corrected once by the exact
    /// remainder (one FMA) times 1/D ≈ s/2, and 1 − s is formed exactly before the last rounding. Error before the last
    /// rounding: about 2^-60 relative times the condition number 2E/(E² − 1) of tanh in E (3.9 at the branch point, falling
    /// fast), so at most about 0.01 ulp.
    /// </para>
    /// <para>
    /// Every a·b + c is one <see cref="Math.FusedMultiplyAdd"/> (hardware where present, the C library's correctly
    /// rounded fma otherwise: one rounding either way), all other operations are IEEE basic operations in the order written.
    /// </para>
    /// <para>
    /// Special values (C99 F.10.2.6): tanh(±0) = ±0, tanh(±inf) = ±1, tanh(NaN) = NaN; |x| &lt; 2^-27 returns x (which the
    /// polynomial also returns there); |x| ≥ 19.061547465398498 returns ±1.
    /// </para>
    /// <para>
    /// Measured (TanhAccuracyTests against a 300-bit reference; README, "Determinism"): max error 0.5103 ulp over 10^6
    /// arguments (at 0.1285162893177658, just above the branch point), 99.95% correctly rounded; 0.5028 ulp over the
    /// default test sweep of 52,164 arguments.
    /// </para>
    /// </remarks>
    public static double Tanh(double x)
    {
        double a = Math.Abs(x);
        if (!(a < TanhSaturation))
        {
            return double.IsNaN(x) ? x : Math.CopySign(1.0, x);
        }
        if (a < TwoPowMinus27)
        {
            return x;
        }
        double y = a < TanhPolynomialBound ? TanhPolynomial(a) : TanhByExp(a);
        return Math.CopySign(y, x);
    }

    /// <summary>tanh a = a + a^3 P(a^2) for 0 ≤ a &lt; 0.125 (Horner, one FMA per coefficient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TanhPolynomial(double a)
    {
        double t = a * a;
        double p = Math.FusedMultiplyAdd(TanhP5, t, TanhP4);
        p = Math.FusedMultiplyAdd(p, t, TanhP3);
        p = Math.FusedMultiplyAdd(p, t, TanhP2);
        p = Math.FusedMultiplyAdd(p, t, TanhP1);
        p = Math.FusedMultiplyAdd(p, t, TanhP0);
        return Math.FusedMultiplyAdd(a * t, p, a);
    }

    /// <summary>tanh a = 1 − 2/(E + 1), E = e^(2a), for 0.125 ≤ a &lt; <see cref="TanhSaturation"/>; see <see cref="Tanh(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TanhByExp(double a)
    {
        double v = 2.0 * a;
        // v = m ln2/128 + r: v − m Hi is exact (a multiple of 2^-60 below 2^-8 in magnitude), the second step rounds once
        double m = Math.Round(v * Tables.InvLn2Times128);
        double r = Math.FusedMultiplyAdd(-m, Tables.Ln2Over128Hi, v);
        r = Math.FusedMultiplyAdd(-m, Tables.Ln2Over128Lo, r);
        int mi = (int)m;
        int j = mi & 127;
        // p = e^r − 1 = r + r^2 (1/2 + r/3! + r^2/4! + r^3/5! + r^4/6!)
        double q = Math.FusedMultiplyAdd(InvFact6, r, InvFact5);
        q = Math.FusedMultiplyAdd(q, r, InvFact4);
        q = Math.FusedMultiplyAdd(q, r, InvFact3);
        q = Math.FusedMultiplyAdd(q, r, 0.5);
        double p = Math.FusedMultiplyAdd(r * r, q, r);
        // 2^(j/128) e^r = tHi + (tHi p + tLo) = eHi + eLo exactly (FastTwoSum), then times 2^k (k = m >> 7 ≥ 0)
        double tHi = Tables.ExpHi[j];
        double s = Math.FusedMultiplyAdd(tHi, p, Tables.ExpLo[j]);
        double eHi = tHi + s;
        double eLo = s - (eHi - tHi);
        double scale = TwoPow(mi >> 7);
        eHi *= scale;
        eLo *= scale;
        return TanhOfExp(eHi, eLo);
    }

    /// <summary>
    /// 1 − 2/(E + 1) for E = eHi + eLo ≥ 1.28: D = E + 1 as an exact pair (FastTwoSum, eHi &gt; 1), s = RN(2/dHi) corrected by the
    /// remainder, 2/D = s + (2 − s D)/D with 2 − s dHi exact by one FMA and 1/D ≈ s/2; then 1 − s as an exact pair (FastTwoSum,
    /// s &lt; 1) and one last rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TanhOfExp(double eHi, double eLo)
    {
        double dHi = eHi + 1.0;
        double dLo = (1.0 - (dHi - eHi)) + eLo;
        double s = 2.0 / dHi;
        double remainder = Math.FusedMultiplyAdd(-s, dLo, Math.FusedMultiplyAdd(-s, dHi, 2.0));
        double sLo = remainder * (0.5 * s);
        double yHi = 1.0 - s;
        double yLo = (1.0 - yHi) - s;
        return yHi + (yLo - sLo);
    }
}
