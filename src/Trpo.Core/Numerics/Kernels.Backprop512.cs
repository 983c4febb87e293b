using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trpo.Core.Numerics;

public static partial class Kernels
{
    /// <summary>Most weights (inner × cols) that <see cref="BackpropTanhGrouped512"/> copies, transposed, to its scratch (64 KiB).</summary>
    private const int TransposedWeightsMax = 8192;

    /// <summary>Each thread's scratch for the transposed weights: pinned, so that a 64-byte aligned start can be found once.</summary>
    [ThreadStatic] private static double[]? t_transposedWeights;

    /// <summary>
    /// <paramref name="length"/> doubles of this thread's pinned scratch, starting on a 64-byte boundary (a zmm load from
    /// an aligned row never splits a cache line: half the level-1 accesses of an unaligned one). Allocated once per thread.
    /// </summary>
    private static Span<double> AlignedScratch(int length)
    {
        var buffer = t_transposedWeights;
        if (buffer is null || buffer.Length < length + 8)
            t_transposedWeights = buffer = GC.AllocateUninitializedArray<double>(Math.Max(length, TransposedWeightsMax) + 8, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
        int skip = (int)((64 - (address & 63)) & 63) / sizeof(double);
        return buffer.AsSpan(skip, length);
    }

    /// <summary>wt[j·stride + k] = w[k·cols + j] for k &lt; inner, j &lt; cols: 4 × 4 blocks through ymm shuffles, the edges one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(ReadOnlySpan<double> w, int inner, int cols, Span<double> wt, int stride)
    {
        if (w.Length < inner * cols || wt.Length < (cols - 1) * stride + inner) throw new ArgumentException("buffers too short");
        ref double wRef = ref MemoryMarshal.GetReference(w);
        ref double tRef = ref MemoryMarshal.GetReference(wt);
        int k4 = 0, j4 = 0;
        if (Avx.IsSupported)
        {
            k4 = inner & ~3;
            j4 = cols & ~3;
            for (int k = 0; k < k4; k += 4)
            {
                ref double w0 = ref Unsafe.Add(ref wRef, k * cols);
                for (int j = 0; j < j4; j += 4)
                {
                    // rows k .. k+3 of w at columns j .. j+3 in, columns j .. j+3 of wᵀ at rows k .. k+3 out
                    var r0 = Vector256.LoadUnsafe(ref w0, (nuint)j);
                    var r1 = Vector256.LoadUnsafe(ref w0, (nuint)(cols + j));
                    var r2 = Vector256.LoadUnsafe(ref w0, (nuint)(2 * cols + j));
                    var r3 = Vector256.LoadUnsafe(ref w0, (nuint)(3 * cols + j));
                    var t0 = Avx.UnpackLow(r0, r1);  // [r0_0, r1_0, r0_2, r1_2]
                    var t1 = Avx.UnpackHigh(r0, r1); // [r0_1, r1_1, r0_3, r1_3]
                    var t2 = Avx.UnpackLow(r2, r3);
                    var t3 = Avx.UnpackHigh(r2, r3);
                    ref double c0 = ref Unsafe.Add(ref tRef, j * stride + k);
                    Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref c0);
                    Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref c0, (nuint)stride);
                    Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref c0, (nuint)(2 * stride));
                    Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref c0, (nuint)(3 * stride));
                }
            }
        }
        for (int k = 0; k < inner; k++)
            for (int j = k < k4 ? j4 : 0; j < cols; j++)
                Unsafe.Add(ref tRef, j * stride + k) = Unsafe.Add(ref wRef, k * cols + j);
    }

    /// <summary>
    /// <see cref="BackpropTanhGrouped"/> with AVX-512: p[r·inner + k] = LaneDot(w[k·cols ..), d[r·cols ..)) · fma(−y, y, 1),
    /// y = a[(r / group)·inner + k], with the lanes running over inputs k instead of over j.
    /// </summary>
    /// <remarks>
    /// LaneDot's four lane sums of one (r, k) are s_q = Σ_{j ≡ q (mod 4), j &lt; body} w[k, j] d[r, j], each from 0 in
    /// increasing j. Here four zmm accumulators S_0..S_3 per eight inputs hold them: lane i of S_q is s_q of input k + i,
    /// fed for j = q, q + 4, q + 8, .. in that order with fma(wᵀ[j, k .. k+7], d[r, j] broadcast, S_q), so every lane sees
    /// exactly LaneDot's operands in LaneDot's order. The combination (s_0 + s_1) + (s_2 + s_3) is then a vertical add of
    /// the four accumulators, the tail terms j ≥ body are fused in increasing j as LaneDot adds them, and the product with
    /// 1 − y² is lane-wise. The transposed weights wᵀ[j·stride + k] = w[k·cols + j] (stride = inner rounded up to 8) are
    /// copied once per call to an aligned per-thread scratch (inner × cols ≤ <see cref="TransposedWeightsMax"/>), so that
    /// eight inputs of one column are one aligned load.
    /// Blocks: 2 rows × 16 inputs (16 accumulators: per j two loads of wᵀ and two broadcasts feed four FMAs), then
    /// 2 rows × 8 inputs; the inputs k ≥ 8⌊inner/8⌋ and an odd last row go through LaneDot itself.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackpropTanhGrouped512(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int rows, int group, Span<double> p)
    {
        int body = cols & ~3, kBody = inner & ~7, stride = (inner + 7) & ~7;
        Span<double> wt = AlignedScratch(stride * cols);
        Transpose(w, inner, cols, wt, stride);
        ref double tRef = ref MemoryMarshal.GetReference(wt);
        ref double dRef = ref MemoryMarshal.GetReference(d);
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double pRef = ref MemoryMarshal.GetReference(p);
        nuint s1 = (nuint)stride, s2 = 2 * s1, s3 = 3 * s1;
        int step = 4 * stride;
        int n = 0;
        for (; n + 2 <= rows; n += 2)
        {
            ref double d0 = ref Unsafe.Add(ref dRef, n * cols);
            ref double d1 = ref Unsafe.Add(ref dRef, (n + 1) * cols);
            ref double y0 = ref Unsafe.Add(ref aRef, n / group * inner);
            ref double y1 = ref Unsafe.Add(ref aRef, (n + 1) / group * inner);
            ref double p0 = ref Unsafe.Add(ref pRef, n * inner);
            ref double p1 = ref Unsafe.Add(ref pRef, (n + 1) * inner);
            int k = 0;
            for (; k + 16 <= kBody; k += 16)
            {
                // S{q}{A,B}{row}: lane sum q of inputs k .. k+7 (A) or k+8 .. k+15 (B), of row n (0) or n + 1 (1)
                var s0A0 = Vector512<double>.Zero; var s0B0 = s0A0; var s0A1 = s0A0; var s0B1 = s0A0;
                var s1A0 = s0A0; var s1B0 = s0A0; var s1A1 = s0A0; var s1B1 = s0A0;
                var s2A0 = s0A0; var s2B0 = s0A0; var s2A1 = s0A0; var s2B1 = s0A0;
                var s3A0 = s0A0; var s3B0 = s0A0; var s3A1 = s0A0; var s3B1 = s0A0;
                ref double tk = ref Unsafe.Add(ref tRef, k);
                // running references: wᵀ row j (tj), d[n, j] (e0) and d[n + 1, j] (e1), advanced by four columns a step
                ref double tj = ref tk;
                ref double e0 = ref d0;
                ref double e1 = ref d1;
                for (int j = 0; j < body; j += 4)
                {
                    var wA = Vector512.LoadUnsafe(ref tj); var wB = Vector512.LoadUnsafe(ref tj, 8);
                    var x0 = Vector512.Create(e0); var x1 = Vector512.Create(e1);
                    s0A0 = Fma(wA, x0, s0A0); s0B0 = Fma(wB, x0, s0B0); s0A1 = Fma(wA, x1, s0A1); s0B1 = Fma(wB, x1, s0B1);
                    wA = Vector512.LoadUnsafe(ref tj, s1); wB = Vector512.LoadUnsafe(ref tj, s1 + 8);
                    x0 = Vector512.Create(Unsafe.Add(ref e0, 1)); x1 = Vector512.Create(Unsafe.Add(ref e1, 1));
                    s1A0 = Fma(wA, x0, s1A0); s1B0 = Fma(wB, x0, s1B0); s1A1 = Fma(wA, x1, s1A1); s1B1 = Fma(wB, x1, s1B1);
                    wA = Vector512.LoadUnsafe(ref tj, s2); wB = Vector512.LoadUnsafe(ref tj, s2 + 8);
                    x0 = Vector512.Create(Unsafe.Add(ref e0, 2)); x1 = Vector512.Create(Unsafe.Add(ref e1, 2));
                    s2A0 = Fma(wA, x0, s2A0); s2B0 = Fma(wB, x0, s2B0); s2A1 = Fma(wA, x1, s2A1); s2B1 = Fma(wB, x1, s2B1);
                    wA = Vector512.LoadUnsafe(ref tj, s3); wB = Vector512.LoadUnsafe(ref tj, s3 + 8);
                    x0 = Vector512.Create(Unsafe.Add(ref e0, 3)); x1 = Vector512.Create(Unsafe.Add(ref e1, 3));
                    s3A0 = Fma(wA, x0, s3A0); s3B0 = Fma(wB, x0, s3B0); s3A1 = Fma(wA, x1, s3A1); s3B1 = Fma(wB, x1, s3B1);
                    tj = ref Unsafe.Add(ref tj, step);
                    e0 = ref Unsafe.Add(ref e0, 4);
                    e1 = ref Unsafe.Add(ref e1, 4);
                }
                // LaneDot's (s_0 + s_1) + (s_2 + s_3), lane by lane
                var rA0 = (s0A0 + s1A0) + (s2A0 + s3A0); var rB0 = (s0B0 + s1B0) + (s2B0 + s3B0);
                var rA1 = (s0A1 + s1A1) + (s2A1 + s3A1); var rB1 = (s0B1 + s1B1) + (s2B1 + s3B1);
                for (int j = body; j < cols; j++)
                {
                    ref double tt = ref Unsafe.Add(ref tk, j * stride);
                    var wA = Vector512.LoadUnsafe(ref tt); var wB = Vector512.LoadUnsafe(ref tt, 8);
                    var x0 = Vector512.Create(Unsafe.Add(ref d0, j)); var x1 = Vector512.Create(Unsafe.Add(ref d1, j));
                    rA0 = Fma(wA, x0, rA0); rB0 = Fma(wB, x0, rB0); rA1 = Fma(wA, x1, rA1); rB1 = Fma(wB, x1, rB1);
                }
                nuint kk = (nuint)k;
                (rA0 * OneMinusSquare(Vector512.LoadUnsafe(ref y0, kk))).StoreUnsafe(ref p0, kk);
                (rB0 * OneMinusSquare(Vector512.LoadUnsafe(ref y0, kk + 8))).StoreUnsafe(ref p0, kk + 8);
                (rA1 * OneMinusSquare(Vector512.LoadUnsafe(ref y1, kk))).StoreUnsafe(ref p1, kk);
                (rB1 * OneMinusSquare(Vector512.LoadUnsafe(ref y1, kk + 8))).StoreUnsafe(ref p1, kk + 8);
            }
            for (; k + 8 <= kBody; k += 8)
            {
                var s00 = Vector512<double>.Zero; var s01 = s00; var s10 = s00; var s11 = s00;
                var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
                ref double tk = ref Unsafe.Add(ref tRef, k);
                for (int j = 0; j < body; j += 4)
                {
                    ref double tj = ref Unsafe.Add(ref tk, j * stride);
                    var v = Vector512.LoadUnsafe(ref tj);
                    s00 = Fma(v, Vector512.Create(Unsafe.Add(ref d0, j)), s00); s01 = Fma(v, Vector512.Create(Unsafe.Add(ref d1, j)), s01);
                    v = Vector512.LoadUnsafe(ref Unsafe.Add(ref tj, stride));
                    s10 = Fma(v, Vector512.Create(Unsafe.Add(ref d0, j + 1)), s10); s11 = Fma(v, Vector512.Create(Unsafe.Add(ref d1, j + 1)), s11);
                    v = Vector512.LoadUnsafe(ref Unsafe.Add(ref tj, 2 * stride));
                    s20 = Fma(v, Vector512.Create(Unsafe.Add(ref d0, j + 2)), s20); s21 = Fma(v, Vector512.Create(Unsafe.Add(ref d1, j + 2)), s21);
                    v = Vector512.LoadUnsafe(ref Unsafe.Add(ref tj, 3 * stride));
                    s30 = Fma(v, Vector512.Create(Unsafe.Add(ref d0, j + 3)), s30); s31 = Fma(v, Vector512.Create(Unsafe.Add(ref d1, j + 3)), s31);
                }
                var r0 = (s00 + s10) + (s20 + s30);
                var r1 = (s01 + s11) + (s21 + s31);
                for (int j = body; j < cols; j++)
                {
                    var v = Vector512.LoadUnsafe(ref Unsafe.Add(ref tk, j * stride));
                    r0 = Fma(v, Vector512.Create(Unsafe.Add(ref d0, j)), r0);
                    r1 = Fma(v, Vector512.Create(Unsafe.Add(ref d1, j)), r1);
                }
                nuint kk = (nuint)k;
                (r0 * OneMinusSquare(Vector512.LoadUnsafe(ref y0, kk))).StoreUnsafe(ref p0, kk);
                (r1 * OneMinusSquare(Vector512.LoadUnsafe(ref y1, kk))).StoreUnsafe(ref p1, kk);
            }
            for (; k < inner; k++)
            {
                Unsafe.Add(ref p0, k) = LaneDot(w.Slice(k * cols, cols), d.Slice(n * cols, cols)) * OneMinusSquare(Unsafe.Add(ref y0, k));
                Unsafe.Add(ref p1, k) = LaneDot(w.Slice(k * cols, cols), d.Slice((n + 1) * cols, cols)) * OneMinusSquare(Unsafe.Add(ref y1, k));
            }
        }
        if (n < rows) BackpropTanhRowsScalar(w, inner, cols, d, a, n, rows, group, p);
    }
    /// <summary>
    /// <see cref="BackpropTanhNarrowByRow"/> with AVX-512: the head's columns for every eight inputs in one zmm (lane i
    /// holding w[k + i, j]), each row's deltas broadcast once; every p[n, k] is still
    /// fma(w_k2, d_n2, fma(w_k1, d_n1, fma(w_k0, d_n0, 0))) (as many terms as columns), times fma(−a, a, 1). Four leftover
    /// inputs take one ymm the same way, the rest LaneDot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackpropTanhNarrowByRow512(ReadOnlySpan<double> w, int inner, int cols, ReadOnlySpan<double> d, ReadOnlySpan<double> a, int rows, Span<double> p)
    {
        int octs = inner / 8;
        Span<Vector512<double>> columns = stackalloc Vector512<double>[3 * (NarrowHeadInputs / 8)];
        for (int q = 0; q < octs; q++)
        {
            int k = 8 * q;
            for (int j = 0; j < cols; j++)
                columns[3 * q + j] = Vector512.Create(
                    Vector256.Create(w[k * cols + j], w[(k + 1) * cols + j], w[(k + 2) * cols + j], w[(k + 3) * cols + j]),
                    Vector256.Create(w[(k + 4) * cols + j], w[(k + 5) * cols + j], w[(k + 6) * cols + j], w[(k + 7) * cols + j]));
        }
        bool quad = inner - 8 * octs >= 4;
        int kq = 8 * octs;
        Vector256<double> q0 = default, q1 = default, q2 = default;
        if (quad)
        {
            q0 = Vector256.Create(w[kq * cols], w[(kq + 1) * cols], w[(kq + 2) * cols], w[(kq + 3) * cols]);
            if (cols > 1) q1 = Vector256.Create(w[kq * cols + 1], w[(kq + 1) * cols + 1], w[(kq + 2) * cols + 1], w[(kq + 3) * cols + 1]);
            if (cols > 2) q2 = Vector256.Create(w[kq * cols + 2], w[(kq + 1) * cols + 2], w[(kq + 2) * cols + 2], w[(kq + 3) * cols + 2]);
        }
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double pRef = ref MemoryMarshal.GetReference(p);
        ref double dRef = ref MemoryMarshal.GetReference(d);
        ref Vector512<double> cRef = ref MemoryMarshal.GetReference(columns);
        for (int n = 0; n < rows; n++)
        {
            double e0 = Unsafe.Add(ref dRef, n * cols);
            double e1 = cols > 1 ? Unsafe.Add(ref dRef, n * cols + 1) : 0.0;
            double e2 = cols > 2 ? Unsafe.Add(ref dRef, n * cols + 2) : 0.0;
            var x0 = Vector512.Create(e0); var x1 = Vector512.Create(e1); var x2 = Vector512.Create(e2);
            ref double aRow = ref Unsafe.Add(ref aRef, n * inner);
            ref double pRow = ref Unsafe.Add(ref pRef, n * inner);
            for (int q = 0; q < octs; q++)
            {
                var s = Fma(Unsafe.Add(ref cRef, 3 * q), x0, Vector512<double>.Zero);
                if (cols > 1) s = Fma(Unsafe.Add(ref cRef, 3 * q + 1), x1, s);
                if (cols > 2) s = Fma(Unsafe.Add(ref cRef, 3 * q + 2), x2, s);
                var y = Vector512.LoadUnsafe(ref aRow, (nuint)(8 * q));
                (s * OneMinusSquare(y)).StoreUnsafe(ref pRow, (nuint)(8 * q));
            }
            if (quad)
            {
                var s = Fma(q0, Vector256.Create(e0), Vector256<double>.Zero);
                if (cols > 1) s = Fma(q1, Vector256.Create(e1), s);
                if (cols > 2) s = Fma(q2, Vector256.Create(e2), s);
                var y = Vector256.LoadUnsafe(ref aRow, (nuint)kq);
                (s * OneMinusSquare(y)).StoreUnsafe(ref pRow, (nuint)kq);
            }
        }
        int done = quad ? kq + 4 : kq;
        if (done < inner)
        {
            for (int n = 0; n < rows; n++)
                for (int kk = done; kk < inner; kk++)
                    p[n * inner + kk] = LaneDot(w.Slice(kk * cols, cols), d.Slice(n * cols, cols)) * OneMinusSquare(a[n * inner + kk]);
        }
    }
}
