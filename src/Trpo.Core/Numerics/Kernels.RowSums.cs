using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// sums[j] ← fma(1, rows[n·width + j], sums[j]) for n = 0 .. count−1 in increasing order, j &lt; width: the bits of
    /// <paramref name="count"/> calls <see cref="Axpy"/>(sums, 1, row n) (a layer's bias gradient Σ_n delta_n), in one call.
    /// </summary>
    /// <remarks>
    /// Each sum is one accumulator lane kept in a register over all rows (blocks of 32 outputs in four zmm with AVX-512,
    /// of 8 in two ymm otherwise, then single ymm and scalar sums), so every element still sees the rows in order; the
    /// per-row calls it replaces cost more in call overhead than in additions for a 64- or 2-wide layer.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRowSums(Span<double> sums, ReadOnlySpan<double> rows, int width, int count)
    {
        if (sums.Length < width || rows.Length < count * width) throw new ArgumentException("buffers too short");
        ref double sRef = ref MemoryMarshal.GetReference(sums);
        ref double rRef = ref MemoryMarshal.GetReference(rows);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(1.0);
            for (; j + 32 <= width; j += 32)
            {
                ref double sj = ref Unsafe.Add(ref sRef, j);
                var s0 = Vector512.LoadUnsafe(ref sj); var s1 = Vector512.LoadUnsafe(ref sj, 8);
                var s2 = Vector512.LoadUnsafe(ref sj, 16); var s3 = Vector512.LoadUnsafe(ref sj, 24);
                ref double rj = ref Unsafe.Add(ref rRef, j);
                for (int n = 0; n < count; n++)
                {
                    s0 = Fma(one, Vector512.LoadUnsafe(ref rj), s0); s1 = Fma(one, Vector512.LoadUnsafe(ref rj, 8), s1);
                    s2 = Fma(one, Vector512.LoadUnsafe(ref rj, 16), s2); s3 = Fma(one, Vector512.LoadUnsafe(ref rj, 24), s3);
                    rj = ref Unsafe.Add(ref rj, width);
                }
                s0.StoreUnsafe(ref sj); s1.StoreUnsafe(ref sj, 8); s2.StoreUnsafe(ref sj, 16); s3.StoreUnsafe(ref sj, 24);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(1.0);
            for (; j + 8 <= width; j += 8)
            {
                ref double sj = ref Unsafe.Add(ref sRef, j);
                var s0 = Vector256.LoadUnsafe(ref sj); var s1 = Vector256.LoadUnsafe(ref sj, 4);
                ref double rj = ref Unsafe.Add(ref rRef, j);
                for (int n = 0; n < count; n++)
                {
                    s0 = Fma(one, Vector256.LoadUnsafe(ref rj), s0); s1 = Fma(one, Vector256.LoadUnsafe(ref rj, 4), s1);
                    rj = ref Unsafe.Add(ref rj, width);
                }
                s0.StoreUnsafe(ref sj); s1.StoreUnsafe(ref sj, 4);
            }
            for (; j + 4 <= width; j += 4)
            {
                ref double sj = ref Unsafe.Add(ref sRef, j);
                var s0 = Vector256.LoadUnsafe(ref sj);
                ref double rj = ref Unsafe.Add(ref rRef, j);
                for (int n = 0; n < count; n++)
                {
                    s0 = Fma(one, Vector256.LoadUnsafe(ref rj), s0);
                    rj = ref Unsafe.Add(ref rj, width);
                }
                s0.StoreUnsafe(ref sj);
            }
        }
        // the last outputs (a head of one to three): their sums side by side over the rows
        for (; j + 2 <= width; j += 2)
        {
            double s0 = Unsafe.Add(ref sRef, j), s1 = Unsafe.Add(ref sRef, j + 1);
            ref double rj = ref Unsafe.Add(ref rRef, j);
            for (int n = 0; n < count; n++)
            {
                s0 = Fma(1.0, rj, s0);
                s1 = Fma(1.0, Unsafe.Add(ref rj, 1), s1);
                rj = ref Unsafe.Add(ref rj, width);
            }
            Unsafe.Add(ref sRef, j) = s0;
            Unsafe.Add(ref sRef, j + 1) = s1;
        }
        for (; j < width; j++)
        {
            double s = Unsafe.Add(ref sRef, j);
            for (int n = 0; n < count; n++) s = Fma(1.0, Unsafe.Add(ref rRef, n * width + j), s);
            Unsafe.Add(ref sRef, j) = s;
        }
    }
}
