namespace Trpo.Cli.Plotting;

/// <summary>
/// Per-epoch statistics of one progress.csv column over the seeds of a configuration.
/// </summary>
/// <param name="Epochs">The epoch numbers (1-based) that every seed has, in order.</param>
/// <param name="EnvSteps">env_steps at each epoch, from the first seed (equal for every seed of one configuration).</param>
/// <param name="Mean">Mean over the seeds whose value is finite (NaN when none is).</param>
/// <param name="Std">Sample standard deviation (n − 1), NaN when fewer than two values are finite.</param>
/// <param name="StandardError">Std / √n.</param>
/// <param name="Min">Smallest finite value.</param>
/// <param name="Max">Largest finite value.</param>
/// <param name="Count">How many seeds had a finite value.</param>
/// <param name="Seeds">Number of seeds aggregated.</param>
/// <param name="LongestRun">Epochs of the longest seed (more than <c>Epochs.Count</c> when seeds stopped at different epochs).</param>
public sealed record AggregateCurve(
    IReadOnlyList<long> Epochs,
    IReadOnlyList<double> EnvSteps,
    IReadOnlyList<double> Mean,
    IReadOnlyList<double> Std,
    IReadOnlyList<double> StandardError,
    IReadOnlyList<double> Min,
    IReadOnlyList<double> Max,
    IReadOnlyList<int> Count,
    int Seeds,
    int LongestRun)
{
    /// <summary>Mean − band and mean + band for <paramref name="kind"/>.</summary>
    public (double[] Lower, double[] Upper) Band(BandKind kind)
    {
        var width = kind == BandKind.Std ? Std : StandardError;
        return (Mean.Select((m, i) => m - width[i]).ToArray(), Mean.Select((m, i) => m + width[i]).ToArray());
    }
}

/// <summary>
/// Aggregates a column over seeds. Seeds are aligned by epoch number, not by position or by env_steps: the x value
/// of epoch k is its env_steps, which is the same for every seed of one configuration (steps_per_epoch × k). Only
/// the epochs that every seed has are kept, so a seed that stopped early shortens the curve instead of letting
/// the mean jump where seeds drop out. Sums run over seeds in the order given.
/// </summary>
public static class SeedAggregate
{
    /// <summary>Aggregates <paramref name="column"/> over <paramref name="seeds"/> (at least one table).</summary>
    public static AggregateCurve Compute(IReadOnlyList<ProgressTable> seeds, string column)
    {
        if (seeds.Count == 0) throw new ArgumentException("at least one progress table is needed", nameof(seeds));
        var rowOf = seeds.Select(t =>
        {
            var map = new Dictionary<long, int>();
            var epochs = t.Numbers(ProgressTable.EpochColumn);
            for (int i = 0; i < epochs.Count; i++)
                if (double.IsFinite(epochs[i])) map.TryAdd((long)epochs[i], i);
            return map;
        }).ToList();
        var values = seeds.Select(t => t.Numbers(column)).ToList();
        var firstSteps = seeds[0].Numbers(ProgressTable.EnvStepsColumn);

        var common = rowOf[0].Keys.Where(e => rowOf.All(m => m.ContainsKey(e))).Order().ToList();
        int n = common.Count;
        var (steps, mean, std, se, min, max) = (new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        var count = new int[n];
        for (int i = 0; i < n; i++)
        {
            long epoch = common[i];
            steps[i] = firstSteps[rowOf[0][epoch]];
            var finite = values.Select((v, s) => v[rowOf[s][epoch]]).Where(double.IsFinite).ToList();
            count[i] = finite.Count;
            if (finite.Count == 0)
            {
                mean[i] = std[i] = se[i] = min[i] = max[i] = double.NaN;
                continue;
            }
            double sum = 0;
            foreach (var v in finite) sum += v;
            mean[i] = sum / finite.Count;
            double squares = 0;
            foreach (var v in finite) squares += (v - mean[i]) * (v - mean[i]);
            std[i] = finite.Count >= 2 ? Math.Sqrt(squares / (finite.Count - 1)) : double.NaN;
            se[i] = std[i] / Math.Sqrt(finite.Count);
            min[i] = finite.Min();
            max[i] = finite.Max();
        }
        return new AggregateCurve(common, steps, mean, std, se, min, max, count, seeds.Count, seeds.Max(t => t.RowCount));
    }
}
