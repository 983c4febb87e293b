using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    // The output-sensitivity kernels of the Fisher-vector product (Mlp.Sensitivities.cs): S_h[n, o, :] = ∂f_o/∂z_h
    // of row n, stored row-major as (n·outputs + o)·width + j. As in every dense kernel (Kernels.cs) each product added
    // to something is one fused multiply-add and 1 − a² is fma(−a, a, 1); the reductions use LaneDot's fixed order or a
    // sum over o from 0 in increasing order, the vector lanes and their scalar twins in the same order.

    /// <summary>
    /// The last hidden layer's sensitivities: p[(n·outputs + o)·inner + j] = w[j·outputs + o] · fma(−a, a, 1) with a = a[n·inner + j],
    /// i.e. ∂f_o/∂z_j = W_oj tanh'(z_j) through a linear output layer with W_lᵀ layout w (inner × outputs).
    /// </summary>
    /// <remarks>k · inner multiplies per row, once per policy step: a scalar loop.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LastHiddenSensitivities(ReadOnlySpan<double> w, int inner, int outputs, ReadOnlySpan<double> a, int rows, Span<double> p)
    {
        if (w.Length < inner * outputs || a.Length < rows * inner || p.Length < rows * outputs * inner) throw new ArgumentException("buffers too short");
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<double> aRow = a.Slice(n * inner, inner);
            for (int o = 0; o < outputs; o++)
            {
                Span<double> pRow = p.Slice((n * outputs + o) * inner, inner);
                for (int j = 0; j < inner; j++) pRow[j] = w[j * outputs + o] * OneMinusSquare(aRow[j]);
            }
        }
    }

    /// <summary>
    /// One hidden layer's sensitivities from the next one's: p[(n·outputs + o)·inner + k] =
    /// <see cref="LaneDot"/>(w[k·cols .. k·cols + cols), s[(n·outputs + o)·cols ..)) · fma(−a, a, 1) with a = a[n·inner + k],
    /// i.e. S_h = (1 − a_h²) ⊙ W_{h+1}ᵀ S_{h+1} for every row n and output o, with exactly LaneDot's order.
    /// </summary>
    /// <remarks>
    /// <see cref="BackpropTanhRows"/> over the rows × outputs sensitivity rows, each row n's activations shared by its
    /// <paramref name="outputs"/> sensitivity rows (the same kernel and bits: a delta row per output).
    /// </remarks>
    public static void SensitivitiesThroughTanh(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> s, int outputs, ReadOnlySpan<double> a, int rows, Span<double> p)
    {
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "must be at least 1");
        if (w.Length < inner * cols || s.Length < rows * outputs * cols || a.Length < rows * inner || p.Length < rows * outputs * inner)
            throw new ArgumentException("buffers too short");
        BackpropTanhGrouped(w, inner, cols, s, a, rows * outputs, outputs, p);
    }

    /// <summary>
    /// jv[n·outputs + o] += <see cref="LaneDot"/>(s[(n·outputs + o)·width ..), t[n·width ..)) for every row n and output o:
    /// a hidden layer's share S_h[n, o, :] · dz_h of the output tangent (J v)_{n,o}.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddSensitivityDots(ReadOnlySpan<double> s, ReadOnlySpan<double> t, int width, int outputs, int rows, Span<double> jv)
    {
        if (s.Length < rows * outputs * width || t.Length < rows * width || jv.Length < rows * outputs) throw new ArgumentException("buffers too short");
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<double> tRow = t.Slice(n * width, width);
            for (int o = 0; o < outputs; o++)
                jv[n * outputs + o] += LaneDot(s.Slice((n * outputs + o) * width, width), tRow);
        }
    }

    /// <summary>
    /// c[n·width + j] = Σ_o u[n·outputs + o] · s[(n·outputs + o)·width + j], accumulated from 0 over o in increasing order
    /// as c ← fma(u_o, s_o, c):
    /// the reverse pass's ∂ℓ/∂z_h = S_hᵀ u of every row, given its output gradient u.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CombineSensitivities(ReadOnlySpan<double> u, ReadOnlySpan<double> s, int width, int outputs, int rows, Span<double> c)
    {
        if (u.Length < rows * outputs || s.Length < rows * outputs * width || c.Length < rows * width) throw new ArgumentException("buffers too short");
        ref double uRef = ref MemoryMarshal.GetReference(u);
        ref double sRef = ref MemoryMarshal.GetReference(s);
        ref double cRef = ref MemoryMarshal.GetReference(c);
        for (int n = 0; n < rows; n++)
        {
            ref double uRow = ref Unsafe.Add(ref uRef, n * outputs);
            ref double sRow = ref Unsafe.Add(ref sRef, n * outputs * width);
            ref double cRow = ref Unsafe.Add(ref cRef, n * width);
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                // eight outputs j per zmm, each lane its own sum over o in order
                for (; j + 8 <= width; j += 8)
                {
                    var acc = Vector512<double>.Zero;
                    for (int o = 0; o < outputs; o++)
                        acc = Fma(Vector512.Create(Unsafe.Add(ref uRow, o)), Vector512.LoadUnsafe(ref sRow, (nuint)(o * width + j)), acc);
                    acc.StoreUnsafe(ref cRow, (nuint)j);
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j + 4 <= width; j += 4)
                {
                    var acc = Vector256<double>.Zero;
                    for (int o = 0; o < outputs; o++)
                        acc = Fma(Vector256.Create(Unsafe.Add(ref uRow, o)), Vector256.LoadUnsafe(ref sRow, (nuint)(o * width + j)), acc);
                    acc.StoreUnsafe(ref cRow, (nuint)j);
                }
            }
            for (; j < width; j++)
            {
                double acc = 0.0;
                for (int o = 0; o < outputs; o++) acc = Fma(Unsafe.Add(ref uRow, o), Unsafe.Add(ref sRow, o * width + j), acc);
                Unsafe.Add(ref cRow, j) = acc;
            }
        }
    }
}
