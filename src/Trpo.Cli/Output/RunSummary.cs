using Trpo.Cli.Configuration;

namespace Trpo.Cli.Output;

/// <summary>summary.json: what a run did, written atomically when it ends (completed, interrupted or failed).</summary>
/// <param name="Settings">The run's resolved settings.</param>
/// <param name="EpochsCompleted">Epochs that finished and are in progress.csv.</param>
/// <param name="EnvSteps">Environment steps taken.</param>
/// <param name="FinalReturnMean">return_mean of the last finished epoch (NaN when no episode ended in it).</param>
/// <param name="BestReturnMean">Largest return_mean over the finished epochs (NaN when none had episodes).</param>
/// <param name="WallSeconds">Wall-clock seconds of training (not data: scrub it when comparing runs).</param>
/// <param name="Status">How the run ended.</param>
public sealed record RunSummary(
    RunSettings Settings,
    int EpochsCompleted,
    long EnvSteps,
    double FinalReturnMean,
    double BestReturnMean,
    double WallSeconds,
    RunStatus Status)
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
