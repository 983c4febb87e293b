using Trpo.Cli.Output;
using Trpo.Core.State;

namespace Trpo.Cli.Checkpoints;

/// <summary>
/// Everything a resume needs after epoch <see cref="Epoch"/>: the engine's state and where the run's append-only
/// files stood, so that they can be cut back to the epochs the state belongs to.
/// </summary>
/// <param name="Epoch">Epochs completed when it was taken.</param>
/// <param name="Config">The resolved configuration it belongs to (<see cref="ConfigJsonWriter.Values(Trpo.Cli.Configuration.RunSettings)"/>).</param>
/// <param name="Trace">Whether the run writes trace.txt (<c>--trace</c>).</param>
/// <param name="FailOnNonFinite">Whether the run stops at a numerical fault (<c>--fail-on-nonfinite</c>).</param>
/// <param name="ProgressBytes">Length of progress.csv after epoch <see cref="Epoch"/>'s row.</param>
/// <param name="TraceBytes">Length of trace.txt after epoch <see cref="Epoch"/>'s block (0 without <c>--trace</c>).</param>
/// <param name="Tally">What summary.json needs from the epochs so far.</param>
/// <param name="WallSeconds">Training wall time so far (not data; wall_seconds goes on from here).</param>
/// <param name="State">The engine's state after epoch <see cref="Epoch"/>.</param>
public sealed record Checkpoint(
    int Epoch,
    IReadOnlyDictionary<string, string> Config,
    bool Trace,
    bool FailOnNonFinite,
    long ProgressBytes,
    long TraceBytes,
    RunTally Tally,
    double WallSeconds,
    EngineState State);
