using System.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// High-precision reference values (about 300 correct bits) for exp, expm1, log, log1p, tanh, sin and cos,
/// computed with exact BigInteger fixed-point arithmetic and plain Taylor / atanh series. Independent of
/// DetMath: different reduction (none table-driven), a different formula for pi (Gauss's
/// 48 atan(1/18) + 32 atan(1/57) - 20 atan(1/239) rather than Machin's), and no Math.* transcendental.
/// Slow (tens of microseconds per call) but only used in tests.
/// </summary>
internal static class ReferenceMath
{
    /// <summary>Fraction bits of the fixed-point work: errors are a few units of 2^-340.</summary>
    private const int F = 340;

    /// <summary>Significant bits kept in BigFloat results and quotients.</summary>
    private const int Bits = 320;

    /// <summary>Fraction bits of pi/2 for the reduction of |x| up to 2^1024 (leaves &gt; 400 bits for r).</summary>
    private const int PiBits = 1500;

    private static readonly BigInteger OneF = BigInteger.One << F;
    private static readonly BigInteger Ln2F = ComputeLn2();
    private static readonly BigInteger PiOver2Wide = ComputePi(PiBits + 64) >> 65; // pi/2 with PiBits fraction bits

    /// <summary>Fraction bits of <see cref="Ln2Fixed"/>.</summary>
    public const int FixedFractionBits = F;

    /// <summary>ln 2 with <see cref="FixedFractionBits"/> fraction bits.</summary>
    public static BigInteger Ln2Fixed => Ln2F;

    /// <summary>Fraction bits of <see cref="PiOver2Fixed"/>.</summary>
    public const int PiFractionBits = PiBits;

    /// <summary>pi/2 with <see cref="PiFractionBits"/> fraction bits.</summary>
    public static BigInteger PiOver2Fixed => PiOver2Wide;

    /// <summary>pi with <paramref name="fracBits"/> fraction bits (Gauss's arctangent formula).</summary>
    public static BigInteger ComputePi(int fracBits)
    {
        int f = fracBits + 32;
        BigInteger pi = 48 * AtanInverse(18, f) + 32 * AtanInverse(57, f) - 20 * AtanInverse(239, f);
        return pi >> 32;
    }

    private static BigInteger AtanInverse(int n, int f)
    {
        BigInteger power = (BigInteger.One << f) / n;
        BigInteger sum = 0;
        for (int k = 0; !power.IsZero; k++)
        {
            BigInteger term = power / (2 * k + 1);
            sum += (k & 1) == 0 ? term : -term;
            power /= n * n;
        }
        return sum;
    }

    /// <summary>ln 2 = sum_{n>=1} 1 / (n 2^n) (a different series from DetMath's atanh(1/3)).</summary>
    private static BigInteger ComputeLn2()
    {
        int f = F + 32;
        BigInteger sum = 0;
        BigInteger power = BigInteger.One << f;
        for (int n = 1; ; n++)
        {
            power >>= 1;
            if (power.IsZero) break;
            sum += power / n;
        }
        return sum >> 32;
    }

    /// <summary>(a b) / 2^F truncated toward zero (so alternating series terms reach 0).</summary>
    private static BigInteger MulF(BigInteger a, BigInteger b) => BigInteger.Divide(a * b, OneF);

    /// <summary>sum_{n>=0} X^n / (n + 1)! = (e^X - 1)/X in fixed point, |X| &lt;= 1.</summary>
    private static BigInteger ExpM1OverX(BigInteger x)
    {
        BigInteger term = OneF, sum = 0;
        for (int n = 1; !term.IsZero; n++)
        {
            term /= n;        // X^(n-1) / n!
            sum += term;
            term = MulF(term, x);
        }
        return sum;
    }

    /// <summary>e^x for finite x (|x| &lt; 800).</summary>
    public static BigFloat Exp(double x)
    {
        if (x == 0) return BigFloat.One;
        // x = k ln2 + r, |r| <= ln2/2 (+ a hair); k only needs to be roughly right.
        long k = (long)Math.Round(x * 1.4426950408889634);
        BigInteger r = BigFloat.FromDouble(x).ToFixed(F) - k * Ln2F;
        // e^r = 1 + r (e^r - 1)/r
        BigInteger er = OneF + MulF(r, ExpM1OverX(r));
        return new BigFloat(er, (int)k - F);
    }

    /// <summary>e^x - 1 with full relative precision, also for tiny x.</summary>
    public static BigFloat Expm1(double x)
    {
        if (Math.Abs(x) <= 1.0)
        {
            BigFloat ratio = BigFloat.FromFixed(ExpM1OverX(BigFloat.FromDouble(x).ToFixed(F)), F);
            return (BigFloat.FromDouble(x) * ratio).Truncate(Bits);
        }
        return (Exp(x) - BigFloat.One).Truncate(Bits);
    }

    /// <summary>log of a positive BigFloat (relative precision ~2^-300 when the result is not tiny; absolute 2^-330).</summary>
    private static BigFloat LogOf(BigFloat v)
    {
        if (v.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(v), "log of a non-positive number");
        }
        // v = m 2^e with m in [1, 2); then m in [0.75, 1.5) after an optional halving.
        int e = v.Log2Floor;
        BigInteger m = new BigFloat(v.Mantissa, v.Exponent - e).ToFixed(F);
        if (m > OneF * 3 / 2)
        {
            m >>= 1;
            e++;
        }
        // log m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 1/5
        BigInteger s = BigInteger.Divide((m - OneF) << F, m + OneF);
        BigInteger s2 = MulF(s, s);
        BigInteger power = s, sum = 0;
        for (int n = 0; !power.IsZero; n++)
        {
            sum += power / (2 * n + 1);
            power = MulF(power, s2);
        }
        return new BigFloat(e * Ln2F + 2 * sum, -F);
    }

    /// <summary>log x for finite x &gt; 0.</summary>
    public static BigFloat Log(double x) => LogOf(BigFloat.FromDouble(x));

    /// <summary>log(1 + x) for x &gt; -1, with full relative precision for tiny x.</summary>
    public static BigFloat Log1p(double x)
    {
        if (Math.Abs(x) < 1.0 / (1 << 20))
        {
            // log(1 + x)/x = sum_n (-x)^n / (n + 1)
            BigInteger xf = BigFloat.FromDouble(x).ToFixed(F);
            BigInteger power = OneF, sum = 0;
            for (int n = 0; !power.IsZero; n++)
            {
                sum += power / (n + 1);
                power = -MulF(power, xf);
            }
            return (BigFloat.FromDouble(x) * BigFloat.FromFixed(sum, F)).Truncate(Bits);
        }
        return LogOf((BigFloat.One + BigFloat.FromDouble(x)).Truncate(Bits + 40));
    }

    /// <summary>tanh x = expm1(2x) / (expm1(2x) + 2).</summary>
    public static BigFloat Tanh(double x)
    {
        if (Math.Abs(x) > 40) return x > 0 ? BigFloat.One : -BigFloat.One; // 1 - tanh|x| < 2^-114
        BigFloat u = Expm1(2 * x);
        return BigFloat.Divide(u, u + new BigFloat(2, 0), Bits);
    }

    /// <summary>sin x for finite x.</summary>
    public static BigFloat Sin(double x)
    {
        Reduce(x, out int q, out BigFloat r);
        BigFloat s = (q & 1) == 0 ? SinOfReduced(r) : CosOfReduced(r);
        bool negate = (q & 2) != 0 ^ x < 0;
        return negate ? -s : s;
    }

    /// <summary>cos x for finite x.</summary>
    public static BigFloat Cos(double x)
    {
        Reduce(x, out int q, out BigFloat r);
        BigFloat c = (q & 1) == 0 ? CosOfReduced(r) : SinOfReduced(r);
        bool negate = ((q + 1) & 2) != 0;
        return negate ? -c : c;
    }

    /// <summary>|x| = q pi/2 + r, |r| &lt;= pi/4, r with relative error below 2^-300.</summary>
    private static void Reduce(double x, out int q, out BigFloat r)
    {
        BigFloat ax = BigFloat.FromDouble(Math.Abs(x));
        if (Math.Abs(x) < 0.78)
        {
            q = 0;
            r = ax;
            return;
        }
        BigInteger xw = ax.ToFixed(PiBits);                       // exact: |x| >= 1/2
        BigInteger k = (2 * xw + PiOver2Wide) / (2 * PiOver2Wide); // nearest integer to x / (pi/2)
        BigInteger rw = xw - k * PiOver2Wide;
        q = (int)(k % 4);
        r = BigFloat.FromFixed(rw, PiBits).Truncate(Bits + 20);
    }

    /// <summary>sin r = r sum_n (-r^2)^n / (2n+1)!, |r| &lt;= pi/4.</summary>
    private static BigFloat SinOfReduced(BigFloat r)
    {
        BigInteger u = (r * r).ToFixed(F);
        BigInteger term = OneF, sum = 0;
        for (int n = 0; !term.IsZero; n++)
        {
            sum += term;
            term = -MulF(term, u) / ((2 * n + 2) * (2 * n + 3));
        }
        return (r * BigFloat.FromFixed(sum, F)).Truncate(Bits);
    }

    /// <summary>cos r = sum_n (-r^2)^n / (2n)!, |r| &lt;= pi/4.</summary>
    private static BigFloat CosOfReduced(BigFloat r)
    {
        BigInteger u = (r * r).ToFixed(F);
        BigInteger term = OneF, sum = 0;
        for (int n = 0; !term.IsZero; n++)
        {
            sum += term;
            term = -MulF(term, u) / ((2 * n + 1) * (2 * n + 2));
        }
        return BigFloat.FromFixed(sum, F).Truncate(Bits);
    }
}
