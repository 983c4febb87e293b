using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Trpo.Core.Numerics;

/// <summary>
/// Vector operations over <see cref="double"/> spans with a fixed, documented summation order, so that the
/// result never depends on the CPU's vector width (design.md, determinism rules).
/// </summary>
/// <remarks>
/// The reductions (Dot, Sum, Variance) run in index order, one element at a time: their order is their definition. The
/// element-wise operations (AddScaled, Combine, AllFinite) run eight elements at a time where <see cref="Vector512"/> is
/// accelerated, four where <see cref="Vector256"/> is, then one: each lane does the scalar loop's operations on its own
/// element (a product, then a sum: never fused), so every width gives the same bits.
/// </remarks>
public static class VectorOps
{
    /// <summary>x · y = Σ_i x_i y_i, summed in index order 0, 1, ..., n-1.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"length mismatch: {x.Length} vs {y.Length}");
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>Σ_i x_i in index order.</summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>Arithmetic mean, Σ x_i / n (NaN for an empty span).</summary>
    public static double Mean(ReadOnlySpan<double> x) => x.Length == 0 ? double.NaN : Sum(x) / x.Length;

    /// <summary>Population variance, Σ (x_i - mean)² / n (NaN for an empty span).</summary>
    public static double Variance(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return double.NaN;
        double mean = Mean(x);
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean;
            sum += d * d;
        }
        return sum / x.Length;
    }

    /// <summary>y ← y + a x (element-wise, so x may be y itself).</summary>
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        if (x.Length != y.Length) throw new ArgumentException($"length mismatch: {x.Length} vs {y.Length}");
        Combine(y, a, x, y);
    }

    /// <summary>result ← x + a y, element by element (result may be x or y itself, not a shifted overlap of either).</summary>
    public static void Combine(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> y, Span<double> result)
    {
        int n = result.Length;
        if (x.Length < n || y.Length < n) throw new ArgumentException($"result has length {n}, x {x.Length}, y {y.Length}");
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double yRef = ref MemoryMarshal.GetReference(y);
        ref double rRef = ref MemoryMarshal.GetReference(result);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var av = Vector512.Create(a);
            for (; i + 8 <= n; i += 8)
                (Vector512.LoadUnsafe(ref xRef, (nuint)i) + av * Vector512.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref rRef, (nuint)i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            for (; i + 4 <= n; i += 4)
                (Vector256.LoadUnsafe(ref xRef, (nuint)i) + av * Vector256.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref rRef, (nuint)i);
        }
        for (; i < n; i++) result[i] = x[i] + a * y[i];
    }

    /// <summary>True when every element is finite (neither infinite nor NaN).</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        // v − v is 0 for a finite v and NaN for ±∞ and NaN, so a group is finite when every difference compares equal to itself
        ref double xRef = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= x.Length; i += 8)
            {
                var v = Vector512.LoadUnsafe(ref xRef, (nuint)i);
                var d = v - v;
                if (!Vector512.EqualsAll(d, d)) return false;
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= x.Length; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref xRef, (nuint)i);
                var d = v - v;
                if (!Vector256.EqualsAll(d, d)) return false;
            }
        }
        for (; i < x.Length; i++)
            if (!double.IsFinite(x[i])) return false;
        return true;
    }

    /// <summary>Euclidean norm sqrt(x · x).</summary>
    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));
}
