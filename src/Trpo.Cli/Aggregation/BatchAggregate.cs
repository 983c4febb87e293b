using Trpo.Cli.Batch;
using Trpo.Core.Statistics;

namespace Trpo.Cli.Aggregation;

/// <summary>
/// A batch's results per configuration (environment × swept values), over its completed seeds: per epoch the
/// mean, sample std, standard error, min and max of <c>return_mean</c> (seeds with no finished episode in that
/// epoch left out), the final return (<see cref="FinalReturn"/>) with its 95% bootstrap interval, and the
/// deterministic evaluation of the runs that have one (eval.json).
/// Everything is computed in canonical run order, so the numbers do not depend on how or where the runs ran.
/// </summary>
/// <param name="Results">The runs.</param>
/// <param name="Configurations">The configurations, in canonical order.</param>
public sealed record BatchAggregate(BatchResults Results, IReadOnlyList<ConfigurationResult> Configurations)
{
    /// <summary>Aggregates <paramref name="results"/>; <paramref name="finalEpochs"/> overrides the final window K (null: <see cref="FinalReturn.DefaultWindow"/>).</summary>
    public static BatchAggregate Of(BatchResults results, int? finalEpochs = null)
    {
        var configurations = results.Runs
            .GroupBy(r => r.Run.Configuration, StringComparer.Ordinal)
            .Select(group => Configure(group.ToList(), finalEpochs))
            .ToList();
        return new BatchAggregate(results, configurations);
    }

    private static ConfigurationResult Configure(IReadOnlyList<RunResult> runs, int? finalEpochs)
    {
        var first = runs[0].Run;
        var completed = runs.Where(r => r.Status == RunResultStatus.Completed).ToList();
        var epochs = completed.Count == 0 ? 0 : completed.Min(r => r.Epochs.Count);
        var curve = new List<EpochAggregate>();
        for (int e = 0; e < epochs; e++)
        {
            var values = completed.Select(r => r.Epochs[e].ReturnMean).Where(double.IsFinite).ToList();
            curve.Add(new EpochAggregate(completed[0].Epochs[e].Epoch, completed[0].Epochs[e].EnvSteps, SampleSummary.Of(values)));
        }

        var window = Math.Min(finalEpochs ?? FinalReturn.DefaultWindow(first.Epochs), Math.Max(1, first.Epochs));
        var perSeed = completed
            .Select(r => new SeedFinal(r.Run.Seed, FinalReturn.Of(r.Epochs, window)))
            .Where(s => double.IsFinite(s.Value))
            .ToList();
        var finals = perSeed.Select(s => s.Value).ToList();
        var (low, high) = BootstrapInterval.OfMean(finals);
        var final = new FinalResult(window, perSeed, SampleSummary.Of(finals), low, high);
        var evaluated = completed
            .Where(r => r.Evaluation is not null)
            .Select(r => new SeedFinal(r.Run.Seed, r.Evaluation!.ReturnMean))
            .ToList();
        var evaluation = new EvaluationSummary(evaluated, SampleSummary.Of(evaluated.Select(e => e.Value).ToList()));
        return new ConfigurationResult(first.Configuration, first.EnvironmentId, first.Values, runs.Count, first.Epochs, curve, final, evaluation);
    }
}

/// <summary>One configuration's results.</summary>
/// <param name="Name">The configuration name, e.g. <c>CartPole-v1__lam0.9</c>.</param>
/// <param name="EnvironmentId">The environment.</param>
/// <param name="Values">The swept values.</param>
/// <param name="PlannedSeeds">Seeds the plan has for it.</param>
/// <param name="Epochs">Planned epochs per run.</param>
/// <param name="Curve">Per-epoch statistics over the completed seeds.</param>
/// <param name="Final">Final-return statistics over the completed seeds.</param>
/// <param name="Evaluation">Deterministic-evaluation statistics over the completed seeds that have an eval.json.</param>
public sealed record ConfigurationResult(
    string Name, string EnvironmentId, IReadOnlyList<ManifestValue> Values, int PlannedSeeds, int Epochs,
    IReadOnlyList<EpochAggregate> Curve, FinalResult Final, EvaluationSummary Evaluation);

/// <summary>One epoch's statistics over seeds.</summary>
public sealed record EpochAggregate(int Epoch, long EnvSteps, SampleSummary Returns);

/// <summary>A seed's final return.</summary>
public sealed record SeedFinal(ulong Seed, double Value);

/// <summary>Final-return statistics of a configuration.</summary>
/// <param name="Window">K, the epochs averaged per run.</param>
/// <param name="PerSeed">Each completed seed's final return (seeds whose window had no finished episode left out).</param>
/// <param name="Summary">Mean, std, standard error, min, max over those seeds.</param>
/// <param name="CiLow">Lower end of the 95% percentile-bootstrap interval of the mean.</param>
/// <param name="CiHigh">Upper end of that interval.</param>
public sealed record FinalResult(int Window, IReadOnlyList<SeedFinal> PerSeed, SampleSummary Summary, double CiLow, double CiHigh);

/// <summary>Deterministic-evaluation statistics of a configuration (<c>trpo eval</c>'s <c>return_mean</c> per seed).</summary>
/// <param name="PerSeed">Each evaluated seed's mean evaluation return, in canonical order.</param>
/// <param name="Summary">Mean, std, standard error, min, max over those seeds.</param>
public sealed record EvaluationSummary(IReadOnlyList<SeedFinal> PerSeed, SampleSummary Summary);
