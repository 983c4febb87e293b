namespace Trpo.Cli.Commands;

/// <summary>How <c>trpo train</c> runs, apart from what it computes: none of these changes a single result bit.</summary>
/// <param name="Threads">Threads for batch work (<c>--threads</c>).</param>
/// <param name="Trace">Whether every intermediate is recorded into <c>trace.txt</c> (<c>--trace</c>).</param>
/// <param name="FailOnNonFinite">Whether a numerical fault stops the run (<c>--fail-on-nonfinite</c>) instead of being logged and skipped.</param>
/// <param name="PlotRefreshEpochs">
/// Epochs between refreshes of the plots and index.html while the run goes on; 0 draws them only when it ends
/// (batch runs: the batch shows its own progress, and nobody watches a run's page mid-batch).
/// </param>
public sealed record TrainExecution(int Threads, bool Trace, bool FailOnNonFinite = false, int PlotRefreshEpochs = TrainCommand.PlotRefreshEpochs);
