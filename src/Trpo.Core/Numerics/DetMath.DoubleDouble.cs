using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Core.Numerics;

public static partial class DetMath
{
    // Error-free transformations: building blocks of the double-double arithmetic used by every function.
    // References: D. E. Knuth, TAOCP vol. 2, 4.2.2 (TwoSum); T. J. Dekker, "A floating-point technique for
    // extending the available precision", Numer. Math. 18 (1971) (FastTwoSum, TwoProduct with Veltkamp's
    // splitting). All are exact in binary64 barring overflow, and in TwoProduct barring underflow of the
    // partial products (callers keep their operands above 2^-900).
    //
    // Fused multiply-add appears here and only here, and changes no bit: the error of a product, a·b − RN(a·b), is a
    // double whenever Dekker's product is exact, so RN(a·b − p) computed in one rounding by FMA *is* that error, the same
    // double Dekker's splitting assembles from four exact partial products. Where the CPU has no FMA (Fma.IsSupported
    // false) the splitting is used; the tests require the two to agree bit for bit. No other operation is ever fused, so
    // design.md's rule (no FMA in computed values unless everywhere) holds for every value the engine computes.

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

    /// <summary>p = RN(a * b) and the exact error: a * b = p + err (FMA where the CPU has it, else Dekker's product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoProduct(double a, double b, out double err)
    {
        double p = a * b;
        err = Fma.IsSupported ? Math.FusedMultiplyAdd(a, b, -p) : DekkerProductError(a, b, p);
        return p;
    }

    /// <summary>a * b − p for p = RN(a * b), exactly, by Veltkamp's splitting (Dekker's product; no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double DekkerProductError(double a, double b, double p)
    {
        // a = aHi + aLo, b = bHi + bLo with 26-bit halves, so every partial product below is exact.
        double t = Splitter * a;
        double aHi = t - (t - a);
        double aLo = a - aHi;
        t = Splitter * b;
        double bHi = t - (t - b);
        double bLo = b - bHi;
        return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
    }

    /// <summary>p = RN(a * a) and the exact error: a^2 = p + err (FMA where the CPU has it, else TwoProduct with one split).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSquare(double a, out double err)
    {
        double p = a * a;
        err = Fma.IsSupported ? Math.FusedMultiplyAdd(a, a, -p) : DekkerSquareError(a, p);
        return p;
    }

    /// <summary>a² − p for p = RN(a²), exactly, by one Veltkamp split (no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double DekkerSquareError(double a, double p)
    {
        double t = Splitter * a;
        double aHi = t - (t - a);
        double aLo = a - aHi;
        return ((aHi * aHi - p) + 2.0 * aHi * aLo) + aLo * aLo;
    }

    /// <summary>2^k for -1022 &lt;= k &lt;= 1023, built from its bits (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoPow(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
}
