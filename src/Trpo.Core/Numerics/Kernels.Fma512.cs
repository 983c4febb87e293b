using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    // The 512-bit twins of Kernels.Fma.cs. Every lane of a Vector512 operation is the same IEEE 754 operation as
    // the lane of a Vector256 one or its scalar twin, so the 512-bit paths (taken where Vector512.IsHardwareAccelerated,
    // a JIT-time constant) give the bits of the 256-bit and scalar paths whenever each lane sees the same operands in
    // the same order; each kernel's remarks say which lanes hold what.

    /// <summary>a·b + c rounded once, in each of eight lanes (vfmadd on a CPU with AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <summary>1 − y² rounded once, fma(−y, y, 1), in each of eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> OneMinusSquare(Vector512<double> y) => Vector512.FusedMultiplyAdd(-y, y, Vector512.Create(1.0));
}
