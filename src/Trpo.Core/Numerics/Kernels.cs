using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

/// <summary>
/// The inner loops of the dense layers. Element-wise kernels give every element exactly the result of the
/// plain scalar loop (the same IEEE operations in the same order; no fused multiply-add), whatever the
/// hardware. <see cref="LaneDot"/> is a reduction with a fixed 4-lane order defined below, computed with
/// <see cref="Vector256{T}"/> where accelerated and by the equivalent scalar code elsewhere, so its bits never
/// depend on the CPU's vector width (design.md, determinism rules).
/// </summary>
public static class Kernels
{
    /// <summary>y_i ← y_i + a·x_i for every i.</summary>
    public static void Axpy(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int n = y.Length, i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var yv = MemoryMarshal.Cast<double, Vector256<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector256<double>>(x[..n]);
            var av = Vector256.Create(a);
            for (int v = 0; v < yv.Length; v++) yv[v] += av * xv[v];
            i = yv.Length * 4;
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>y_i ← y_i + (a·x_i + b·w_i) for every i.</summary>
    public static void Axpy2(Span<double> y, double a, ReadOnlySpan<double> x, double b, ReadOnlySpan<double> w)
    {
        int n = y.Length, i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var yv = MemoryMarshal.Cast<double, Vector256<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector256<double>>(x[..n]);
            var wv = MemoryMarshal.Cast<double, Vector256<double>>(w[..n]);
            var av = Vector256.Create(a);
            var bv = Vector256.Create(b);
            for (int v = 0; v < yv.Length; v++) yv[v] += av * xv[v] + bv * wv[v];
            i = yv.Length * 4;
        }
        for (; i < n; i++) y[i] += a * x[i] + b * w[i];
    }

    /// <summary>
    /// x · y in a fixed lane order: four partial sums s_r = Σ_{i ≡ r (mod 4), i &lt; 4⌊n/4⌋} x_i y_i, each
    /// accumulated in increasing i, combined as (s_0 + s_1) + (s_2 + s_3), then the tail elements
    /// i ≥ 4⌊n/4⌋ added in increasing i.
    /// </summary>
    public static double LaneDot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, body = n & ~3;
        double s0, s1, s2, s3;
        if (Vector256.IsHardwareAccelerated)
        {
            var xv = MemoryMarshal.Cast<double, Vector256<double>>(x[..body]);
            var yv = MemoryMarshal.Cast<double, Vector256<double>>(y[..body]);
            var acc = Vector256<double>.Zero;
            for (int v = 0; v < xv.Length; v++) acc += xv[v] * yv[v];
            (s0, s1, s2, s3) = (acc.GetElement(0), acc.GetElement(1), acc.GetElement(2), acc.GetElement(3));
        }
        else
        {
            s0 = s1 = s2 = s3 = 0.0;
            for (int i = 0; i < body; i += 4)
            {
                s0 += x[i] * y[i];
                s1 += x[i + 1] * y[i + 1];
                s2 += x[i + 2] * y[i + 2];
                s3 += x[i + 3] * y[i + 3];
            }
        }
        double sum = (s0 + s1) + (s2 + s3);
        for (int i = body; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>The scalar definition of <see cref="LaneDot"/>, for tests that pin its order.</summary>
    public static double LaneDotScalar(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, body = n & ~3;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < body; i += 4)
        {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        double sum = (s0 + s1) + (s2 + s3);
        for (int i = body; i < n; i++) sum += x[i] * y[i];
        return sum;
    }
}
