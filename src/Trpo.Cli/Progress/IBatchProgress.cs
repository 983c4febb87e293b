using Trpo.Cli.Batch;
using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>Shows a batch's progress while its runs go on, several at a time; every method may be called from any worker thread.</summary>
public interface IBatchProgress
{
    /// <summary>Runs <paramref name="body"/> (which starts and waits for the runs), reporting through the events it is given.</summary>
    /// <param name="total">Runs of this invocation (the shard's, when sharded), finished ones included.</param>
    /// <param name="alreadyFinished">Runs that had finished before and are skipped.</param>
    /// <param name="body">The batch's work.</param>
    T Track<T>(int total, int alreadyFinished, Func<IBatchEvents, T> body);
}

/// <summary>What the workers report.</summary>
public interface IBatchEvents
{
    /// <summary>A run starts training.</summary>
    void RunStarted(PlannedRun run);

    /// <summary>A run that had started goes on from its checkpoint after <paramref name="completedEpochs"/> epochs (called after <see cref="RunStarted"/>).</summary>
    void RunResumed(PlannedRun run, int completedEpochs);

    /// <summary>A run finished an epoch.</summary>
    void EpochFinished(PlannedRun run, EpochReport report);

    /// <summary>A run ended (completed, failed or interrupted).</summary>
    void RunFinished(RunOutcome outcome);
}
