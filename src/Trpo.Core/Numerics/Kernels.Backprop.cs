using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    /// <summary>
    /// The backpropagated deltas of a tanh layer over a batch:
    /// p[n·inner + k] = <see cref="LaneDot"/>(w[k·cols .. k·cols + cols), d[n·cols .. n·cols + cols)) · fma(−a, a, 1) with a = a[n·inner + k]
    /// for n &lt; <paramref name="rows"/> and k &lt; <paramref name="inner"/>, with exactly LaneDot's summation order.
    /// </summary>
    /// <remarks>
    /// Blocks of 4 inputs k × 2 rows n keep 8 lane accumulators; the four lane sums of each (n, k) are then
    /// combined as (s_0 + s_1) + (s_2 + s_3) by a transposing horizontal add, and the tail terms added in order.
    /// When cols &lt; 4 (an output head) LaneDot is 0 plus the terms in order, vectorised over k instead. With AVX-512
    /// (and inner ≥ 8) the lanes run over k for every width, LaneDot's four lane sums in four accumulators
    /// (<see cref="BackpropTanhGrouped512"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BackpropTanhRows(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int rows, Span<double> p)
    {
        if (w.Length < inner * cols || d.Length < rows * cols || a.Length < rows * inner || p.Length < rows * inner)
            throw new ArgumentException("buffers too short");
        BackpropTanhGrouped(w, inner, cols, d, a, rows, 1, p);
    }

    /// <summary>
    /// <see cref="BackpropTanhRows"/> where delta row r takes its activations from row r / <paramref name="group"/> of
    /// <paramref name="a"/> (group 1: one activation row per delta row): p[r·inner + k] =
    /// LaneDot(w[k·cols ..), d[r·cols ..)) · fma(−y, y, 1) with y = a[(r / group)·inner + k], every path in LaneDot's order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackpropTanhGrouped(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int rows, int group, Span<double> p)
    {
        int body = cols & ~3;
        if (!Vector256.IsHardwareAccelerated || (body > 0 && !Avx.IsSupported) || inner < 4 || (body == 0 && group != 1))
        {
            BackpropTanhRowsScalar(w, inner, cols, d, a, 0, rows, group, p);
            return;
        }
        if (body == 0)
        {
            BackpropTanhNarrow(w, inner, cols, d, a, rows, p);
            return;
        }
        if (Vector512.IsHardwareAccelerated && inner >= 8 && inner * cols <= TransposedWeightsMax)
        {
            BackpropTanhGrouped512(w, inner, cols, d, a, rows, group, p);
            return;
        }
        ref double wRef = ref MemoryMarshal.GetReference(w);
        ref double dRef = ref MemoryMarshal.GetReference(d);
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double pRef = ref MemoryMarshal.GetReference(p);
        int n = 0;
        for (; n + 2 <= rows; n += 2)
        {
            ref double d0 = ref Unsafe.Add(ref dRef, n * cols);
            ref double d1 = ref Unsafe.Add(ref dRef, (n + 1) * cols);
            int a0 = n / group * inner, a1 = (n + 1) / group * inner;
            int k = 0;
            for (; k + 4 <= inner; k += 4)
            {
                ref double w0 = ref Unsafe.Add(ref wRef, k * cols);
                var s00 = Vector256<double>.Zero; var s01 = s00; var s10 = s00; var s11 = s00;
                var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
                for (int j = 0; j < body; j += 4)
                {
                    var x0 = Vector256.LoadUnsafe(ref d0, (nuint)j);
                    var x1 = Vector256.LoadUnsafe(ref d1, (nuint)j);
                    var v = Vector256.LoadUnsafe(ref w0, (nuint)j);
                    s00 = Fma(v, x0, s00); s01 = Fma(v, x1, s01);
                    v = Vector256.LoadUnsafe(ref w0, (nuint)(cols + j));
                    s10 = Fma(v, x0, s10); s11 = Fma(v, x1, s11);
                    v = Vector256.LoadUnsafe(ref w0, (nuint)(2 * cols + j));
                    s20 = Fma(v, x0, s20); s21 = Fma(v, x1, s21);
                    v = Vector256.LoadUnsafe(ref w0, (nuint)(3 * cols + j));
                    s30 = Fma(v, x0, s30); s31 = Fma(v, x1, s31);
                }
                var r0 = CombineLanes(s00, s10, s20, s30);
                var r1 = CombineLanes(s01, s11, s21, s31);
                if (body < cols)
                {
                    r0 = AddTail(r0, ref w0, cols, body, ref d0);
                    r1 = AddTail(r1, ref w0, cols, body, ref d1);
                }
                var y0 = Vector256.LoadUnsafe(ref aRef, (nuint)(a0 + k));
                var y1 = Vector256.LoadUnsafe(ref aRef, (nuint)(a1 + k));
                (r0 * OneMinusSquare(y0)).StoreUnsafe(ref pRef, (nuint)(n * inner + k));
                (r1 * OneMinusSquare(y1)).StoreUnsafe(ref pRef, (nuint)((n + 1) * inner + k));
            }
            for (; k < inner; k++)
            {
                p[n * inner + k] = LaneDot(w.Slice(k * cols, cols), d.Slice(n * cols, cols)) * OneMinusSquare(a[a0 + k]);
                p[(n + 1) * inner + k] = LaneDot(w.Slice(k * cols, cols), d.Slice((n + 1) * cols, cols)) * OneMinusSquare(a[a1 + k]);
            }
        }
        if (n < rows) BackpropTanhRowsScalar(w, inner, cols, d, a, n, rows, group, p);
    }

    /// <summary>
    /// [(s_0 + s_1) + (s_2 + s_3) of v0, of v1, of v2, of v3] for four vectors of lane sums s_0..s_3:
    /// LaneDot's combination of its four lanes, for four dot products at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> CombineLanes(Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3)
    {
        // hadd(a, b) = [a0 + a1, b0 + b1, a2 + a3, b2 + b3]
        var h01 = Avx.HorizontalAdd(v0, v1);
        var h23 = Avx.HorizontalAdd(v2, v3);
        // [v0: s0+s1, v1: s0+s1, v2: s0+s1, v3: s0+s1] + [v0: s2+s3, v1: s2+s3, v2: s2+s3, v3: s2+s3]
        return Avx.Permute2x128(h01, h23, 0x20) + Avx.Permute2x128(h01, h23, 0x31);
    }

    /// <summary>Adds the tail terms w[k·cols + j] d[j] for j = body .. cols−1, in order, to the four sums of k .. k+3.</summary>
    private static Vector256<double> AddTail(Vector256<double> sums, ref double w, int cols, int body, ref double d)
    {
        double t0 = sums.GetElement(0), t1 = sums.GetElement(1), t2 = sums.GetElement(2), t3 = sums.GetElement(3);
        for (int j = body; j < cols; j++)
        {
            double x = Unsafe.Add(ref d, j);
            t0 = Fma(Unsafe.Add(ref w, j), x, t0);
            t1 = Fma(Unsafe.Add(ref w, cols + j), x, t1);
            t2 = Fma(Unsafe.Add(ref w, 2 * cols + j), x, t2);
            t3 = Fma(Unsafe.Add(ref w, 3 * cols + j), x, t3);
        }
        return Vector256.Create(t0, t1, t2, t3);
    }

    /// <summary>cols &lt; 4: LaneDot is (0 + 0) + (0 + 0) = 0, then the terms j = 0 .. cols−1 fused in order; four k per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackpropTanhNarrow(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int rows, Span<double> p)
    {
        if (inner <= NarrowHeadInputs)
        {
            if (Vector512.IsHardwareAccelerated) BackpropTanhNarrowByRow512(w, inner, cols, d, a, rows, p);
            else BackpropTanhNarrowByRow(w, inner, cols, d, a, rows, p);
            return;
        }
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double pRef = ref MemoryMarshal.GetReference(p);
        int k = 0;
        for (; k + 4 <= inner; k += 4)
        {
            // column j of W for inputs k .. k+3
            var w0 = Vector256.Create(w[k * cols], w[(k + 1) * cols], w[(k + 2) * cols], w[(k + 3) * cols]);
            var w1 = cols > 1 ? Vector256.Create(w[k * cols + 1], w[(k + 1) * cols + 1], w[(k + 2) * cols + 1], w[(k + 3) * cols + 1]) : default;
            var w2 = cols > 2 ? Vector256.Create(w[k * cols + 2], w[(k + 1) * cols + 2], w[(k + 2) * cols + 2], w[(k + 3) * cols + 2]) : default;
            for (int n = 0; n < rows; n++)
            {
                var s = Fma(w0, Vector256.Create(d[n * cols]), Vector256<double>.Zero);
                if (cols > 1) s = Fma(w1, Vector256.Create(d[n * cols + 1]), s);
                if (cols > 2) s = Fma(w2, Vector256.Create(d[n * cols + 2]), s);
                var y = Vector256.LoadUnsafe(ref aRef, (nuint)(n * inner + k));
                (s * OneMinusSquare(y)).StoreUnsafe(ref pRef, (nuint)(n * inner + k));
            }
        }
        if (k < inner)
        {
            for (int n = 0; n < rows; n++)
                for (int kk = k; kk < inner; kk++)
                    p[n * inner + kk] = LaneDot(w.Slice(kk * cols, cols), d.Slice(n * cols, cols)) * OneMinusSquare(a[n * inner + kk]);
        }
    }

    /// <summary>Most inputs for which <see cref="BackpropTanhNarrowByRow"/> keeps the head's columns on the stack.</summary>
    private const int NarrowHeadInputs = 256;

    /// <summary>
    /// <see cref="BackpropTanhNarrow"/> row by row: the head's columns for every four inputs are loaded once, and each
    /// row's deltas broadcast once; every p[n, k] is still fma(w_k2, d_n2, fma(w_k1, d_n1, fma(w_k0, d_n0, 0))) (as many terms as columns), times fma(−a, a, 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackpropTanhNarrowByRow(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int rows, Span<double> p)
    {
        int quads = inner / 4;
        Span<Vector256<double>> columns = stackalloc Vector256<double>[3 * (NarrowHeadInputs / 4)];
        for (int q = 0; q < quads; q++)
        {
            int k = 4 * q;
            for (int j = 0; j < cols; j++)
                columns[3 * q + j] = Vector256.Create(w[k * cols + j], w[(k + 1) * cols + j], w[(k + 2) * cols + j], w[(k + 3) * cols + j]);
        }
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double pRef = ref MemoryMarshal.GetReference(p);
        ref double dRef = ref MemoryMarshal.GetReference(d);
        ref Vector256<double> cRef = ref MemoryMarshal.GetReference(columns);
        for (int n = 0; n < rows; n++)
        {
            var x0 = Vector256.Create(Unsafe.Add(ref dRef, n * cols));
            var x1 = cols > 1 ? Vector256.Create(Unsafe.Add(ref dRef, n * cols + 1)) : default;
            var x2 = cols > 2 ? Vector256.Create(Unsafe.Add(ref dRef, n * cols + 2)) : default;
            ref double aRow = ref Unsafe.Add(ref aRef, n * inner);
            ref double pRow = ref Unsafe.Add(ref pRef, n * inner);
            for (int q = 0; q < quads; q++)
            {
                var s = Fma(Unsafe.Add(ref cRef, 3 * q), x0, Vector256<double>.Zero);
                if (cols > 1) s = Fma(Unsafe.Add(ref cRef, 3 * q + 1), x1, s);
                if (cols > 2) s = Fma(Unsafe.Add(ref cRef, 3 * q + 2), x2, s);
                var y = Vector256.LoadUnsafe(ref aRow, (nuint)(4 * q));
                (s * OneMinusSquare(y)).StoreUnsafe(ref pRow, (nuint)(4 * q));
            }
        }
        int done = 4 * quads;
        if (done < inner)
        {
            for (int n = 0; n < rows; n++)
                for (int kk = done; kk < inner; kk++)
                    p[n * inner + kk] = LaneDot(w.Slice(kk * cols, cols), d.Slice(n * cols, cols)) * OneMinusSquare(a[n * inner + kk]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackpropTanhRowsScalar(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int from, int rows, int group, Span<double> p)
    {
        for (int n = from; n < rows; n++)
        {
            int ay = n / group * inner;
            for (int k = 0; k < inner; k++)
                p[n * inner + k] = LaneDot(w.Slice(k * cols, cols), d.Slice(n * cols, cols)) * OneMinusSquare(a[ay + k]);
        }
    }
}
