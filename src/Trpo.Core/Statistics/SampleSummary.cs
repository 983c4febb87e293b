namespace Trpo.Core.Statistics;

/// <summary>
/// Summary statistics of a small sample (e.g. one value per seed): count, mean, sample standard deviation,
/// standard error of the mean, min and max. Sums run in the order the values are given, so the result is a
/// fixed function of that order.
/// </summary>
/// <param name="Count">n, the number of values.</param>
/// <param name="Mean">x̄ = (1/n) Σ x_i; NaN when n = 0.</param>
/// <param name="Std">s = sqrt(Σ (x_i − x̄)² / (n − 1)), the sample (Bessel-corrected) standard deviation; NaN when n &lt; 2.</param>
/// <param name="StandardError">s / √n; NaN when n &lt; 2.</param>
/// <param name="Min">The smallest value; NaN when n = 0.</param>
/// <param name="Max">The largest value; NaN when n = 0.</param>
public sealed record SampleSummary(int Count, double Mean, double Std, double StandardError, double Min, double Max)
{
    /// <summary>The summary of <paramref name="values"/>, in their order. Non-finite values are not allowed.</summary>
    public static SampleSummary Of(IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0) return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var x in values)
        {
            if (!double.IsFinite(x)) throw new ArgumentException($"values must be finite (got {x})", nameof(values));
            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        double mean = sum / n;
        if (n == 1) return new SampleSummary(1, mean, double.NaN, double.NaN, min, max);
        double squares = 0;
        foreach (var x in values)
        {
            // (x_i - x̄)²
            double d = x - mean;
            squares += d * d;
        }
        double std = Math.Sqrt(squares / (n - 1));
        return new SampleSummary(n, mean, std, std / Math.Sqrt(n), min, max);
    }
}
