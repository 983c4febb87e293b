using System.Numerics;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>
    /// Constants and tables, computed once with exact <see cref="BigInteger"/> fixed-point arithmetic
    /// (value = N / 2^<see cref="FracBits"/>) and rounded to double or double-double. Integer arithmetic is
    /// exact and platform independent, so the tables are the same bits everywhere; no long constant is typed
    /// in by hand. The tests check a few of them against published values (fdlibm's ln2_hi, pio2_1, M_PI_2
    /// and the first words of 2/pi).
    /// </summary>
    internal static class Tables
    {
        /// <summary>Fraction bits of the fixed-point computations (errors stay below 2^-190).</summary>
        internal const int FracBits = 200;

        private static readonly BigInteger One = BigInteger.One << FracBits;
        private static readonly BigInteger Ln2Fixed = ComputeLn2();
        private static readonly BigInteger PiFixed = HighPrecision.Pi(FracBits);

        // ---- exp: 2^(j/128), j = 0..127, as double-double; ln2/128 = C1 + C2 + C3 -----------------
        internal static readonly double InvLn2Times128 = HighPrecision.ToDouble((One << (FracBits + 7)) / Ln2Fixed, FracBits);
        internal static readonly double Ln2Over128Part1;
        internal static readonly double Ln2Over128Part2;
        internal static readonly double Ln2Over128Part3;
        /// <summary>ln2/128 = Hi + Lo, Hi = RN(ln2/128), Lo = RN(ln2/128 - Hi): the two-step reduction of the fused-multiply-add tanh.</summary>
        internal static readonly double Ln2Over128Hi;
        internal static readonly double Ln2Over128Lo;
        internal static readonly double[] ExpHi = new double[128];
        internal static readonly double[] ExpLo = new double[128];
        /// <summary>ExpHi[j], ExpLo[j] side by side (index 2j, 2j + 1): one 16-byte load per lane in the span tanh.</summary>
        internal static readonly double[] ExpHiLo = new double[256];

        // ---- log: c_j = 1 + j/256 for j = -75..106 (index j + 75): 1/c_j and log c_j ------------
        internal const int LogTableOffset = 75;
        internal static readonly double[] LogInvCHi = new double[182];
        internal static readonly double[] LogInvCLo = new double[182];
        internal static readonly double[] LogCHi = new double[182];
        internal static readonly double[] LogCLo = new double[182];
        internal static readonly double Ln2Part1;
        internal static readonly double Ln2Part2;

        // ---- sin/cos: sin(j/128), cos(j/128), j = 0..102; pi/2 splits ------------------------------
        internal static readonly double[] SinHi = new double[103];
        internal static readonly double[] SinLo = new double[103];
        internal static readonly double[] CosHi = new double[103];
        internal static readonly double[] CosLo = new double[103];
        internal static readonly double TwoOverPi = HighPrecision.ToDouble((One << (FracBits + 1)) / PiFixed, FracBits);
        internal static readonly double PiOver4 = HighPrecision.ToDouble(PiFixed >> 2, FracBits);
        internal static readonly double PiOver2Hi;
        internal static readonly double PiOver2Lo;
        internal static readonly double PiOver2Part1;
        internal static readonly double PiOver2Part2;
        internal static readonly double PiOver2Part3;

        static Tables()
        {
            // ln2/128 = C1 + C2 + C3: C1, C2 with 32 significant bits (so m*C1, m*C2 are exact for |m| < 2^21).
            BigInteger rest = Ln2Fixed >> 7;
            Ln2Over128Part1 = HighPrecision.TakeLeadingBits(ref rest, FracBits, 32);
            Ln2Over128Part2 = HighPrecision.TakeLeadingBits(ref rest, FracBits, 32);
            Ln2Over128Part3 = HighPrecision.ToDouble(rest, FracBits);
            Ln2Over128Hi = HighPrecision.ToDoubleDouble(Ln2Fixed >> 7, FracBits, out Ln2Over128Lo);

            // ln2 = L1 + L2: L1 with 32 bits (k*L1 exact for |k| < 2^21), as fdlibm's ln2_hi.
            rest = Ln2Fixed;
            Ln2Part1 = HighPrecision.TakeLeadingBits(ref rest, FracBits, 32);
            Ln2Part2 = HighPrecision.ToDouble(rest, FracBits);

            // 2^(j/128) = exp(j ln2 / 128)
            for (int j = 0; j < 128; j++)
            {
                ExpHi[j] = HighPrecision.ToDoubleDouble(HighPrecision.Exp(Ln2Fixed * j / 128, FracBits), FracBits, out ExpLo[j]);
                (ExpHiLo[2 * j], ExpHiLo[2 * j + 1]) = (ExpHi[j], ExpLo[j]);
            }

            for (int j = -LogTableOffset; j <= 106; j++)
            {
                int i = j + LogTableOffset;
                // 1/c_j = 256 / (256 + j)
                LogInvCHi[i] = HighPrecision.ToDoubleDouble((One << 8) / (256 + j), FracBits, out LogInvCLo[i]);
                // log c_j = 2 atanh(s), s = (c - 1)/(c + 1) = j / (512 + j)
                LogCHi[i] = HighPrecision.ToDoubleDouble(HighPrecision.LogOfRatio(256 + j, 256, FracBits), FracBits, out LogCLo[i]);
            }

            for (int j = 0; j < SinHi.Length; j++)
            {
                HighPrecision.SinCos((One * j) >> 7, FracBits, out BigInteger sin, out BigInteger cos);
                SinHi[j] = HighPrecision.ToDoubleDouble(sin, FracBits, out SinLo[j]);
                CosHi[j] = HighPrecision.ToDoubleDouble(cos, FracBits, out CosLo[j]);
            }

            BigInteger piOver2 = PiFixed >> 1;
            PiOver2Hi = HighPrecision.ToDoubleDouble(piOver2, FracBits, out PiOver2Lo);
            // pi/2 = P1 + P2 + P3 (Cody–Waite): P1, P2 with 33 bits so k*P1, k*P2 are exact for k < 2^20.
            rest = piOver2;
            PiOver2Part1 = HighPrecision.TakeLeadingBits(ref rest, FracBits, 33);
            PiOver2Part2 = HighPrecision.TakeLeadingBits(ref rest, FracBits, 33);
            PiOver2Part3 = HighPrecision.ToDouble(rest, FracBits);
        }

        /// <summary>ln 2 = 2 atanh(1/3) = 2 sum_n 1 / ((2n+1) 3^(2n+1)).</summary>
        private static BigInteger ComputeLn2() => HighPrecision.LogOfRatio(2, 1, FracBits);
    }

    /// <summary>
    /// The bits of 2/pi for Payne–Hanek reduction, computed on first need (an explicit static constructor
    /// keeps the initialisation lazy): word i holds bits 64i+1 .. 64i+64 after the binary point, most
    /// significant first, i.e. 2/pi = sum_i Words[i] 2^(-64(i+1)). 20 words cover every double exponent.
    /// </summary>
    internal static class TwoOverPiBits
    {
        internal const int WordCount = 20;

        internal static readonly ulong[] Words = Compute();

        static TwoOverPiBits()
        {
        }

        private static ulong[] Compute()
        {
            const int bits = 64 * WordCount;
            const int guard = 128;
            // floor(2^bits * 2/pi), with pi known to bits + guard fraction bits.
            BigInteger pi = HighPrecision.Pi(bits + guard);
            BigInteger scaled = (BigInteger.One << (2 * bits + guard + 1)) / pi;
            var words = new ulong[WordCount];
            BigInteger mask = ulong.MaxValue;
            for (int i = 0; i < WordCount; i++)
            {
                words[i] = (ulong)((scaled >> (64 * (WordCount - 1 - i))) & mask);
            }
            return words;
        }
    }

    /// <summary>Fixed-point helpers (value = N / 2^fracBits) used only to build the tables.</summary>
    internal static class HighPrecision
    {
        /// <summary>pi by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239), 32 guard bits.</summary>
        internal static BigInteger Pi(int fracBits)
        {
            const int guard = 32;
            BigInteger pi = 16 * AtanOfInverse(5, fracBits + guard) - 4 * AtanOfInverse(239, fracBits + guard);
            return pi >> guard;
        }

        /// <summary>atan(1/n) = sum_k (-1)^k / ((2k+1) n^(2k+1)).</summary>
        private static BigInteger AtanOfInverse(int n, int fracBits)
        {
            BigInteger power = (BigInteger.One << fracBits) / n; // 1/n^(2k+1)
            BigInteger n2 = n * n;
            BigInteger sum = BigInteger.Zero;
            for (int k = 0; !power.IsZero; k++)
            {
                BigInteger term = power / (2 * k + 1);
                sum += (k & 1) == 0 ? term : -term;
                power /= n2;
            }
            return sum;
        }

        /// <summary>log(p/q) for p, q &gt; 0 via 2 atanh(s), s = (p - q)/(p + q); 32 guard bits.</summary>
        internal static BigInteger LogOfRatio(BigInteger p, BigInteger q, int fracBits)
        {
            const int guard = 32;
            int f = fracBits + guard;
            // atanh is odd: sum the series for |s| (right shifts of negative numbers would never reach 0).
            BigInteger s = (BigInteger.Abs(p - q) << f) / (p + q);
            BigInteger s2 = (s * s) >> f;
            BigInteger power = s; // s^(2k+1)
            BigInteger sum = BigInteger.Zero;
            for (int k = 0; !power.IsZero; k++)
            {
                sum += power / (2 * k + 1);
                power = (power * s2) >> f;
            }
            return (p < q ? -2 * sum : 2 * sum) >> guard;
        }

        /// <summary>exp(x) for |x| &lt;= 1 by its Taylor series; 32 guard bits.</summary>
        internal static BigInteger Exp(BigInteger x, int fracBits)
        {
            const int guard = 32;
            int f = fracBits + guard;
            x <<= guard;
            BigInteger term = BigInteger.One << f;
            BigInteger sum = term;
            for (int n = 1; !term.IsZero; n++)
            {
                term = ((term * x) >> f) / n;
                sum += term;
            }
            return sum >> guard;
        }

        /// <summary>sin(x) and cos(x) for |x| &lt;= 1 by their Taylor series; 32 guard bits.</summary>
        internal static void SinCos(BigInteger x, int fracBits, out BigInteger sin, out BigInteger cos)
        {
            const int guard = 32;
            int f = fracBits + guard;
            x <<= guard;
            BigInteger x2 = (x * x) >> f;
            BigInteger term = BigInteger.One << f; // x^n / n!
            BigInteger sinSum = BigInteger.Zero, cosSum = BigInteger.Zero;
            for (int n = 0; !term.IsZero; n++)
            {
                // cos: + x^0/0! - x^2/2! + ...; sin: + x^1/1! - x^3/3! + ...
                bool negative = (n & 1) == 1;
                cosSum += negative ? -term : term;
                BigInteger odd = ((term * x) >> f) / (2 * n + 1);
                sinSum += negative ? -odd : odd;
                term = ((term * x2) >> f) / ((2 * n + 1) * (2 * n + 2));
            }
            sin = sinSum >> guard;
            cos = cosSum >> guard;
        }

        /// <summary>v / 2^fracBits rounded to nearest double (ties to even); normal range only.</summary>
        internal static double ToDouble(BigInteger v, int fracBits) => ToDoubleDouble(v, fracBits, out _);

        /// <summary>v / 2^fracBits as hi + lo with hi = RN(v) and lo = RN(v - hi).</summary>
        internal static double ToDoubleDouble(BigInteger v, int fracBits, out double lo)
        {
            if (v.IsZero)
            {
                lo = 0.0;
                return 0.0;
            }
            int sign = v.Sign;
            BigInteger a = BigInteger.Abs(v);
            int shift = (int)a.GetBitLength() - 53;
            BigInteger q;
            if (shift > 0)
            {
                q = a >> shift;
                BigInteger remainder = a - (q << shift);
                BigInteger half = BigInteger.One << (shift - 1);
                if (remainder > half || (remainder == half && !q.IsEven))
                {
                    q += 1;
                }
            }
            else
            {
                q = a;
                shift = 0;
            }
            double hi = sign * Math.ScaleB((double)(ulong)q, shift - fracBits);
            BigInteger residual = v - sign * (q << shift);
            lo = residual.IsZero ? 0.0 : ToDouble(residual, fracBits);
            return hi;
        }

        /// <summary>
        /// Removes the leading <paramref name="bits"/> significant bits of positive <paramref name="v"/>
        /// (truncating) and returns them as an exact double; <paramref name="v"/> keeps the remainder.
        /// </summary>
        internal static double TakeLeadingBits(ref BigInteger v, int fracBits, int bits)
        {
            int shift = (int)v.GetBitLength() - bits;
            BigInteger top = (v >> shift) << shift;
            v -= top;
            return Math.ScaleB((double)(ulong)(top >> shift), shift - fracBits);
        }
    }
}
