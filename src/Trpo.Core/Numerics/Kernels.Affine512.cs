using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    // The 512-bit blocks of the forward kernels (AffineRows, AffinePairRows, RowTimesMatrix). Each output z[n, j] is one
    // accumulator lane: lane i of the vector for outputs j .. j+7 holds the sum of output j + i, accumulated from 0 over
    // k in increasing order, one fused multiply-add per k (two for the product rule), exactly as its 256-bit and scalar
    // twins do; eight outputs per zmm instead of four per ymm change which register holds a sum, not its operations.
    // Each block returns the first output column it did not do; the callers finish with their 256-bit and scalar tails.

    /// <summary>
    /// The columns j &lt; 8⌊cols/8⌋ of four rows of <see cref="AffineRows"/>: blocks of 4 rows × 32 outputs (16 zmm
    /// accumulators; per k four loads of m and four broadcasts of a feed 16 fused multiply-adds), then 4 × 16 and 4 × 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AffineFourRows512(ref double a, int inner, ref double m, int cols, ref double bias, ref double z)
    {
        ref double a1 = ref Unsafe.Add(ref a, inner);
        ref double a2 = ref Unsafe.Add(ref a, 2 * inner);
        ref double a3 = ref Unsafe.Add(ref a, 3 * inner);
        nuint c = (nuint)cols;
        int j = 0;
        for (; j + 32 <= cols; j += 32)
        {
            var s00 = Vector512<double>.Zero; var s01 = s00; var s02 = s00; var s03 = s00;
            var s10 = s00; var s11 = s00; var s12 = s00; var s13 = s00;
            var s20 = s00; var s21 = s00; var s22 = s00; var s23 = s00;
            var s30 = s00; var s31 = s00; var s32 = s00; var s33 = s00;
            for (int k = 0; k < inner; k++)
            {
                nuint o = (nuint)(k * cols + j);
                var w0 = Vector512.LoadUnsafe(ref m, o);
                var w1 = Vector512.LoadUnsafe(ref m, o + 8);
                var w2 = Vector512.LoadUnsafe(ref m, o + 16);
                var w3 = Vector512.LoadUnsafe(ref m, o + 24);
                var x = Vector512.Create(Unsafe.Add(ref a, k));
                s00 = Fma(x, w0, s00); s01 = Fma(x, w1, s01); s02 = Fma(x, w2, s02); s03 = Fma(x, w3, s03);
                x = Vector512.Create(Unsafe.Add(ref a1, k));
                s10 = Fma(x, w0, s10); s11 = Fma(x, w1, s11); s12 = Fma(x, w2, s12); s13 = Fma(x, w3, s13);
                x = Vector512.Create(Unsafe.Add(ref a2, k));
                s20 = Fma(x, w0, s20); s21 = Fma(x, w1, s21); s22 = Fma(x, w2, s22); s23 = Fma(x, w3, s23);
                x = Vector512.Create(Unsafe.Add(ref a3, k));
                s30 = Fma(x, w0, s30); s31 = Fma(x, w1, s31); s32 = Fma(x, w2, s32); s33 = Fma(x, w3, s33);
            }
            nuint jj = (nuint)j;
            var b0 = Vector512.LoadUnsafe(ref bias, jj); var b1 = Vector512.LoadUnsafe(ref bias, jj + 8);
            var b2 = Vector512.LoadUnsafe(ref bias, jj + 16); var b3 = Vector512.LoadUnsafe(ref bias, jj + 24);
            (s00 + b0).StoreUnsafe(ref z, jj); (s01 + b1).StoreUnsafe(ref z, jj + 8);
            (s02 + b2).StoreUnsafe(ref z, jj + 16); (s03 + b3).StoreUnsafe(ref z, jj + 24);
            (s10 + b0).StoreUnsafe(ref z, c + jj); (s11 + b1).StoreUnsafe(ref z, c + jj + 8);
            (s12 + b2).StoreUnsafe(ref z, c + jj + 16); (s13 + b3).StoreUnsafe(ref z, c + jj + 24);
            (s20 + b0).StoreUnsafe(ref z, 2 * c + jj); (s21 + b1).StoreUnsafe(ref z, 2 * c + jj + 8);
            (s22 + b2).StoreUnsafe(ref z, 2 * c + jj + 16); (s23 + b3).StoreUnsafe(ref z, 2 * c + jj + 24);
            (s30 + b0).StoreUnsafe(ref z, 3 * c + jj); (s31 + b1).StoreUnsafe(ref z, 3 * c + jj + 8);
            (s32 + b2).StoreUnsafe(ref z, 3 * c + jj + 16); (s33 + b3).StoreUnsafe(ref z, 3 * c + jj + 24);
        }
        for (; j + 16 <= cols; j += 16)
        {
            var s00 = Vector512<double>.Zero; var s01 = s00; var s10 = s00; var s11 = s00;
            var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
            for (int k = 0; k < inner; k++)
            {
                nuint o = (nuint)(k * cols + j);
                var w0 = Vector512.LoadUnsafe(ref m, o);
                var w1 = Vector512.LoadUnsafe(ref m, o + 8);
                var x = Vector512.Create(Unsafe.Add(ref a, k));
                s00 = Fma(x, w0, s00); s01 = Fma(x, w1, s01);
                x = Vector512.Create(Unsafe.Add(ref a1, k));
                s10 = Fma(x, w0, s10); s11 = Fma(x, w1, s11);
                x = Vector512.Create(Unsafe.Add(ref a2, k));
                s20 = Fma(x, w0, s20); s21 = Fma(x, w1, s21);
                x = Vector512.Create(Unsafe.Add(ref a3, k));
                s30 = Fma(x, w0, s30); s31 = Fma(x, w1, s31);
            }
            nuint jj = (nuint)j;
            var b0 = Vector512.LoadUnsafe(ref bias, jj); var b1 = Vector512.LoadUnsafe(ref bias, jj + 8);
            (s00 + b0).StoreUnsafe(ref z, jj); (s01 + b1).StoreUnsafe(ref z, jj + 8);
            (s10 + b0).StoreUnsafe(ref z, c + jj); (s11 + b1).StoreUnsafe(ref z, c + jj + 8);
            (s20 + b0).StoreUnsafe(ref z, 2 * c + jj); (s21 + b1).StoreUnsafe(ref z, 2 * c + jj + 8);
            (s30 + b0).StoreUnsafe(ref z, 3 * c + jj); (s31 + b1).StoreUnsafe(ref z, 3 * c + jj + 8);
        }
        for (; j + 8 <= cols; j += 8)
        {
            var s0 = Vector512<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
            for (int k = 0; k < inner; k++)
            {
                var w0 = Vector512.LoadUnsafe(ref m, (nuint)(k * cols + j));
                s0 = Fma(Vector512.Create(Unsafe.Add(ref a, k)), w0, s0);
                s1 = Fma(Vector512.Create(Unsafe.Add(ref a1, k)), w0, s1);
                s2 = Fma(Vector512.Create(Unsafe.Add(ref a2, k)), w0, s2);
                s3 = Fma(Vector512.Create(Unsafe.Add(ref a3, k)), w0, s3);
            }
            nuint jj = (nuint)j;
            var b0 = Vector512.LoadUnsafe(ref bias, jj);
            (s0 + b0).StoreUnsafe(ref z, jj);
            (s1 + b0).StoreUnsafe(ref z, c + jj);
            (s2 + b0).StoreUnsafe(ref z, 2 * c + jj);
            (s3 + b0).StoreUnsafe(ref z, 3 * c + jj);
        }
        return j;
    }

    /// <summary>
    /// The columns j &lt; 8⌊cols/8⌋ of four rows of <see cref="AffinePairRows"/>: blocks of 4 rows × 16 outputs
    /// (8 zmm accumulators, each fed fma(b, w, fma(a, m, s)) per k), then 4 × 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AffinePairFourRows512(ref double a, ref double b, int inner, ref double m, ref double w, int cols, ref double bias, ref double z)
    {
        nuint c = (nuint)cols;
        int j = 0;
        for (; j + 16 <= cols; j += 16)
        {
            var s00 = Vector512<double>.Zero; var s01 = s00; var s10 = s00; var s11 = s00;
            var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
            for (int k = 0; k < inner; k++)
            {
                nuint o = (nuint)(k * cols + j);
                var m0 = Vector512.LoadUnsafe(ref m, o);
                var m1 = Vector512.LoadUnsafe(ref m, o + 8);
                var w0 = Vector512.LoadUnsafe(ref w, o);
                var w1 = Vector512.LoadUnsafe(ref w, o + 8);
                var x = Vector512.Create(Unsafe.Add(ref a, k));
                var y = Vector512.Create(Unsafe.Add(ref b, k));
                s00 = Fma(y, w0, Fma(x, m0, s00)); s01 = Fma(y, w1, Fma(x, m1, s01));
                x = Vector512.Create(Unsafe.Add(ref a, inner + k));
                y = Vector512.Create(Unsafe.Add(ref b, inner + k));
                s10 = Fma(y, w0, Fma(x, m0, s10)); s11 = Fma(y, w1, Fma(x, m1, s11));
                x = Vector512.Create(Unsafe.Add(ref a, 2 * inner + k));
                y = Vector512.Create(Unsafe.Add(ref b, 2 * inner + k));
                s20 = Fma(y, w0, Fma(x, m0, s20)); s21 = Fma(y, w1, Fma(x, m1, s21));
                x = Vector512.Create(Unsafe.Add(ref a, 3 * inner + k));
                y = Vector512.Create(Unsafe.Add(ref b, 3 * inner + k));
                s30 = Fma(y, w0, Fma(x, m0, s30)); s31 = Fma(y, w1, Fma(x, m1, s31));
            }
            nuint jj = (nuint)j;
            var b0 = Vector512.LoadUnsafe(ref bias, jj); var b1 = Vector512.LoadUnsafe(ref bias, jj + 8);
            (s00 + b0).StoreUnsafe(ref z, jj); (s01 + b1).StoreUnsafe(ref z, jj + 8);
            (s10 + b0).StoreUnsafe(ref z, c + jj); (s11 + b1).StoreUnsafe(ref z, c + jj + 8);
            (s20 + b0).StoreUnsafe(ref z, 2 * c + jj); (s21 + b1).StoreUnsafe(ref z, 2 * c + jj + 8);
            (s30 + b0).StoreUnsafe(ref z, 3 * c + jj); (s31 + b1).StoreUnsafe(ref z, 3 * c + jj + 8);
        }
        for (; j + 8 <= cols; j += 8)
        {
            var s0 = Vector512<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
            for (int k = 0; k < inner; k++)
            {
                nuint o = (nuint)(k * cols + j);
                var m0 = Vector512.LoadUnsafe(ref m, o);
                var w0 = Vector512.LoadUnsafe(ref w, o);
                s0 = Fma(Vector512.Create(Unsafe.Add(ref b, k)), w0, Fma(Vector512.Create(Unsafe.Add(ref a, k)), m0, s0));
                s1 = Fma(Vector512.Create(Unsafe.Add(ref b, inner + k)), w0, Fma(Vector512.Create(Unsafe.Add(ref a, inner + k)), m0, s1));
                s2 = Fma(Vector512.Create(Unsafe.Add(ref b, 2 * inner + k)), w0, Fma(Vector512.Create(Unsafe.Add(ref a, 2 * inner + k)), m0, s2));
                s3 = Fma(Vector512.Create(Unsafe.Add(ref b, 3 * inner + k)), w0, Fma(Vector512.Create(Unsafe.Add(ref a, 3 * inner + k)), m0, s3));
            }
            nuint jj = (nuint)j;
            var b0 = Vector512.LoadUnsafe(ref bias, jj);
            (s0 + b0).StoreUnsafe(ref z, jj);
            (s1 + b0).StoreUnsafe(ref z, c + jj);
            (s2 + b0).StoreUnsafe(ref z, 2 * c + jj);
            (s3 + b0).StoreUnsafe(ref z, 3 * c + jj);
        }
        return j;
    }

    /// <summary>
    /// The columns j &lt; 8⌊cols/8⌋ of <see cref="RowTimesMatrix"/> (one row): blocks of 64 outputs (8 zmm accumulators,
    /// enough independent sums to keep both FMA units busy through their latency), then 32 and 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RowTimesMatrix512(ref double a, int rows, ref double m, int cols, ref double z)
    {
        int j = 0;
        for (; j + 64 <= cols; j += 64)
        {
            var s0 = Vector512<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
            var s4 = s0; var s5 = s0; var s6 = s0; var s7 = s0;
            for (int k = 0; k < rows; k++)
            {
                var ak = Vector512.Create(Unsafe.Add(ref a, k));
                nuint o = (nuint)(k * cols + j);
                s0 = Fma(ak, Vector512.LoadUnsafe(ref m, o), s0);
                s1 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 8), s1);
                s2 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 16), s2);
                s3 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 24), s3);
                s4 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 32), s4);
                s5 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 40), s5);
                s6 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 48), s6);
                s7 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 56), s7);
            }
            nuint jj = (nuint)j;
            s0.StoreUnsafe(ref z, jj); s1.StoreUnsafe(ref z, jj + 8); s2.StoreUnsafe(ref z, jj + 16); s3.StoreUnsafe(ref z, jj + 24);
            s4.StoreUnsafe(ref z, jj + 32); s5.StoreUnsafe(ref z, jj + 40); s6.StoreUnsafe(ref z, jj + 48); s7.StoreUnsafe(ref z, jj + 56);
        }
        for (; j + 32 <= cols; j += 32)
        {
            var s0 = Vector512<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
            for (int k = 0; k < rows; k++)
            {
                var ak = Vector512.Create(Unsafe.Add(ref a, k));
                nuint o = (nuint)(k * cols + j);
                s0 = Fma(ak, Vector512.LoadUnsafe(ref m, o), s0);
                s1 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 8), s1);
                s2 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 16), s2);
                s3 = Fma(ak, Vector512.LoadUnsafe(ref m, o + 24), s3);
            }
            nuint jj = (nuint)j;
            s0.StoreUnsafe(ref z, jj); s1.StoreUnsafe(ref z, jj + 8); s2.StoreUnsafe(ref z, jj + 16); s3.StoreUnsafe(ref z, jj + 24);
        }
        for (; j + 8 <= cols; j += 8)
        {
            var s0 = Vector512<double>.Zero;
            for (int k = 0; k < rows; k++) s0 = Fma(Vector512.Create(Unsafe.Add(ref a, k)), Vector512.LoadUnsafe(ref m, (nuint)(k * cols + j)), s0);
            s0.StoreUnsafe(ref z, (nuint)j);
        }
        return j;
    }
}
