using Spectre.Console;
using Trpo.Cli.Batch;
using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>Batch progress on a terminal: an overall bar (runs done/total, failures) and one bar per run going on.</summary>
public sealed class SpectreBatchProgress(TextWriter output) : IBatchProgress
{
    /// <inheritdoc />
    public T Track<T>(int total, int alreadyFinished, Func<IBatchEvents, T> body)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var counters = new BatchCounters(total, alreadyFinished);
                var overall = context.AddTask(Describe(counters.Done, total, 0), maxValue: Math.Max(total, 1));
                overall.Value = alreadyFinished;
                return body(new Events(context, overall, counters));
            });
    }

    private static string Describe(int done, int total, int failed)
        => Markup.Escape($"runs {done}/{total}, {failed} failed");

    private sealed class Events(ProgressContext context, ProgressTask overall, BatchCounters counters) : IBatchEvents
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, ProgressTask> _tasks = [];

        public void RunStarted(PlannedRun run)
        {
            counters.Start(run);
            lock (_lock)
                _tasks[run.Name] = context.AddTask(Markup.Escape(run.Name), maxValue: run.Settings.Epochs);
        }

        public void RunResumed(PlannedRun run, int completedEpochs)
        {
            lock (_lock)
                if (_tasks.TryGetValue(run.Name, out var task))
                    task.Value = completedEpochs;
        }

        public void EpochFinished(PlannedRun run, EpochReport report)
        {
            lock (_lock)
                if (_tasks.TryGetValue(run.Name, out var task))
                    task.Value = report.Epoch;
        }

        public void RunFinished(RunOutcome outcome)
        {
            var (done, failed, _) = counters.Finish(outcome);
            lock (_lock)
            {
                if (_tasks.Remove(outcome.Run.Name, out var task))
                    task.StopTask();
                overall.Value = done;
                overall.Description = Describe(done, counters.Total, failed);
            }
        }
    }
}
