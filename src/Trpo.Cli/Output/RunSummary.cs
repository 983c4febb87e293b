using Trpo.Cli.Configuration;
using Trpo.Cli.FileSystem;
using Trpo.Core.Control;

namespace Trpo.Cli.Output;

/// <summary>summary.json: what a run did, written atomically when it ends (completed, interrupted or failed).</summary>
/// <param name="Settings">The run's resolved settings.</param>
/// <param name="Tally">Epochs completed, steps, final and best return (NaN written as null).</param>
/// <param name="WallSeconds">Wall-clock seconds of training, summed over resumes (not data: scrub it when comparing runs).</param>
/// <param name="Status">How the run ended.</param>
/// <param name="CostGap">LQR-v0 only: the final policy's cost gap to the Riccati optimum (null otherwise, and the keys are left out).</param>
public sealed record RunSummary(RunSettings Settings, RunTally Tally, double WallSeconds, RunStatus Status, LqrCostGap? CostGap = null)
{
    /// <summary>Name of the one clock-dependent key (scrub it when comparing runs).</summary>
    public const string WallSecondsKey = "wall_seconds";

    /// <summary>The file's text: keys sorted, doubles shortest round-trip, NaN as null.</summary>
    public string Render() => JsonFormat.Build(w =>
    {
        w.WriteStartObject();
        JsonFormat.WriteDouble(w, "best_return_mean", Tally.BestReturnMean);
        w.WriteString("env", Settings.EnvironmentId);
        w.WriteNumber("env_steps", Tally.EnvSteps);
        w.WriteNumber("epochs", Settings.Epochs);
        w.WriteNumber("epochs_completed", Tally.EpochsCompleted);
        JsonFormat.WriteDouble(w, "final_return_mean", Tally.FinalReturnMean);
        if (CostGap is { } gap)
        {
            JsonFormat.WriteDouble(w, "lqr_cost_gap", gap.Gap);
            w.WriteNumber("lqr_eval_start_states", gap.StartStates);
            JsonFormat.WriteDouble(w, "lqr_expected_optimal_cost", gap.ExpectedOptimalCost);
            JsonFormat.WriteDouble(w, "lqr_optimal_cost", gap.OptimalCost);
            JsonFormat.WriteDouble(w, "lqr_policy_cost", gap.PolicyCost);
            JsonFormat.WriteDouble(w, "lqr_stationary_cost", gap.StationaryCost);
        }
        w.WriteString("preset", Settings.Preset);
        w.WriteNumber("seed", Settings.Seed);
        w.WriteString("status", RunStatusNames.Of(Status));
        JsonFormat.WriteDouble(w, WallSecondsKey, WallSeconds);
        w.WriteEndObject();
    });

    /// <summary>Writes summary.json into <paramref name="folder"/>, atomically.</summary>
    public void Write(RunFolder folder) => Write(PhysicalFileSystem.Instance, folder);

    /// <summary>Writes summary.json into <paramref name="folder"/> through <paramref name="files"/>, atomically.</summary>
    public void Write(IFileSystem files, RunFolder folder) => AtomicFile.WriteAllText(files, folder.SummaryPath, Render());
}
