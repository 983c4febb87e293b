using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Trpo.Cli.Commands;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;
using Trpo.Cli.Progress;
using Trpo.Core.Training;

namespace Trpo.Cli.Batch;

/// <summary>
/// Runs a batch's runs, up to <c>parallel</c> at a time, each into <c>{batch folder}/{run name}/</c> exactly as
/// <c>trpo train --out</c> would (config.json, progress.csv, summary.json, checkpoint/, the plots), single-threaded.
/// A run's plots and index.html are drawn once, when it ends: refreshing them every 5 epochs as <c>trpo train</c>
/// does would cost a few percent of a run (measured: 25–85 ms a refresh at 5–95 epochs of CartPole-v1, about 1 s over
/// the classic-control suite's 28 s, 98-epoch CartPole-v1 run) for pages nobody watches mid-batch, and the bytes at
/// the end are the same either way.
/// </summary>
/// <remarks>
/// Runs are in-process tasks rather than child processes: the engine is a pure function of (options, env, seed)
/// with no shared mutable state, so N trainers on N threads give the bits N processes would, without N runtime
/// start-ups, with one cancellation token for Ctrl+C, and with failures caught as exceptions per run. Scaling
/// past one machine is the shards' job (<see cref="ShardSpec"/>), which are processes. A run's outputs do not
/// depend on <c>parallel</c>: each run is computed alone on one thread, and only the order in which runs finish
/// (progress lines) varies.
/// Before anything runs, every run folder is checked: finished runs are skipped, and a folder made with another
/// configuration stops the batch with a user error. Every other run goes on as <c>trpo train --resume</c> would:
/// from its newest usable checkpoint (progress.csv cut back to the checkpoint's length, the engine restored bit for
/// bit), or from epoch 0 when it has none, so an interrupted batch, re-run, ends with the bytes an uninterrupted one
/// writes (wall times aside).
/// </remarks>
public sealed class BatchRunner(EpochSourceFactory engine, ToolInfo tool, IBatchProgress progress)
{
    /// <summary>Runs <paramref name="runs"/> (a shard of <paramref name="plan"/>, or all of it) into <paramref name="folder"/>.</summary>
    public IReadOnlyList<RunOutcome> Run(BatchPlan plan, IReadOnlyList<PlannedRun> runs, string folder, int parallel, CancellationToken cancellation)
    {
        if (File.Exists(folder))
            throw new UserError($"batch folder '{folder}' is a file, not a folder");
        var finished = runs.Where(r => RunFolderState.IsFinished(RunPath(folder, r), RunPath(folder, r), r, tool)).ToHashSet();
        Directory.CreateDirectory(folder);
        BatchManifest.Of(plan).Write(folder);

        var pending = runs.Where(r => !finished.Contains(r)).ToList();
        var outcomes = new RunOutcome?[pending.Count];
        progress.Track(runs.Count, finished.Count, events =>
        {
            var next = -1;
            void Worker()
            {
                while (!cancellation.IsCancellationRequested)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= pending.Count)
                        return;
                    events.RunStarted(pending[i]);
                    outcomes[i] = Execute(pending[i], folder, events, cancellation);
                    events.RunFinished(outcomes[i]!);
                }
            }
            var workers = Enumerable.Range(0, Math.Clamp(pending.Count, 1, parallel))
                .Select(_ => Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            Task.WaitAll(workers);
            return 0;
        });

        var byRun = pending.Select((r, i) => (r, outcomes[i] ?? new RunOutcome(r, RunOutcomeKind.NotStarted, null, double.NaN, TimeSpan.Zero)))
            .ToDictionary(p => p.r, p => p.Item2);
        return runs.Select(r => finished.Contains(r)
            ? new RunOutcome(r, RunOutcomeKind.AlreadyFinished, null, double.NaN, TimeSpan.Zero)
            : byRun[r]).ToList();
    }

    /// <summary>The folder of <paramref name="run"/> inside <paramref name="batchFolder"/>.</summary>
    public static string RunPath(string batchFolder, PlannedRun run) => Path.Combine(batchFolder, run.Name);

    private RunOutcome Execute(PlannedRun run, string folder, IBatchEvents events, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var last = double.NaN;
        var runProgress = new RunProgress(run, events, report => last = report.ReturnMean);
        var command = new TrainCommand(
            run.Settings,
            new TrainOutput(RunPath(folder, run), Force: false, folder, ResumeMode.Train),
            tool,
            new CliConsole(TextWriter.Null, TextWriter.Null, Interactive: false),
            runProgress,
            engine,
            new TrainExecution(Threads: 1, Trace: false, PlotRefreshEpochs: 0),
            PhysicalFileSystem.Instance,
            TestHook.None,
            StopSignal.Never,
            NullLogger<TrainCommand>.Instance);
        try
        {
            var code = command.Run(cancellation);
            return code switch
            {
                ExitCodes.Ok => new RunOutcome(run, RunOutcomeKind.Completed, null, last, clock.Elapsed),
                ExitCodes.Interrupted => new RunOutcome(run, RunOutcomeKind.Interrupted, null, last, clock.Elapsed),
                _ => new RunOutcome(run, RunOutcomeKind.Failed, $"the run ended with exit code {code}", last, clock.Elapsed),
            };
        }
        catch (Exception ex)
        {
            var message = ex is EngineFailure or UserError ? ex.Message : $"{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
            return new RunOutcome(run, RunOutcomeKind.Failed, message, last, clock.Elapsed);
        }
    }

    /// <summary>Feeds one run's epochs to the batch's events.</summary>
    private sealed class RunProgress(PlannedRun run, IBatchEvents events, Action<EpochReport> onEpoch) : IEpochProgress
    {
        public T Track<T>(int totalEpochs, int completedEpochs, Func<Action<EpochReport, TimeSpan>, T> loop)
        {
            if (completedEpochs > 0)
                events.RunResumed(run, completedEpochs);
            return loop((report, _) =>
            {
                onEpoch(report);
                events.EpochFinished(run, report);
            });
        }
    }
}
