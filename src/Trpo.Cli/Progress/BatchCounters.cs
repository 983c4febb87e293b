using Trpo.Cli.Batch;

namespace Trpo.Cli.Progress;

/// <summary>The running tallies both batch progress displays show: done/total, failures, the runs going on now.</summary>
public sealed class BatchCounters(int total, int alreadyFinished)
{
    private readonly Lock _lock = new();
    private readonly List<string> _running = [];

    /// <summary>Runs of this invocation.</summary>
    public int Total { get; } = total;
    /// <summary>Runs done (finished before, completed, failed or interrupted).</summary>
    public int Done { get; private set; } = alreadyFinished;
    /// <summary>Runs that failed.</summary>
    public int Failed { get; private set; }

    /// <summary>Records a start; returns the names running now.</summary>
    public IReadOnlyList<string> Start(PlannedRun run)
    {
        lock (_lock)
        {
            _running.Add(run.Name);
            return _running.ToList();
        }
    }

    /// <summary>Records an end; returns (done, failed, names still running) after it.</summary>
    public (int Done, int Failed, IReadOnlyList<string> Running) Finish(RunOutcome outcome)
    {
        lock (_lock)
        {
            _running.Remove(outcome.Run.Name);
            Done++;
            if (outcome.Kind == RunOutcomeKind.Failed) Failed++;
            return (Done, Failed, _running.ToList());
        }
    }
}
