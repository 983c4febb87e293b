using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    // The 512-bit blocks of AddOuterProducts (the weight gradient Aᵀ D). Every element g[k, j] is one accumulator lane,
    // loaded from g, fed fma(a[n, k], d[n, j], ·) for the chunk's rows n in increasing order and stored back: the same
    // operations in the same order as the 256-bit blocks and AddOuterProductsScalar. Lane i of a wide block's vector for
    // outputs j .. j+7 holds g[k, j + i]; lane i of a narrow block's vector for inputs k .. k+7 holds g[k + i, j] (a narrow
    // pair block keeps the outputs j and j + 1 in two such sets of four vectors, sharing each row's loads of a).

    /// <summary>g[k' · cols + j'] += Σ_{n in [start, end)} a[n, k'] d[n, j'] for k' in k .. k+3, j' in j .. j+31 (16 zmm accumulators).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsBlock512x32(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double g0 = ref Unsafe.Add(ref g, k * cols + j);
        ref double g1 = ref Unsafe.Add(ref g0, cols);
        ref double g2 = ref Unsafe.Add(ref g1, cols);
        ref double g3 = ref Unsafe.Add(ref g2, cols);
        var s00 = Vector512.LoadUnsafe(ref g0); var s01 = Vector512.LoadUnsafe(ref g0, 8); var s02 = Vector512.LoadUnsafe(ref g0, 16); var s03 = Vector512.LoadUnsafe(ref g0, 24);
        var s10 = Vector512.LoadUnsafe(ref g1); var s11 = Vector512.LoadUnsafe(ref g1, 8); var s12 = Vector512.LoadUnsafe(ref g1, 16); var s13 = Vector512.LoadUnsafe(ref g1, 24);
        var s20 = Vector512.LoadUnsafe(ref g2); var s21 = Vector512.LoadUnsafe(ref g2, 8); var s22 = Vector512.LoadUnsafe(ref g2, 16); var s23 = Vector512.LoadUnsafe(ref g2, 24);
        var s30 = Vector512.LoadUnsafe(ref g3); var s31 = Vector512.LoadUnsafe(ref g3, 8); var s32 = Vector512.LoadUnsafe(ref g3, 16); var s33 = Vector512.LoadUnsafe(ref g3, 24);
        for (int n = start; n < end; n++)
        {
            ref double dn = ref Unsafe.Add(ref d, n * cols + j);
            var d0 = Vector512.LoadUnsafe(ref dn);
            var d1 = Vector512.LoadUnsafe(ref dn, 8);
            var d2 = Vector512.LoadUnsafe(ref dn, 16);
            var d3 = Vector512.LoadUnsafe(ref dn, 24);
            ref double an = ref Unsafe.Add(ref a, n * aStride + k);
            var x = Vector512.Create(an);
            s00 = Fma(x, d0, s00); s01 = Fma(x, d1, s01); s02 = Fma(x, d2, s02); s03 = Fma(x, d3, s03);
            x = Vector512.Create(Unsafe.Add(ref an, 1));
            s10 = Fma(x, d0, s10); s11 = Fma(x, d1, s11); s12 = Fma(x, d2, s12); s13 = Fma(x, d3, s13);
            x = Vector512.Create(Unsafe.Add(ref an, 2));
            s20 = Fma(x, d0, s20); s21 = Fma(x, d1, s21); s22 = Fma(x, d2, s22); s23 = Fma(x, d3, s23);
            x = Vector512.Create(Unsafe.Add(ref an, 3));
            s30 = Fma(x, d0, s30); s31 = Fma(x, d1, s31); s32 = Fma(x, d2, s32); s33 = Fma(x, d3, s33);
        }
        s00.StoreUnsafe(ref g0); s01.StoreUnsafe(ref g0, 8); s02.StoreUnsafe(ref g0, 16); s03.StoreUnsafe(ref g0, 24);
        s10.StoreUnsafe(ref g1); s11.StoreUnsafe(ref g1, 8); s12.StoreUnsafe(ref g1, 16); s13.StoreUnsafe(ref g1, 24);
        s20.StoreUnsafe(ref g2); s21.StoreUnsafe(ref g2, 8); s22.StoreUnsafe(ref g2, 16); s23.StoreUnsafe(ref g2, 24);
        s30.StoreUnsafe(ref g3); s31.StoreUnsafe(ref g3, 8); s32.StoreUnsafe(ref g3, 16); s33.StoreUnsafe(ref g3, 24);
    }

    /// <summary>g[k' · cols + j'] += Σ_{n in [start, end)} a[n, k'] d[n, j'] for k' in k .. k+3, j' in j .. j+15 (8 zmm accumulators).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsBlock512x16(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double g0 = ref Unsafe.Add(ref g, k * cols + j);
        ref double g1 = ref Unsafe.Add(ref g0, cols);
        ref double g2 = ref Unsafe.Add(ref g1, cols);
        ref double g3 = ref Unsafe.Add(ref g2, cols);
        var s00 = Vector512.LoadUnsafe(ref g0); var s01 = Vector512.LoadUnsafe(ref g0, 8);
        var s10 = Vector512.LoadUnsafe(ref g1); var s11 = Vector512.LoadUnsafe(ref g1, 8);
        var s20 = Vector512.LoadUnsafe(ref g2); var s21 = Vector512.LoadUnsafe(ref g2, 8);
        var s30 = Vector512.LoadUnsafe(ref g3); var s31 = Vector512.LoadUnsafe(ref g3, 8);
        for (int n = start; n < end; n++)
        {
            ref double dn = ref Unsafe.Add(ref d, n * cols + j);
            var d0 = Vector512.LoadUnsafe(ref dn);
            var d1 = Vector512.LoadUnsafe(ref dn, 8);
            ref double an = ref Unsafe.Add(ref a, n * aStride + k);
            var x = Vector512.Create(an);
            s00 = Fma(x, d0, s00); s01 = Fma(x, d1, s01);
            x = Vector512.Create(Unsafe.Add(ref an, 1));
            s10 = Fma(x, d0, s10); s11 = Fma(x, d1, s11);
            x = Vector512.Create(Unsafe.Add(ref an, 2));
            s20 = Fma(x, d0, s20); s21 = Fma(x, d1, s21);
            x = Vector512.Create(Unsafe.Add(ref an, 3));
            s30 = Fma(x, d0, s30); s31 = Fma(x, d1, s31);
        }
        s00.StoreUnsafe(ref g0); s01.StoreUnsafe(ref g0, 8);
        s10.StoreUnsafe(ref g1); s11.StoreUnsafe(ref g1, 8);
        s20.StoreUnsafe(ref g2); s21.StoreUnsafe(ref g2, 8);
        s30.StoreUnsafe(ref g3); s31.StoreUnsafe(ref g3, 8);
    }

    /// <summary>
    /// g[k · cols + j'] += Σ_{n in [start, end)} a[n, k] d[n, j'] for one input k and j' in j .. j+31 (4 zmm accumulators):
    /// the inputs left over by the blocks of four, e.g. the third input of Pendulum's first layer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsRow512x32(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double g0 = ref Unsafe.Add(ref g, k * cols + j);
        var s0 = Vector512.LoadUnsafe(ref g0); var s1 = Vector512.LoadUnsafe(ref g0, 8);
        var s2 = Vector512.LoadUnsafe(ref g0, 16); var s3 = Vector512.LoadUnsafe(ref g0, 24);
        for (int n = start; n < end; n++)
        {
            ref double dn = ref Unsafe.Add(ref d, n * cols + j);
            var x = Vector512.Create(Unsafe.Add(ref a, n * aStride + k));
            s0 = Fma(x, Vector512.LoadUnsafe(ref dn), s0);
            s1 = Fma(x, Vector512.LoadUnsafe(ref dn, 8), s1);
            s2 = Fma(x, Vector512.LoadUnsafe(ref dn, 16), s2);
            s3 = Fma(x, Vector512.LoadUnsafe(ref dn, 24), s3);
        }
        s0.StoreUnsafe(ref g0); s1.StoreUnsafe(ref g0, 8); s2.StoreUnsafe(ref g0, 16); s3.StoreUnsafe(ref g0, 24);
    }

    /// <summary>
    /// g[k' · cols + j] += Σ_{n in [start, end)} a[n, k'] d[n, j] for k' in k .. k+31 and one output j: four zmm of eight
    /// inputs each, lane i of the vector for k .. k+7 holding g[k + i, j] (for outputs narrower than a vector: a head).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsNarrowBlock512(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double gkj = ref Unsafe.Add(ref g, k * cols + j);
        var s0 = GatherColumn512(ref gkj, cols);
        var s1 = GatherColumn512(ref Unsafe.Add(ref gkj, 8 * cols), cols);
        var s2 = GatherColumn512(ref Unsafe.Add(ref gkj, 16 * cols), cols);
        var s3 = GatherColumn512(ref Unsafe.Add(ref gkj, 24 * cols), cols);
        for (int n = start; n < end; n++)
        {
            var x = Vector512.Create(Unsafe.Add(ref d, n * cols + j));
            ref double an = ref Unsafe.Add(ref a, n * aStride + k);
            s0 = Fma(Vector512.LoadUnsafe(ref an), x, s0);
            s1 = Fma(Vector512.LoadUnsafe(ref an, 8), x, s1);
            s2 = Fma(Vector512.LoadUnsafe(ref an, 16), x, s2);
            s3 = Fma(Vector512.LoadUnsafe(ref an, 24), x, s3);
        }
        ScatterColumn512(s0, ref gkj, cols);
        ScatterColumn512(s1, ref Unsafe.Add(ref gkj, 8 * cols), cols);
        ScatterColumn512(s2, ref Unsafe.Add(ref gkj, 16 * cols), cols);
        ScatterColumn512(s3, ref Unsafe.Add(ref gkj, 24 * cols), cols);
    }

    /// <summary>
    /// <see cref="AddOuterProductsNarrowBlock512"/> for the two outputs j and j+1 at once (8 zmm accumulators): each row's
    /// 32 inputs are loaded once for both outputs, and eight independent sums keep both FMA units busy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProductsNarrowPair512(ref double a, int aStride, ref double d, int cols, int start, int end, int k, int j, ref double g)
    {
        ref double gkj = ref Unsafe.Add(ref g, k * cols + j);
        ref double gk1 = ref Unsafe.Add(ref gkj, 1);
        var s0 = GatherColumn512(ref gkj, cols);
        var s1 = GatherColumn512(ref Unsafe.Add(ref gkj, 8 * cols), cols);
        var s2 = GatherColumn512(ref Unsafe.Add(ref gkj, 16 * cols), cols);
        var s3 = GatherColumn512(ref Unsafe.Add(ref gkj, 24 * cols), cols);
        var t0 = GatherColumn512(ref gk1, cols);
        var t1 = GatherColumn512(ref Unsafe.Add(ref gk1, 8 * cols), cols);
        var t2 = GatherColumn512(ref Unsafe.Add(ref gk1, 16 * cols), cols);
        var t3 = GatherColumn512(ref Unsafe.Add(ref gk1, 24 * cols), cols);
        for (int n = start; n < end; n++)
        {
            ref double dn = ref Unsafe.Add(ref d, n * cols + j);
            var x = Vector512.Create(dn);
            var y = Vector512.Create(Unsafe.Add(ref dn, 1));
            ref double an = ref Unsafe.Add(ref a, n * aStride + k);
            var a0 = Vector512.LoadUnsafe(ref an); var a1 = Vector512.LoadUnsafe(ref an, 8);
            var a2 = Vector512.LoadUnsafe(ref an, 16); var a3 = Vector512.LoadUnsafe(ref an, 24);
            s0 = Fma(a0, x, s0); s1 = Fma(a1, x, s1); s2 = Fma(a2, x, s2); s3 = Fma(a3, x, s3);
            t0 = Fma(a0, y, t0); t1 = Fma(a1, y, t1); t2 = Fma(a2, y, t2); t3 = Fma(a3, y, t3);
        }
        ScatterColumn512(s0, ref gkj, cols);
        ScatterColumn512(s1, ref Unsafe.Add(ref gkj, 8 * cols), cols);
        ScatterColumn512(s2, ref Unsafe.Add(ref gkj, 16 * cols), cols);
        ScatterColumn512(s3, ref Unsafe.Add(ref gkj, 24 * cols), cols);
        ScatterColumn512(t0, ref gk1, cols);
        ScatterColumn512(t1, ref Unsafe.Add(ref gk1, 8 * cols), cols);
        ScatterColumn512(t2, ref Unsafe.Add(ref gk1, 16 * cols), cols);
        ScatterColumn512(t3, ref Unsafe.Add(ref gk1, 24 * cols), cols);
    }

    /// <summary>[g[0], g[stride], .., g[7 stride]].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> GatherColumn512(ref double g, int stride)
        => Vector512.Create(GatherColumn(ref g, stride), GatherColumn(ref Unsafe.Add(ref g, 4 * stride), stride));

    /// <summary>Writes the eight lanes of <paramref name="v"/> to g[0], g[stride], .., g[7 stride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterColumn512(Vector512<double> v, ref double g, int stride)
    {
        ScatterColumn(v.GetLower(), ref g, stride);
        ScatterColumn(v.GetUpper(), ref Unsafe.Add(ref g, 4 * stride), stride);
    }
}
