using System.Numerics;
using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    /// <summary>2^-27: below it sin x, tanh x round to x and cos x rounds to 1.</summary>
    private const double TwoPowMinus27 = 7.450580596923828125E-9;

    /// <summary>Largest |x| reduced by Cody–Waite (k = round(2x/pi) &lt; 2^20 keeps k*P1, k*P2 exact).</summary>
    private const double CodyWaiteLimit = 1048576.0;

    /// <summary>
    /// Reduction for exp: x = (128 k + j) ln2/128 + r with 0 &lt;= j &lt; 128 and |r| &lt;= ln2/256 (about 2^-8.5),
    /// r returned as rHi + rLo with absolute error below 2^-100. Valid for |x| &lt; 2^17 ln2.
    /// </summary>
    /// <remarks>
    /// Cody and Waite, "Software Manual for the Elementary Functions" (1980), ch. 6, with ln2/128 split in three
    /// (C1 + C2 + C3, C1 and C2 of 32 bits) as in Tang, "Table-driven implementation of the exponential
    /// function in IEEE floating-point arithmetic", ACM TOMS 15(2), 1989.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ReduceForExp(double x, out double rLo, out int j, out int k)
    {
        // m = round(x 128/ln2), |m| < 2^18
        double m = Math.Round(x * Tables.InvLn2Times128);
        int mi = (int)m;
        j = mi & 127;
        k = mi >> 7; // floor(m / 128)
        // r = x - m (C1 + C2 + C3): x - m C1 is exact (m C1 exact and Sterbenz), m C2 is exact.
        double t1 = x - m * Tables.Ln2Over128Part1;
        double rHi = TwoSum(t1, -(m * Tables.Ln2Over128Part2), out double err);
        rLo = err - m * Tables.Ln2Over128Part3;
        return rHi;
    }

    /// <summary>
    /// Reduction for sin and cos, for finite ax &gt; pi/4: ax = q pi/2 + r (q taken mod 4), |r| &lt;= pi/4
    /// (plus a hair), r = rHi + rLo with relative error below 2^-70. Returns false for infinity and NaN.
    /// </summary>
    /// <remarks>
    /// For ax &lt; 2^20: Cody–Waite with pi/2 = P1 + P2 + P3 (P1, P2 of 33 bits, as fdlibm's pio2_1, pio2_2),
    /// absolute error below 2^-97; when the result is smaller than 2^-27 (ax very near a multiple of pi/2,
    /// where the cancellation would cost relative accuracy) and for larger ax: Payne–Hanek.
    /// </remarks>
    private static bool ReduceQuarterTurns(double ax, out int q, out double rHi, out double rLo)
    {
        if (ax < CodyWaiteLimit)
        {
            // k = round(ax 2/pi) < 2^20
            double k = Math.Round(ax * Tables.TwoOverPi);
            // r = ax - k (P1 + P2 + P3): ax - k P1 exact (k P1 exact, Sterbenz), k P2 exact.
            double t1 = ax - k * Tables.PiOver2Part1;
            double t2 = TwoSum(t1, -(k * Tables.PiOver2Part2), out double e1);
            rHi = TwoSum(t2, -(k * Tables.PiOver2Part3), out double e2);
            rLo = e1 + e2;
            q = (int)k & 3;
            if (Math.Abs(rHi) >= TwoPowMinus27)
            {
                return true;
            }
        }
        else if (!(ax <= double.MaxValue))
        {
            q = 0;
            rHi = rLo = double.NaN;
            return false;
        }
        PayneHanek(ax, out q, out rHi, out rLo);
        return true;
    }

    /// <summary>
    /// Payne–Hanek reduction with integer arithmetic: for finite ax &gt;= 1/2, ax 2/pi = (integer) + f with
    /// f in [-1/2, 1/2], q = integer mod 4 and r = f pi/2, as a double-double with relative error below 2^-75.
    /// </summary>
    /// <remarks>
    /// M. H. Payne and R. N. Hanek, "Radian reduction for trigonometric functions", SIGNUM Newsletter 18(1),
    /// 1983. Write ax = M 2^e with M a 53-bit integer. Bits of 2/pi of weight 2^-i with i &lt;= e - 2 contribute
    /// multiples of 4 to ax 2/pi and are skipped; the next 256 bits G (from <see cref="TwoOverPiBits"/>) are
    /// multiplied exactly by M (a 309-bit product) and the bits left out contribute below 2^-138. The
    /// closest a double comes to a multiple of pi/2 is about 2^-61 (at 6381956970095103 * 2^797), so at least
    /// 75 correct bits of f remain; f is normalised and the leading 106 bits become a double-double.
    /// </remarks>
    private static void PayneHanek(double ax, out int q, out double rHi, out double rLo)
    {
        long bits = BitConverter.DoubleToInt64Bits(ax);
        int e = (int)(bits >> 52) - 1075;                             // ax = M 2^e
        ulong mantissa = ((ulong)bits & 0x000F_FFFF_FFFF_FFFFUL) | (1UL << 52);
        // First needed bit of 2/pi has weight 2^-(e-1); it lies in word (e-2)/64.
        int w0 = e > 2 ? (e - 2) >> 6 : 0;
        ulong[] words = TwoOverPiBits.Words;

        // P = M * G, G = words[w0..w0+3] (most significant first); P as 5 little-endian words.
        ulong p0, p1, p2, p3, p4, carry, low;
        carry = Math.BigMul(mantissa, words[w0 + 3], out p0);
        ulong high = Math.BigMul(mantissa, words[w0 + 2], out low);
        p1 = low + carry;
        carry = high + (p1 < low ? 1UL : 0UL);
        high = Math.BigMul(mantissa, words[w0 + 1], out low);
        p2 = low + carry;
        carry = high + (p2 < low ? 1UL : 0UL);
        high = Math.BigMul(mantissa, words[w0], out low);
        p3 = low + carry;
        p4 = high + (p3 < low ? 1UL : 0UL);
        Span<ulong> product = [p0, p1, p2, p3, p4];

        // ax 2/pi = P 2^(e - 64 w0 - 256): the binary point sits s bits above the bottom of P (191 <= s <= 309).
        int s = 64 * w0 + 256 - e;
        q = (int)(BitsAt(product, s) & 3);
        ulong f2 = BitsAt(product, s - 64), f1 = BitsAt(product, s - 128), f0 = BitsAt(product, s - 192);

        // Round to the nearest quarter turn: f >= 1/2 means q + 1 and f - 1 (negate the 192-bit fraction).
        double sign = 1.0;
        if ((long)f2 < 0)
        {
            q++;
            sign = -1.0;
            f0 = ~f0 + 1;
            f1 = ~f1 + (f0 == 0 ? 1UL : 0UL);
            f2 = ~f2 + (f0 == 0 && f1 == 0 ? 1UL : 0UL);
        }
        q &= 3;

        // Normalise |f| = (f2 f1 f0) 2^-192 so the top bit of f2 is set; |f| = (f2 f1 f0) 2^(-192 - lz).
        int lz = 0;
        for (int i = 0; i < 2 && f2 == 0; i++)
        {
            (f2, f1, f0) = (f1, f0, 0UL);
            lz += 64;
        }
        if (f2 == 0)
        {
            rHi = rLo = 0.0; // cannot happen for a double (see remarks); keeps the function total
            return;
        }
        int n = BitOperations.LeadingZeroCount(f2);
        if (n > 0)
        {
            f2 = (f2 << n) | (f1 >> (64 - n));
            f1 = (f1 << n) | (f0 >> (64 - n));
            lz += n;
        }
        // f = hiBits 2^(-53 - lz) + loBits 2^(-106 - lz), both 53-bit integers (exact doubles).
        ulong hiBits = f2 >> 11;
        ulong loBits = ((f2 & 0x7FFUL) << 42) | (f1 >> 22);
        double fHi = hiBits * TwoPow(-53 - lz);
        double fLo = loBits * TwoPow(-106 - lz);

        // r = f pi/2 in double-double
        rHi = TwoProduct(fHi, Tables.PiOver2Hi, out double err);
        rLo = err + (fHi * Tables.PiOver2Lo + fLo * Tables.PiOver2Hi);
        rHi *= sign;
        rLo *= sign;
    }

    /// <summary>The 64 bits of the little-endian multiword integer starting at bit <paramref name="pos"/> (zeros outside).</summary>
    private static ulong BitsAt(ReadOnlySpan<ulong> words, int pos)
    {
        int index = pos >> 6; // floor, also for negative pos
        int shift = pos & 63;
        ulong lowWord = index >= 0 && index < words.Length ? words[index] : 0UL;
        if (shift == 0)
        {
            return lowWord;
        }
        ulong highWord = index + 1 >= 0 && index + 1 < words.Length ? words[index + 1] : 0UL;
        return (lowWord >> shift) | (highWord << (64 - shift));
    }
}
