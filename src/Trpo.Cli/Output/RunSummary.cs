using Trpo.Cli.Configuration;
using Trpo.Core.Control;

namespace Trpo.Cli.Output;

/// <summary>summary.json: what a run did, written atomically when it ends (completed, interrupted or failed).</summary>
/// <param name="Settings">The run's resolved settings.</param>
/// <param name="EpochsCompleted">Epochs that finished and are in progress.csv.</param>
/// <param name="EnvSteps">Environment steps taken.</param>
/// <param name="FinalReturnMean">return_mean of the last finished epoch (NaN when no episode ended in it).</param>
/// <param name="BestReturnMean">Largest return_mean over the finished epochs (NaN when none had episodes).</param>
/// <param name="WallSeconds">Wall-clock seconds of training (not data: scrub it when comparing runs).</param>
/// <param name="Status">How the run ended.</param>
/// <param name="CostGap">LQR-v0 only: the final policy's cost gap to the Riccati optimum (null otherwise, and the keys are left out).</param>
public sealed record RunSummary(
    RunSettings Settings,
    int EpochsCompleted,
    long EnvSteps,
    double FinalReturnMean,
    double BestReturnMean,
    double WallSeconds,
    RunStatus Status,
    LqrCostGap? CostGap = null)
{
    /// <summary>The file's text: keys sorted, doubles shortest round-trip, NaN as null.</summary>
    public string Render() => JsonFormat.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("best_return_mean");
        JsonFormat.WriteDouble(w, BestReturnMean);
        w.WriteString("env", Settings.EnvironmentId);
        w.WriteNumber("env_steps", EnvSteps);
        w.WriteNumber("epochs", Settings.Epochs);
        w.WriteNumber("epochs_completed", EpochsCompleted);
        w.WritePropertyName("final_return_mean");
        JsonFormat.WriteDouble(w, FinalReturnMean);
        if (CostGap is { } gap)
        {
            w.WritePropertyName("lqr_cost_gap");
            JsonFormat.WriteDouble(w, gap.Gap);
            w.WriteNumber("lqr_eval_start_states", gap.StartStates);
            w.WritePropertyName("lqr_expected_optimal_cost");
            JsonFormat.WriteDouble(w, gap.ExpectedOptimalCost);
            w.WritePropertyName("lqr_optimal_cost");
            JsonFormat.WriteDouble(w, gap.OptimalCost);
            w.WritePropertyName("lqr_policy_cost");
            JsonFormat.WriteDouble(w, gap.PolicyCost);
            w.WritePropertyName("lqr_stationary_cost");
            JsonFormat.WriteDouble(w, gap.StationaryCost);
        }
        w.WriteString("preset", Settings.Preset);
        w.WriteNumber("seed", Settings.Seed);
        w.WriteString("status", Status.ToString().ToLowerInvariant());
        w.WritePropertyName("wall_seconds");
        JsonFormat.WriteDouble(w, WallSeconds);
        w.WriteEndObject();
    });

    /// <summary>Writes summary.json into <paramref name="folder"/>, atomically.</summary>
    public void Write(RunFolder folder) => AtomicFile.WriteAllText(folder.SummaryPath, Render());
}
