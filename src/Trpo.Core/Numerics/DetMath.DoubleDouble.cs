using System.Runtime.CompilerServices;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    // Error-free transformations: building blocks of the double-double arithmetic used by every function.
    // References: D. E. Knuth, TAOCP vol. 2, 4.2.2 (TwoSum); T. J. Dekker, "A floating-point technique for
    // extending the available precision", Numer. Math. 18 (1971) (FastTwoSum, TwoProduct with Veltkamp's
    // splitting). All are exact in binary64 barring overflow, and in TwoProduct barring underflow of the
    // partial products (callers keep their operands above 2^-900).

    /// <summary>Veltkamp's splitting constant 2^27 + 1: splits a double into two 26-bit halves.</summary>
    private const double Splitter = 134217729.0;

    /// <summary>s = RN(a + b) and the exact error: a + b = s + err. Any magnitudes (Knuth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSum(double a, double b, out double err)
    {
        double s = a + b;
        double bVirtual = s - a;
        double aVirtual = s - bVirtual;
        err = (a - aVirtual) + (b - bVirtual);
        return s;
    }

    /// <summary>s = RN(a + b) and the exact error, provided |a| &gt;= |b| or a = 0 (Dekker).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FastTwoSum(double a, double b, out double err)
    {
        double s = a + b;
        err = b - (s - a);
        return s;
    }

    /// <summary>p = RN(a * b) and the exact error: a * b = p + err (Dekker's product, no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoProduct(double a, double b, out double err)
    {
        double p = a * b;
        // a = aHi + aLo, b = bHi + bLo with 26-bit halves, so every partial product below is exact.
        double t = Splitter * a;
        double aHi = t - (t - a);
        double aLo = a - aHi;
        t = Splitter * b;
        double bHi = t - (t - b);
        double bLo = b - bHi;
        err = ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
        return p;
    }

    /// <summary>p = RN(a * a) and the exact error: a^2 = p + err (TwoProduct with one split).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSquare(double a, out double err)
    {
        double p = a * a;
        double t = Splitter * a;
        double aHi = t - (t - a);
        double aLo = a - aHi;
        err = ((aHi * aHi - p) + 2.0 * aHi * aLo) + aLo * aLo;
        return p;
    }

    /// <summary>2^k for -1022 &lt;= k &lt;= 1023, built from its bits (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoPow(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
