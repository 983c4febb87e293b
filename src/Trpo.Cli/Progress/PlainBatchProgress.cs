using System.Globalization;
using Trpo.Cli.Batch;
using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>
/// Batch progress for logs and CI: one line when a run starts and one when it ends, e.g.
/// <c>[3/12] completed CartPole-v1__lam0.9__seed0  return 481.2  (41.0 s)  failed 0, running 2: a, b</c>.
/// </summary>
public sealed class PlainBatchProgress(TextWriter output) : IBatchProgress
{
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public T Track<T>(int total, int alreadyFinished, Func<IBatchEvents, T> body)
        => body(new Events(this, new BatchCounters(total, alreadyFinished)));

    private void Write(string line)
    {
        lock (_lock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed class Events(PlainBatchProgress owner, BatchCounters counters) : IBatchEvents
    {
        public void RunStarted(PlannedRun run)
        {
            var running = counters.Start(run);
            owner.Write($"[{counters.Done}/{counters.Total}] started   {run.Name}  ({run.Settings.Epochs} epochs; running {running.Count})");
        }

        public void RunResumed(PlannedRun run, int completedEpochs)
            => owner.Write($"[{counters.Done}/{counters.Total}] resumed   {run.Name}  at epoch {completedEpochs} of {run.Settings.Epochs} (its last checkpoint)");

        public void EpochFinished(PlannedRun run, EpochReport report)
        {
        }

        public void RunFinished(RunOutcome outcome)
        {
            var (done, failed, running) = counters.Finish(outcome);
            var what = outcome.Kind switch
            {
                RunOutcomeKind.Completed => "completed",
                RunOutcomeKind.Failed => "FAILED   ",
                RunOutcomeKind.Interrupted => "stopped  ",
                _ => outcome.Kind.ToString().ToLowerInvariant(),
            };
            var result = outcome.Kind == RunOutcomeKind.Failed
                ? outcome.Error
                : double.IsFinite(outcome.LastReturn) ? "return " + outcome.LastReturn.ToString("F1", CultureInfo.InvariantCulture) : "return n/a";
            var names = running.Count == 0 ? "" : ": " + string.Join(", ", running);
            owner.Write(string.Create(CultureInfo.InvariantCulture,
                $"[{done}/{counters.Total}] {what} {outcome.Run.Name}  {result}  ({outcome.WallTime.TotalSeconds:F1} s)  failed {failed}, running {running.Count}{names}"));
        }
    }
}
