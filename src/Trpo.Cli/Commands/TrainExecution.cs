namespace Trpo.Cli.Commands;

/// <summary>How <c>trpo train</c> runs, apart from what it computes: none of these changes a single result bit.</summary>
/// <param name="Threads">Threads for batch work (<c>--threads</c>).</param>
/// <param name="Trace">Whether every intermediate is recorded into <c>trace.txt</c> (<c>--trace</c>).</param>
/// <param name="FailOnNonFinite">Whether a numerical fault stops the run (<c>--fail-on-nonfinite</c>) instead of being logged and skipped.</param>
public sealed record TrainExecution(int Threads, bool Trace, bool FailOnNonFinite = false);
