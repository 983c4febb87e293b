using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

/// <summary>
/// The inner loops of the dense layers. Every product that is added to something here is one fused multiply-add,
/// acc ← fma(x, w, acc) = RN(x·w + acc) (and 1 − y² is fma(−y, y, 1)): <see cref="Vector256.FusedMultiplyAdd(Vector256{double}, Vector256{double}, Vector256{double})"/>
/// in the vector paths and <see cref="Math.FusedMultiplyAdd"/> in the scalar ones (tails, narrow heads, CPUs without
/// 256-bit vectors), in the same order, so a lane and its scalar twin give the same bits. Element-wise kernels give
/// every element exactly the result of the plain scalar loop written with <see cref="Math.FusedMultiplyAdd"/>.
/// <see cref="LaneDot"/> is a reduction with a fixed 4-lane order defined below. The fused operation is exactly
/// rounded by IEEE 754 (hardware FMA, or .NET's software fallback where the CPU has none), so the bits depend
/// neither on the CPU's vector width nor on whether it has FMA (design.md, determinism rules; checked by
/// KernelsTests against scalar references and by FmaIndependenceTests, a child process run without FMA instructions).
/// Where <see cref="Vector512.IsHardwareAccelerated"/> (AVX-512; a JIT-time constant) the kernels first take 512-bit
/// paths (the *512.cs files) in which every lane does exactly the operations of a 256-bit or scalar lane in the same
/// order, one output element or one LaneDot lane sum per lane, so the bits do not depend on it either (checked by the
/// same tests, which reach every 512-bit block and tail, and by Avx512IndependenceTests: goldens and a traced sb3 epoch
/// in a child with DOTNET_EnableAVX512=0).
/// </summary>
/// <remarks>
/// The loops are marked <see cref="MethodImplOptions.AggressiveOptimization"/>: compiled optimised at their first call
/// instead of running the JIT's unoptimised first tier, whose calls and uninlined vector helpers made the first
/// epochs of a short run several times slower (README, "Performance"). A JIT tier never changes a bit: the JIT
/// neither fuses a separate multiply and add nor splits a fused one.
/// </remarks>
public static partial class Kernels
{
    /// <summary>y_i ← fma(a, x_i, y_i) for every i (with a = 1 exactly y_i + x_i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int n = y.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            ref double yRef = ref MemoryMarshal.GetReference(y);
            ref double xRef = ref MemoryMarshal.GetReference(x[..n]);
            var av = Vector512.Create(a);
            for (; i + 8 <= n; i += 8) Fma(av, Vector512.LoadUnsafe(ref xRef, (nuint)i), Vector512.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
            if (i + 4 <= n)
            {
                Fma(Vector256.Create(a), Vector256.LoadUnsafe(ref xRef, (nuint)i), Vector256.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
                i += 4;
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var yv = MemoryMarshal.Cast<double, Vector256<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector256<double>>(x[..n]);
            var av = Vector256.Create(a);
            for (int v = 0; v < yv.Length; v++) yv[v] = Fma(av, xv[v], yv[v]);
            i = yv.Length * 4;
        }
        for (; i < n; i++) y[i] = Fma(a, x[i], y[i]);
    }

    /// <summary>
    /// x · y in a fixed lane order: four partial sums s_r = Σ_{i ≡ r (mod 4), i &lt; 4⌊n/4⌋} x_i y_i, each
    /// accumulated from 0 in increasing i as s_r ← fma(x_i, y_i, s_r), combined as (s_0 + s_1) + (s_2 + s_3), then
    /// the tail elements i ≥ 4⌊n/4⌋ added in increasing i as sum ← fma(x_i, y_i, sum).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LaneDot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, body = n & ~3;
        double s0, s1, s2, s3;
        if (Vector256.IsHardwareAccelerated)
        {
            var xv = MemoryMarshal.Cast<double, Vector256<double>>(x[..body]);
            var yv = MemoryMarshal.Cast<double, Vector256<double>>(y[..body]);
            var acc = Vector256<double>.Zero;
            for (int v = 0; v < xv.Length; v++) acc = Fma(xv[v], yv[v], acc);
            (s0, s1, s2, s3) = (acc.GetElement(0), acc.GetElement(1), acc.GetElement(2), acc.GetElement(3));
        }
        else
        {
            s0 = s1 = s2 = s3 = 0.0;
            for (int i = 0; i < body; i += 4)
            {
                s0 = Fma(x[i], y[i], s0);
                s1 = Fma(x[i + 1], y[i + 1], s1);
                s2 = Fma(x[i + 2], y[i + 2], s2);
                s3 = Fma(x[i + 3], y[i + 3], s3);
            }
        }
        double sum = (s0 + s1) + (s2 + s3);
        for (int i = body; i < n; i++) sum = Fma(x[i], y[i], sum);
        return sum;
    }

    /// <summary>
    /// z_j = Σ_k a_k · m[k·cols + j] for j &lt; cols, each sum accumulated from 0 over k in increasing order as
    /// z_j ← fma(a_k, m[k·cols + j], z_j), with outputs kept in registers in blocks of 32, 16 and 4 (the last ones in pairs);
    /// with AVX-512 first in blocks of 64, 32 and 8, one output per zmm lane (<see cref="RowTimesMatrix512"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowTimesMatrix(ReadOnlySpan<double> a, ReadOnlySpan<double> m, int cols, Span<double> z)
    {
        int rows = a.Length, j = 0;
        if (m.Length < rows * cols || z.Length < cols) throw new ArgumentException("matrix or output too short");
        ref double mRef = ref MemoryMarshal.GetReference(m);
        ref double aRef = ref MemoryMarshal.GetReference(a);
        if (Vector256.IsHardwareAccelerated)
        {
            // with AVX-512 the 512-bit blocks take the columns up to 8⌊cols/8⌋ (Kernels.Affine512.cs), the blocks below the rest
            if (Vector512.IsHardwareAccelerated) j = RowTimesMatrix512(ref aRef, rows, ref mRef, cols, ref MemoryMarshal.GetReference(z));
            for (; j + 32 <= cols; j += 32)
            {
                var s0 = Vector256<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
                var s4 = s0; var s5 = s0; var s6 = s0; var s7 = s0;
                for (int k = 0; k < rows; k++)
                {
                    var ak = Vector256.Create(Unsafe.Add(ref aRef, k));
                    nuint o = (nuint)(k * cols + j);
                    s0 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o), s0);
                    s1 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 4), s1);
                    s2 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 8), s2);
                    s3 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 12), s3);
                    s4 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 16), s4);
                    s5 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 20), s5);
                    s6 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 24), s6);
                    s7 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 28), s7);
                }
                s0.CopyTo(z[j..]); s1.CopyTo(z[(j + 4)..]); s2.CopyTo(z[(j + 8)..]); s3.CopyTo(z[(j + 12)..]);
                s4.CopyTo(z[(j + 16)..]); s5.CopyTo(z[(j + 20)..]); s6.CopyTo(z[(j + 24)..]); s7.CopyTo(z[(j + 28)..]);
            }
            for (; j + 16 <= cols; j += 16)
            {
                var s0 = Vector256<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
                for (int k = 0; k < rows; k++)
                {
                    var ak = Vector256.Create(Unsafe.Add(ref aRef, k));
                    nuint o = (nuint)(k * cols + j);
                    s0 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o), s0);
                    s1 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 4), s1);
                    s2 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 8), s2);
                    s3 = Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 12), s3);
                }
                s0.CopyTo(z[j..]); s1.CopyTo(z[(j + 4)..]); s2.CopyTo(z[(j + 8)..]); s3.CopyTo(z[(j + 12)..]);
            }
            for (; j + 4 <= cols; j += 4)
            {
                var s0 = Vector256<double>.Zero;
                for (int k = 0; k < rows; k++) s0 = Fma(Vector256.Create(Unsafe.Add(ref aRef, k)), Vector256.LoadUnsafe(ref mRef, (nuint)(k * cols + j)), s0);
                s0.CopyTo(z[j..]);
            }
        }
        // the last outputs two at a time: independent sums, each still over k in order
        for (; j + 2 <= cols; j += 2)
        {
            double s0 = 0.0, s1 = 0.0;
            for (int k = 0; k < rows; k++)
            {
                double ak = Unsafe.Add(ref aRef, k);
                s0 = Fma(ak, Unsafe.Add(ref mRef, k * cols + j), s0);
                s1 = Fma(ak, Unsafe.Add(ref mRef, k * cols + j + 1), s1);
            }
            z[j] = s0;
            z[j + 1] = s1;
        }
        for (; j < cols; j++)
        {
            double s = 0.0;
            for (int k = 0; k < rows; k++) s = Fma(Unsafe.Add(ref aRef, k), Unsafe.Add(ref mRef, k * cols + j), s);
            z[j] = s;
        }
    }

    /// <summary>
    /// z_j = Σ_k (a_k · m[k·cols + j] + b_k · w[k·cols + j]), each sum accumulated from 0 over k in increasing
    /// order, both products of each k fused in turn: z_j ← fma(b_k, w[k·cols + j], fma(a_k, m[k·cols + j], z_j))
    /// (the forward-mode product rule of a dense layer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowsTimesTwoMatrices(ReadOnlySpan<double> a, ReadOnlySpan<double> m, ReadOnlySpan<double> b, ReadOnlySpan<double> w, int cols, Span<double> z)
    {
        int rows = a.Length, j = 0;
        if (m.Length < rows * cols || w.Length < rows * cols || z.Length < cols) throw new ArgumentException("matrix or output too short");
        ref double mRef = ref MemoryMarshal.GetReference(m);
        ref double wRef = ref MemoryMarshal.GetReference(w);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= cols; j += 8)
            {
                var s0 = Vector256<double>.Zero; var s1 = s0;
                for (int k = 0; k < rows; k++)
                {
                    var ak = Vector256.Create(a[k]);
                    var bk = Vector256.Create(b[k]);
                    nuint o = (nuint)(k * cols + j);
                    s0 = Fma(bk, Vector256.LoadUnsafe(ref wRef, o), Fma(ak, Vector256.LoadUnsafe(ref mRef, o), s0));
                    s1 = Fma(bk, Vector256.LoadUnsafe(ref wRef, o + 4), Fma(ak, Vector256.LoadUnsafe(ref mRef, o + 4), s1));
                }
                s0.CopyTo(z[j..]); s1.CopyTo(z[(j + 4)..]);
            }
        }
        for (; j < cols; j++)
        {
            double s = 0.0;
            for (int k = 0; k < rows; k++) s = Fma(b[k], w[k * cols + j], Fma(a[k], m[k * cols + j], s));
            z[j] = s;
        }
    }

    /// <summary>
    /// g[k·cols + j] += Σ_n a[n·aStride + k] · d[n·cols + j] over rows n = 0 .. count−1 in increasing order
    /// (the weight gradient of a dense layer, Aᵀ D), the element-wise result of adding one row at a time as
    /// g ← fma(a[n, k], d[n, j], g).
    /// </summary>
    /// <remarks>
    /// Rows are taken in chunks of 32 so that the chunk of A and D stays in the level-1 cache, and each chunk
    /// in register blocks of 4 inputs k × 8 outputs j (8 accumulators loaded from g), or, for fewer than 8 outputs,
    /// of 16 or 4 inputs k for one output j; with AVX-512 first in blocks of 4 inputs × 32 or 16 outputs (16 or 8 zmm,
    /// one element per lane), of 32 inputs for one narrow output, and of 32 outputs for a leftover input
    /// (Kernels.Outer512.cs). Every element still sees n in increasing order, so neither the blocking nor the vector
    /// width changes a bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOuterProducts(ReadOnlySpan<double> a, int aStride, ReadOnlySpan<double> d, int cols, int count, Span<double> g)
    {
        const int chunk = 32;
        int inner = aStride;
        if (g.Length < inner * cols || a.Length < count * aStride || d.Length < count * cols) throw new ArgumentException("buffers too short");
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double dRef = ref MemoryMarshal.GetReference(d);
        ref double gRef = ref MemoryMarshal.GetReference(g);
        for (int start = 0; start < count; start += chunk)
        {
            int end = Math.Min(count, start + chunk);
            int k = 0;
            if (Vector512.IsHardwareAccelerated && cols >= 16)
            {
                // 512-bit blocks of 4 inputs × 32 or 16 outputs (Kernels.Outer512.cs), then the 256-bit and scalar ones
                for (; k + 4 <= inner; k += 4)
                {
                    int j = 0;
                    for (; j + 32 <= cols; j += 32)
                        AddOuterProductsBlock512x32(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                    for (; j + 16 <= cols; j += 16)
                        AddOuterProductsBlock512x16(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                    for (; j + 8 <= cols; j += 8)
                        AddOuterProductsBlock(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                    for (; j < cols; j++)
                        for (int kk = k; kk < k + 4; kk++)
                            AddOuterProductsScalar(ref aRef, aStride, ref dRef, cols, start, end, kk, j, ref gRef);
                }
            }
            else if (Vector256.IsHardwareAccelerated && cols >= 8)
            {
                for (; k + 4 <= inner; k += 4)
                {
                    int j = 0;
                    for (; j + 8 <= cols; j += 8)
                        AddOuterProductsBlock(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                    for (; j < cols; j++)
                        for (int kk = k; kk < k + 4; kk++)
                            AddOuterProductsScalar(ref aRef, aStride, ref dRef, cols, start, end, kk, j, ref gRef);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                // narrow outputs (a policy or value head): the lanes run over inputs k instead of outputs j
                if (Vector512.IsHardwareAccelerated)
                    for (; k + 32 <= inner; k += 32)
                    {
                        int j = 0;
                        for (; j + 2 <= cols; j += 2)
                            AddOuterProductsNarrowPair512(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                        if (j < cols)
                            AddOuterProductsNarrowBlock512(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                    }
                for (; k + 16 <= inner; k += 16)
                    for (int j = 0; j < cols; j++)
                        AddOuterProductsNarrowBlock(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                for (; k + 4 <= inner; k += 4)
                    for (int j = 0; j < cols; j++)
                        AddOuterProductsNarrowQuad(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
            }
            for (; k < inner; k++)
            {
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                    for (; j + 32 <= cols; j += 32)
                        AddOuterProductsRow512x32(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        nuint go = (nuint)(k * cols + j);
                        var s0 = Vector256.LoadUnsafe(ref gRef, go);
                        var s1 = Vector256.LoadUnsafe(ref gRef, go + 4);
                        for (int n = start; n < end; n++)
                        {
                            var an = Vector256.Create(Unsafe.Add(ref aRef, n * aStride + k));
                            nuint o = (nuint)(n * cols + j);
                            s0 = Fma(an, Vector256.LoadUnsafe(ref dRef, o), s0);
                            s1 = Fma(an, Vector256.LoadUnsafe(ref dRef, o + 4), s1);
                        }
                        s0.StoreUnsafe(ref gRef, go);
                        s1.StoreUnsafe(ref gRef, go + 4);
                    }
                }
                for (; j < cols; j++) AddOuterProductsScalar(ref aRef, aStride, ref dRef, cols, start, end, k, j, ref gRef);
            }
        }
    }

    /// <summary>g[k' · cols + j'] += Σ_{n in [start, end)} a[n, k'] d[n, j'] for k' in k .. k+3, j' in j .. j+7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsBlock(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        nuint g0 = (nuint)(k * cols + j), g1 = g0 + (nuint)cols, g2 = g1 + (nuint)cols, g3 = g2 + (nuint)cols;
        var s00 = Vector256.LoadUnsafe(ref g, g0); var s01 = Vector256.LoadUnsafe(ref g, g0 + 4);
        var s10 = Vector256.LoadUnsafe(ref g, g1); var s11 = Vector256.LoadUnsafe(ref g, g1 + 4);
        var s20 = Vector256.LoadUnsafe(ref g, g2); var s21 = Vector256.LoadUnsafe(ref g, g2 + 4);
        var s30 = Vector256.LoadUnsafe(ref g, g3); var s31 = Vector256.LoadUnsafe(ref g, g3 + 4);
        for (int n = start; n < end; n++)
        {
            nuint o = (nuint)(n * cols + j);
            var d0 = Vector256.LoadUnsafe(ref d, o);
            var d1 = Vector256.LoadUnsafe(ref d, o + 4);
            ref double an = ref Unsafe.Add(ref a, n * aStride + k);
            var x = Vector256.Create(an);
            s00 = Fma(x, d0, s00); s01 = Fma(x, d1, s01);
            x = Vector256.Create(Unsafe.Add(ref an, 1));
            s10 = Fma(x, d0, s10); s11 = Fma(x, d1, s11);
            x = Vector256.Create(Unsafe.Add(ref an, 2));
            s20 = Fma(x, d0, s20); s21 = Fma(x, d1, s21);
            x = Vector256.Create(Unsafe.Add(ref an, 3));
            s30 = Fma(x, d0, s30); s31 = Fma(x, d1, s31);
        }
        s00.StoreUnsafe(ref g, g0); s01.StoreUnsafe(ref g, g0 + 4);
        s10.StoreUnsafe(ref g, g1); s11.StoreUnsafe(ref g, g1 + 4);
        s20.StoreUnsafe(ref g, g2); s21.StoreUnsafe(ref g, g2 + 4);
        s30.StoreUnsafe(ref g, g3); s31.StoreUnsafe(ref g, g3 + 4);
    }

    /// <summary>
    /// g[k' · cols + j] += Σ_{n in [start, end)} a[n, k'] d[n, j] for k' in k .. k+15: four vectors of four inputs,
    /// each lane its own sum over n in increasing order (for output blocks narrower than a vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsNarrowBlock(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double gkj = ref Unsafe.Add(ref g, k * cols + j);
        var s0 = GatherColumn(ref gkj, cols);
        var s1 = GatherColumn(ref Unsafe.Add(ref gkj, 4 * cols), cols);
        var s2 = GatherColumn(ref Unsafe.Add(ref gkj, 8 * cols), cols);
        var s3 = GatherColumn(ref Unsafe.Add(ref gkj, 12 * cols), cols);
        for (int n = start; n < end; n++)
        {
            var x = Vector256.Create(Unsafe.Add(ref d, n * cols + j));
            ref double an = ref Unsafe.Add(ref a, n * aStride + k);
            s0 = Fma(Vector256.LoadUnsafe(ref an), x, s0);
            s1 = Fma(Vector256.LoadUnsafe(ref an, 4), x, s1);
            s2 = Fma(Vector256.LoadUnsafe(ref an, 8), x, s2);
            s3 = Fma(Vector256.LoadUnsafe(ref an, 12), x, s3);
        }
        ScatterColumn(s0, ref gkj, cols);
        ScatterColumn(s1, ref Unsafe.Add(ref gkj, 4 * cols), cols);
        ScatterColumn(s2, ref Unsafe.Add(ref gkj, 8 * cols), cols);
        ScatterColumn(s3, ref Unsafe.Add(ref gkj, 12 * cols), cols);
    }

    /// <summary>As <see cref="AddOuterProductsNarrowBlock"/> for the four inputs k .. k+3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsNarrowQuad(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double gkj = ref Unsafe.Add(ref g, k * cols + j);
        var s = GatherColumn(ref gkj, cols);
        for (int n = start; n < end; n++)
            s = Fma(Vector256.LoadUnsafe(ref Unsafe.Add(ref a, n * aStride + k)), Vector256.Create(Unsafe.Add(ref d, n * cols + j)), s);
        ScatterColumn(s, ref gkj, cols);
    }

    /// <summary>[g[0], g[stride], g[2 stride], g[3 stride]].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> GatherColumn(ref double g, int stride)
        => Vector256.Create(g, Unsafe.Add(ref g, stride), Unsafe.Add(ref g, 2 * stride), Unsafe.Add(ref g, 3 * stride));

    /// <summary>Writes the four lanes of <paramref name="v"/> to g[0], g[stride], g[2 stride], g[3 stride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterColumn(Vector256<double> v, ref double g, int stride)
    {
        g = v.GetElement(0);
        Unsafe.Add(ref g, stride) = v.GetElement(1);
        Unsafe.Add(ref g, 2 * stride) = v.GetElement(2);
        Unsafe.Add(ref g, 3 * stride) = v.GetElement(3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsScalar(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double gkj = ref Unsafe.Add(ref g, k * cols + j);
        double s = gkj;
        for (int n = start; n < end; n++) s = Fma(Unsafe.Add(ref a, n * aStride + k), Unsafe.Add(ref d, n * cols + j), s);
        gkj = s;
    }

    /// <summary>The scalar definition of <see cref="LaneDot"/> (with <see cref="Math.FusedMultiplyAdd"/>), for tests that pin its order.</summary>
    public static double LaneDotScalar(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, body = n & ~3;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < body; i += 4)
        {
            s0 = Fma(x[i], y[i], s0);
            s1 = Fma(x[i + 1], y[i + 1], s1);
            s2 = Fma(x[i + 2], y[i + 2], s2);
            s3 = Fma(x[i + 3], y[i + 3], s3);
        }
        double sum = (s0 + s1) + (s2 + s3);
        for (int i = body; i < n; i++) sum = Fma(x[i], y[i], sum);
        return sum;
    }
}
