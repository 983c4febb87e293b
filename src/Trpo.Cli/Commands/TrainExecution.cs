namespace Trpo.Cli.Commands;

/// <summary>How <c>trpo train</c> runs, apart from what it computes: neither changes a single result bit.</summary>
/// <param name="Threads">Threads for batch work (<c>--threads</c>).</param>
/// <param name="Trace">Whether every intermediate is recorded into <c>trace.txt</c> (<c>--trace</c>).</param>
public sealed record TrainExecution(int Threads, bool Trace);
