using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// a·b + c rounded once (IEEE 754 fusedMultiplyAdd): one FMA instruction where the CPU has one, and .NET's
    /// exact software fallback otherwise, so the lanes hold the bits of <see cref="Math.FusedMultiplyAdd"/> on every CPU.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <summary>a·b + c rounded once: the scalar twin of the vector <see cref="Fma(Vector256{double}, Vector256{double}, Vector256{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    /// <summary>1 − y² rounded once, fma(−y, y, 1): the derivative of tanh at the activation y = tanh(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> OneMinusSquare(Vector256<double> y) => Vector256.FusedMultiplyAdd(-y, y, Vector256.Create(1.0));

    /// <summary>1 − y² rounded once, fma(−y, y, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double OneMinusSquare(double y) => Math.FusedMultiplyAdd(-y, y, 1.0);
}
