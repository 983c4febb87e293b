using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// A dense layer over a batch: z[n·cols + j] = (Σ_k a[n·inner + k] · m[k·cols + j]) + bias[j] for every
    /// row n &lt; <paramref name="rows"/> and output j &lt; <paramref name="cols"/>, each sum accumulated from 0
    /// over k in increasing order as s ← fma(a[n·inner + k], m[k·cols + j], s) and the bias added last — on every row the bits of
    /// <see cref="RowTimesMatrix"/> followed by <see cref="Axpy"/>(z, 1, bias).
    /// </summary>
    /// <remarks>
    /// Four rows share each load of m (register blocks of 4 rows × 8 outputs, 8 accumulators; with AVX-512, 4 rows ×
    /// 32 outputs in 16 zmm accumulators, one output per lane), so the loop is bound by multiplies and adds rather than
    /// loads. A row's result does not depend on the block it falls in, nor on the vector width.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AffineRows(ReadOnlySpan<double> a, int rows, int inner, ReadOnlySpan<double> m, int cols, ReadOnlySpan<double> bias, Span<double> z)
    {
        if (a.Length < rows * inner || m.Length < inner * cols || bias.Length < cols || z.Length < rows * cols)
            throw new ArgumentException("buffers too short");
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double mRef = ref MemoryMarshal.GetReference(m);
        ref double bRef = ref MemoryMarshal.GetReference(bias);
        ref double zRef = ref MemoryMarshal.GetReference(z);
        int n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; n + 4 <= rows; n += 4)
                AffineFourRows(ref Unsafe.Add(ref aRef, n * inner), inner, ref mRef, cols, ref bRef, ref Unsafe.Add(ref zRef, n * cols));
        }
        for (; n < rows; n++)
        {
            Span<double> zRow = z.Slice(n * cols, cols);
            RowTimesMatrix(a.Slice(n * inner, inner), m, cols, zRow);
            Axpy(zRow, 1.0, bias);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AffineFourRows(ref double a, int inner, ref double m, int cols, ref double bias, ref double z)
    {
        ref double a1 = ref Unsafe.Add(ref a, inner);
        ref double a2 = ref Unsafe.Add(ref a, 2 * inner);
        ref double a3 = ref Unsafe.Add(ref a, 3 * inner);
        // with AVX-512 the 512-bit blocks take the columns up to 8⌊cols/8⌋ (Kernels.Affine512.cs), the blocks below the rest
        int j = Vector512.IsHardwareAccelerated ? AffineFourRows512(ref a, inner, ref m, cols, ref bias, ref z) : 0;
        for (; j + 8 <= cols; j += 8)
        {
            var s00 = Vector256<double>.Zero; var s01 = s00; var s10 = s00; var s11 = s00;
            var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
            for (int k = 0; k < inner; k++)
            {
                nuint o = (nuint)(k * cols + j);
                var w0 = Vector256.LoadUnsafe(ref m, o);
                var w1 = Vector256.LoadUnsafe(ref m, o + 4);
                var x = Vector256.Create(Unsafe.Add(ref a, k));
                s00 = Fma(x, w0, s00); s01 = Fma(x, w1, s01);
                x = Vector256.Create(Unsafe.Add(ref a1, k));
                s10 = Fma(x, w0, s10); s11 = Fma(x, w1, s11);
                x = Vector256.Create(Unsafe.Add(ref a2, k));
                s20 = Fma(x, w0, s20); s21 = Fma(x, w1, s21);
                x = Vector256.Create(Unsafe.Add(ref a3, k));
                s30 = Fma(x, w0, s30); s31 = Fma(x, w1, s31);
            }
            var b0 = Vector256.LoadUnsafe(ref bias, (nuint)j);
            var b1 = Vector256.LoadUnsafe(ref bias, (nuint)j + 4);
            (s00 + b0).StoreUnsafe(ref z, (nuint)j); (s01 + b1).StoreUnsafe(ref z, (nuint)j + 4);
            (s10 + b0).StoreUnsafe(ref z, (nuint)(cols + j)); (s11 + b1).StoreUnsafe(ref z, (nuint)(cols + j) + 4);
            (s20 + b0).StoreUnsafe(ref z, (nuint)(2 * cols + j)); (s21 + b1).StoreUnsafe(ref z, (nuint)(2 * cols + j) + 4);
            (s30 + b0).StoreUnsafe(ref z, (nuint)(3 * cols + j)); (s31 + b1).StoreUnsafe(ref z, (nuint)(3 * cols + j) + 4);
        }
        for (; j + 4 <= cols; j += 4)
        {
            var s0 = Vector256<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
            for (int k = 0; k < inner; k++)
            {
                var w0 = Vector256.LoadUnsafe(ref m, (nuint)(k * cols + j));
                s0 = Fma(Vector256.Create(Unsafe.Add(ref a, k)), w0, s0);
                s1 = Fma(Vector256.Create(Unsafe.Add(ref a1, k)), w0, s1);
                s2 = Fma(Vector256.Create(Unsafe.Add(ref a2, k)), w0, s2);
                s3 = Fma(Vector256.Create(Unsafe.Add(ref a3, k)), w0, s3);
            }
            var b0 = Vector256.LoadUnsafe(ref bias, (nuint)j);
            (s0 + b0).StoreUnsafe(ref z, (nuint)j);
            (s1 + b0).StoreUnsafe(ref z, (nuint)(cols + j));
            (s2 + b0).StoreUnsafe(ref z, (nuint)(2 * cols + j));
            (s3 + b0).StoreUnsafe(ref z, (nuint)(3 * cols + j));
        }
        for (; j < cols; j++)
        {
            // narrow outputs (a policy or value head): four independent scalar sums
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int k = 0; k < inner; k++)
            {
                double w = Unsafe.Add(ref m, k * cols + j);
                s0 = Fma(Unsafe.Add(ref a, k), w, s0);
                s1 = Fma(Unsafe.Add(ref a1, k), w, s1);
                s2 = Fma(Unsafe.Add(ref a2, k), w, s2);
                s3 = Fma(Unsafe.Add(ref a3, k), w, s3);
            }
            double b = Unsafe.Add(ref bias, j);
            Unsafe.Add(ref z, j) = s0 + b;
            Unsafe.Add(ref z, cols + j) = s1 + b;
            Unsafe.Add(ref z, 2 * cols + j) = s2 + b;
            Unsafe.Add(ref z, 3 * cols + j) = s3 + b;
        }
    }

    /// <summary>
    /// The forward-mode (Jacobian-vector) step of a dense layer over a batch:
    /// z[n·cols + j] = (Σ_k (a[n·inner + k] · m[k·cols + j] + b[n·inner + k] · w[k·cols + j])) + bias[j], each sum
    /// accumulated from 0 over k in increasing order as s ← fma(b[n·inner + k], w[k·cols + j], fma(a[n·inner + k], m[k·cols + j], s)),
    /// the bias added last — on every row the bits of
    /// <see cref="RowsTimesTwoMatrices"/> followed by <see cref="Axpy"/>(z, 1, bias).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AffinePairRows(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int rows, int inner, ReadOnlySpan<double> m, ReadOnlySpan<double> w, int cols, ReadOnlySpan<double> bias, Span<double> z)
    {
        if (a.Length < rows * inner || b.Length < rows * inner || m.Length < inner * cols || w.Length < inner * cols || bias.Length < cols || z.Length < rows * cols)
            throw new ArgumentException("buffers too short");
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double bRef = ref MemoryMarshal.GetReference(b);
        ref double mRef = ref MemoryMarshal.GetReference(m);
        ref double wRef = ref MemoryMarshal.GetReference(w);
        ref double biasRef = ref MemoryMarshal.GetReference(bias);
        ref double zRef = ref MemoryMarshal.GetReference(z);
        int n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; n + 4 <= rows; n += 4)
                AffinePairFourRows(ref Unsafe.Add(ref aRef, n * inner), ref Unsafe.Add(ref bRef, n * inner), inner, ref mRef, ref wRef, cols, ref biasRef, ref Unsafe.Add(ref zRef, n * cols));
        }
        for (; n < rows; n++)
        {
            Span<double> zRow = z.Slice(n * cols, cols);
            RowsTimesTwoMatrices(a.Slice(n * inner, inner), m, b.Slice(n * inner, inner), w, cols, zRow);
            Axpy(zRow, 1.0, bias);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AffinePairFourRows(ref double a, ref double b, int inner, ref double m, ref double w, int cols, ref double bias, ref double z)
    {
        // with AVX-512 the 512-bit blocks take the columns up to 8⌊cols/8⌋ (Kernels.Affine512.cs), the blocks below the rest
        int j = Vector512.IsHardwareAccelerated ? AffinePairFourRows512(ref a, ref b, inner, ref m, ref w, cols, ref bias, ref z) : 0;
        for (; j + 8 <= cols; j += 8)
        {
            var s00 = Vector256<double>.Zero; var s01 = s00; var s10 = s00; var s11 = s00;
            var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
            for (int k = 0; k < inner; k++)
            {
                nuint o = (nuint)(k * cols + j);
                var m0 = Vector256.LoadUnsafe(ref m, o);
                var m1 = Vector256.LoadUnsafe(ref m, o + 4);
                var w0 = Vector256.LoadUnsafe(ref w, o);
                var w1 = Vector256.LoadUnsafe(ref w, o + 4);
                var x = Vector256.Create(Unsafe.Add(ref a, k));
                var y = Vector256.Create(Unsafe.Add(ref b, k));
                s00 = Fma(y, w0, Fma(x, m0, s00)); s01 = Fma(y, w1, Fma(x, m1, s01));
                x = Vector256.Create(Unsafe.Add(ref a, inner + k));
                y = Vector256.Create(Unsafe.Add(ref b, inner + k));
                s10 = Fma(y, w0, Fma(x, m0, s10)); s11 = Fma(y, w1, Fma(x, m1, s11));
                x = Vector256.Create(Unsafe.Add(ref a, 2 * inner + k));
                y = Vector256.Create(Unsafe.Add(ref b, 2 * inner + k));
                s20 = Fma(y, w0, Fma(x, m0, s20)); s21 = Fma(y, w1, Fma(x, m1, s21));
                x = Vector256.Create(Unsafe.Add(ref a, 3 * inner + k));
                y = Vector256.Create(Unsafe.Add(ref b, 3 * inner + k));
                s30 = Fma(y, w0, Fma(x, m0, s30)); s31 = Fma(y, w1, Fma(x, m1, s31));
            }
            var b0 = Vector256.LoadUnsafe(ref bias, (nuint)j);
            var b1 = Vector256.LoadUnsafe(ref bias, (nuint)j + 4);
            (s00 + b0).StoreUnsafe(ref z, (nuint)j); (s01 + b1).StoreUnsafe(ref z, (nuint)j + 4);
            (s10 + b0).StoreUnsafe(ref z, (nuint)(cols + j)); (s11 + b1).StoreUnsafe(ref z, (nuint)(cols + j) + 4);
            (s20 + b0).StoreUnsafe(ref z, (nuint)(2 * cols + j)); (s21 + b1).StoreUnsafe(ref z, (nuint)(2 * cols + j) + 4);
            (s30 + b0).StoreUnsafe(ref z, (nuint)(3 * cols + j)); (s31 + b1).StoreUnsafe(ref z, (nuint)(3 * cols + j) + 4);
        }
        for (; j < cols; j++)
        {
            // narrow outputs (a policy or value head): four independent scalar sums, one per row
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int k = 0; k < inner; k++)
            {
                double mk = Unsafe.Add(ref m, k * cols + j), wk = Unsafe.Add(ref w, k * cols + j);
                s0 = Fma(Unsafe.Add(ref b, k), wk, Fma(Unsafe.Add(ref a, k), mk, s0));
                s1 = Fma(Unsafe.Add(ref b, inner + k), wk, Fma(Unsafe.Add(ref a, inner + k), mk, s1));
                s2 = Fma(Unsafe.Add(ref b, 2 * inner + k), wk, Fma(Unsafe.Add(ref a, 2 * inner + k), mk, s2));
                s3 = Fma(Unsafe.Add(ref b, 3 * inner + k), wk, Fma(Unsafe.Add(ref a, 3 * inner + k), mk, s3));
            }
            double bj = Unsafe.Add(ref bias, j);
            Unsafe.Add(ref z, j) = s0 + bj;
            Unsafe.Add(ref z, cols + j) = s1 + bj;
            Unsafe.Add(ref z, 2 * cols + j) = s2 + bj;
            Unsafe.Add(ref z, 3 * cols + j) = s3 + bj;
        }
    }

    /// <summary>dz_i ← dz_i · fma(−y_i, y_i, 1) for every i: the tangent through tanh, whose derivative is 1 − tanh².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyByTanhDerivative(Span<double> dz, ReadOnlySpan<double> y)
    {
        int n = dz.Length, i = 0;
        if (y.Length < n) throw new ArgumentException("y too short");
        if (Vector256.IsHardwareAccelerated)
        {
            ref double dRef = ref MemoryMarshal.GetReference(dz);
            ref double yRef = ref MemoryMarshal.GetReference(y);
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i + 8 <= n; i += 8)
                {
                    var yv = Vector512.LoadUnsafe(ref yRef, (nuint)i);
                    (Vector512.LoadUnsafe(ref dRef, (nuint)i) * OneMinusSquare(yv)).StoreUnsafe(ref dRef, (nuint)i);
                }
            }
            for (; i + 4 <= n; i += 4)
            {
                var yv = Vector256.LoadUnsafe(ref yRef, (nuint)i);
                (Vector256.LoadUnsafe(ref dRef, (nuint)i) * OneMinusSquare(yv)).StoreUnsafe(ref dRef, (nuint)i);
            }
        }
        for (; i < n; i++) dz[i] *= OneMinusSquare(y[i]);
    }
}
