namespace Trpo.Core.Numerics;

/// <summary>
/// Vector operations over <see cref="double"/> spans with a fixed, documented summation order, so that the
/// result never depends on the CPU's vector width (design.md, determinism rules).
/// </summary>
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

    /// <summary>y ← y + a x.</summary>
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        if (x.Length != y.Length) throw new ArgumentException($"length mismatch: {x.Length} vs {y.Length}");
        for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
    }

    /// <summary>result ← x + a y.</summary>
    public static void Combine(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> y, Span<double> result)
    {
        for (int i = 0; i < result.Length; i++) result[i] = x[i] + a * y[i];
    }

    /// <summary>True when every element is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) return false;
        return true;
    }

    /// <summary>Euclidean norm sqrt(x · x).</summary>
    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));
}
