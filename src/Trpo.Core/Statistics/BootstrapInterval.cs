using Trpo.Core.Numerics;

namespace Trpo.Core.Statistics;

/// <summary>
/// Percentile bootstrap confidence interval of a mean (Efron and Tibshirani, "An Introduction to the Bootstrap",
/// 1993, ch. 13): draw <see cref="Resamples"/> samples of n values with replacement, take each one's mean, and
/// read the (1 − level)/2 and (1 + level)/2 quantiles of those means. Henderson et al. ("Deep Reinforcement
/// Learning that Matters", AAAI 2018) use it for RL results over seeds, and warn that with 5 or fewer seeds such
/// intervals (and any other summary) can mislead: they are as wide or as narrow as those few seeds happen to be.
/// </summary>
/// <remarks>
/// Deterministic: the draws come from <see cref="Rng"/>'s stream (seed 0, <see cref="RngPurpose.Bootstrap"/>,
/// index 0), started afresh for every interval, with <see cref="Rng.NextBelow"/> picking each index, and each
/// resample's sum runs in draw order. Quantiles interpolate linearly between order statistics at position
/// q·(B − 1) (NumPy's default "linear" method).
/// </remarks>
public static class BootstrapInterval
{
    /// <summary>B, the number of resamples.</summary>
    public const int Resamples = 10_000;

    /// <summary>The interval of the mean of <paramref name="values"/> at <paramref name="level"/> (e.g. 0.95); (NaN, NaN) when empty.</summary>
    public static (double Low, double High) OfMean(IReadOnlyList<double> values, double level = 0.95)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "must be in (0, 1)");
        int n = values.Count;
        if (n == 0) return (double.NaN, double.NaN);
        var rng = Rng.ForStream(0, RngPurpose.Bootstrap);
        var means = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
                sum += values[rng.NextBelow(n)];
            means[b] = sum / n;
        }
        Array.Sort(means);
        return (Quantile(means, (1 - level) / 2), Quantile(means, (1 + level) / 2));
    }

    /// <summary>The q-quantile of sorted <paramref name="sorted"/>: linear interpolation at h = q·(B − 1).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double h = q * (sorted.Count - 1);
        int low = (int)Math.Floor(h);
        int high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}
