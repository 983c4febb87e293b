using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;
using Trpo.Cli.Progress;
using Trpo.Core.Control;
using Trpo.Core.State;
using Trpo.Core.Tracing;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo train</c> (and <c>trpo resume</c>): prepares or reopens the run folder, records config.json, runs the
/// epochs, and after each one appends its progress.csv row (and trace block), then saves a checkpoint (written while
/// the next epoch computes, <see cref="CheckpointPipeline"/>); stops after
/// the current epoch when asked to (Ctrl+C, SIGTERM) and writes summary.json at the end. The plots
/// (learning_curve.svg, diagnostics.svg) and index.html are made from progress.csv every
/// <see cref="TrainExecution.PlotRefreshEpochs"/> epochs (default <see cref="PlotRefreshEpochs"/>) and when the run
/// ends (unless it ends because a file could not be written).
/// </summary>
/// <remarks>
/// Crash safety: progress.csv and trace.txt are only appended to, each epoch's data reaching the disk before the
/// checkpoint that records the files' lengths; config.json, summary.json and checkpoints are replaced atomically.
/// A resume cuts progress.csv and trace.txt back to the lengths of the checkpoint it starts from, so whatever a
/// crash left of a later epoch (a half row included) is dropped and that epoch is computed again, giving the
/// same bytes. All computation is the engine's; this class only moves its reports and state to files.
/// </remarks>
public sealed class TrainCommand(
    RunSettings settings,
    TrainOutput output,
    ToolInfo tool,
    CliConsole console,
    IEpochProgress progress,
    EpochSourceFactory engine,
    TrainExecution execution,
    IFileSystem files,
    TestHook crash,
    StopSignal stop,
    ILogger<TrainCommand> logger)
{
    /// <summary>The default epochs between refreshes of the plots while a run goes on (they are also written when it ends).</summary>
    public const int PlotRefreshEpochs = 5;

    private bool _plotWarningShown;

    /// <summary>
    /// Runs the command; returns the exit code (0 completed, 130/143 interrupted, 3 numerical fault) or throws a
    /// <see cref="UserError"/>, <see cref="EngineFailure"/> or <see cref="OutputFailure"/>.
    /// </summary>
    public int Run(CancellationToken cancellation)
    {
        var displayPath = output.OutPath ?? $"runs/{settings.RunName}";
        var fullPath = output.OutPath is null
            ? RunFolder.DefaultPath(output.WorkingDirectory, settings.RunName)
            : Path.GetFullPath(output.OutPath, output.WorkingDirectory);

        RunStart start;
        try
        {
            start = RunStart.Open(files, output, displayPath, fullPath, settings, execution, tool, crash, console.Error);
            if (start.Checkpoint is null)
                ConfigJsonWriter.Write(files, start.Folder, settings, tool, crash.Midway("config-half-written", 0));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailure($"cannot write run folder '{displayPath}': {ex.Message}", ex);
        }
        var folder = start.Folder;
        var run = start.Execution;
        logger.LogDebug("run folder {Folder}; starting after epoch {Epoch}", folder.Path, start.Checkpoint?.Epoch ?? 0);

        var tally = start.Checkpoint?.Tally ?? RunTally.Empty;
        var wallBefore = start.Checkpoint?.WallSeconds ?? 0.0;
        var clock = Stopwatch.StartNew();
        double Wall() => wallBefore + clock.Elapsed.TotalSeconds;
        var status = RunStatus.Completed;
        string? fault = null;
        var store = new CheckpointStore(files, folder.CheckpointPath, folder.CheckpointDisplayPath, crash);
        var checkpoints = new CheckpointPipeline(store, start.Checkpoint?.Epoch ?? 0);
        Exception? plotFailure = null;
        void WaitForWrites()
        {
            checkpoints.Wait();
            ReportPlotFailure(plotFailure);
            plotFailure = null;
        }
        LqrCostGap? costGap = null;
        try
        {
            var trainer = engine(settings, run);
            if (start.Checkpoint is { } checkpoint)
                Restore(trainer, checkpoint, folder);
            using var outputs = OpenOutputs(folder, start.Checkpoint, run);
            var before = trainer.CaptureState();
            status = progress.Track(settings.Epochs, tally.EpochsCompleted, onEpoch =>
            {
                for (var epoch = tally.EpochsCompleted + 1; epoch <= settings.Epochs; epoch++)
                {
                    if (cancellation.IsCancellationRequested)
                        return RunStatus.Interrupted;
                    var epochStart = clock.Elapsed;
                    var report = trainer.RunEpoch(); // beside the previous epoch's checkpoint, still being written
                    WaitForWrites();
                    outputs.Csv.Append(report, Wall(), crash.Midway("progress-half-row", epoch));
                    crash.Reached("progress-row", epoch);
                    if (outputs.Trace is not null && trainer.LastTrace is { } epochTrace) outputs.Trace.Append(epochTrace);
                    tally = tally.Add(report);
                    var state = trainer.CaptureState();
                    // the plots of a refresh epoch follow the checkpoint on its thread; progress.csv is not appended to before both are done
                    var refresh = run.PlotRefreshEpochs > 0 && epoch % run.PlotRefreshEpochs == 0 && epoch < settings.Epochs;
                    checkpoints.Begin(new Checkpoint(epoch, ConfigJsonWriter.Values(settings), run.Trace, run.FailOnNonFinite,
                        outputs.Csv.Length, outputs.Trace?.Length ?? 0, tally, Wall(), state),
                        refresh ? () => plotFailure = TryWritePlots(folder) : null);
                    onEpoch(report, clock.Elapsed - epochStart);
                    if (run.FailOnNonFinite && report.NumericalFault is { } reason)
                    {
                        fault = $"epoch {epoch}: {reason}";
                        WaitForWrites();
                        WriteFaultTrace(folder, run, before);
                        return RunStatus.NumericalFault;
                    }
                    before = state;
                }
                return RunStatus.Completed;
            });
            WaitForWrites(); // every way out of the loop (done, interrupted, fault) leaves its last checkpoint in place
            costGap = trainer.EvaluateCostGap();
            crash.Reached("before-summary", settings.Epochs);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            checkpoints.WaitAfterFailure();
            TrySummarize(folder, tally, Wall(), RunStatus.Failed);
            throw new OutputFailure(
                $"cannot write run folder '{displayPath}': {ex.Message.ReplaceLineEndings(" ")}; epochs up to the last checkpoint ({checkpoints.LastSaved}) are kept: fix it and run 'trpo resume {Shell.Quote(displayPath)}'", ex);
        }
        catch (Exception ex) when (ex is not UserError)
        {
            checkpoints.WaitAfterFailure();
            TrySummarize(folder, tally, Wall(), RunStatus.Failed);
            WritePlots(folder);
            throw new EngineFailure(
                $"training failed after {tally.EpochsCompleted} of {settings.Epochs} epochs: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}; run folder: {folder.Path}", ex);
        }

        Summarize(folder, tally, Wall(), status, displayPath, costGap);
        WritePlots(folder);
        var resume = $"trpo resume {Shell.Quote(displayPath)}";
        switch (status)
        {
            case RunStatus.Interrupted:
                console.Error.WriteLine($"interrupted after {tally.EpochsCompleted} of {settings.Epochs} epochs; checkpoint saved; resume with: {resume}");
                break;
            case RunStatus.NumericalFault:
                console.Error.WriteLine($"error: numerical fault at {fault} (--fail-on-nonfinite); diagnostic trace: {displayPath}/{RunFolder.FaultTraceFileName}; the checkpoint after it is saved: {resume} goes on");
                break;
        }
        if (costGap is not null)
            console.Out.WriteLine(CostGapLine(costGap));
        console.Out.WriteLine($"run folder: {folder.Path}");
        return status switch
        {
            RunStatus.Interrupted => stop.ExitCode,
            RunStatus.NumericalFault => ExitCodes.NumericalFault,
            _ => ExitCodes.Ok,
        };
    }

    /// <summary>
    /// The LQR report line, e.g. <c>lqr cost gap +1.23% (policy 6.047, optimum 5.974 on 100 fixed start states; E[J*] 5.974)</c>.
    /// </summary>
    public static string CostGapLine(LqrCostGap gap) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"lqr cost gap {gap.Gap * 100:+0.00;-0.00}% (policy {gap.PolicyCost:G6}, optimum {gap.OptimalCost:G6} on {gap.StartStates} fixed start states; E[J*] {gap.ExpectedOptimalCost:G6})");

    /// <summary>
    /// Re-renders the run's plots and index.html from its progress.csv. A failure here must not cost the run: it is
    /// reported once as a warning on stderr (details with --verbose) and training goes on.
    /// </summary>
    private void WritePlots(RunFolder folder) => ReportPlotFailure(TryWritePlots(folder));

    /// <summary>Re-renders the plots and index.html; returns what stopped it (null when written). Safe on a pool thread: it writes no console line.</summary>
    private static Exception? TryWritePlots(RunFolder folder)
    {
        try
        {
            RunPlots.WriteRun(RunLoader.Load(folder.Path, folder.Path), folder.Path);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex;
        }
    }

    private void ReportPlotFailure(Exception? failure)
    {
        if (failure is null) return;
        logger.LogDebug(failure, "plots not written");
        if (_plotWarningShown) return;
        _plotWarningShown = true;
        console.Error.WriteLine($"warning: plots not written: {failure.Message.ReplaceLineEndings(" ")}");
    }

    /// <summary>Puts the engine into the checkpoint's state; a state that does not fit is a user error, not a crash.</summary>
    private void Restore(IEpochSource trainer, Checkpoint checkpoint, RunFolder folder)
    {
        try
        {
            trainer.RestoreState(checkpoint.State);
        }
        catch (IncompatibleStateException ex)
        {
            throw new UserError($"checkpoint '{folder.CheckpointDisplayPath}/{CheckpointStore.FileName(checkpoint.Epoch)}' does not fit this run: {ex.Message}; start over with --force");
        }
    }

    /// <summary>progress.csv (and trace.txt): created with their headers, or cut back to the checkpoint's lengths and reopened for appending.</summary>
    private RunOutputs OpenOutputs(RunFolder folder, Checkpoint? checkpoint, TrainExecution run)
    {
        if (checkpoint is null)
        {
            files.Delete(folder.SummaryPath);
            var csv = ProgressCsvWriter.Create(files, folder.ProgressPath);
            try
            {
                var trace = run.Trace ? TraceFileWriter.Create(files, folder.TracePath, RunMeta()) : null;
                return new RunOutputs(csv, trace);
            }
            catch
            {
                csv.Dispose();
                throw;
            }
        }
        files.Delete(folder.SummaryPath); // a run in progress has no summary; a stale one would contradict progress.csv
        files.Delete(folder.FaultTracePath);
        files.Truncate(folder.ProgressPath, checkpoint.ProgressBytes);
        if (run.Trace) files.Truncate(folder.TracePath, checkpoint.TraceBytes);
        var appendCsv = ProgressCsvWriter.Append(files, folder.ProgressPath);
        try
        {
            return new RunOutputs(appendCsv, run.Trace ? TraceFileWriter.Append(files, folder.TracePath) : null);
        }
        catch
        {
            appendCsv.Dispose();
            throw;
        }
    }

    /// <summary>Runs the faulty epoch again from the state before it with tracing on (the engine is deterministic) and writes its trace.</summary>
    private void WriteFaultTrace(RunFolder folder, TrainExecution run, EngineState before)
    {
        var replay = engine(settings, run with { Trace = true });
        replay.RestoreState(before);
        replay.RunEpoch();
        using var trace = TraceFileWriter.Create(files, folder.FaultTracePath, RunMeta());
        if (replay.LastTrace is { } epochTrace) trace.Append(epochTrace);
    }

    private IEnumerable<KeyValuePair<string, string>> RunMeta()
        => TraceText.RunMeta(settings.EnvironmentId, settings.Preset, settings.Seed, settings.Epochs, settings.Options)
            .Concat(settings.Lqr is { } system ? LqrKeys.TextEntries(system) : []);

    private void Summarize(RunFolder folder, RunTally tally, double wallSeconds, RunStatus status, string displayPath, LqrCostGap? costGap)
    {
        try
        {
            new RunSummary(settings, tally, wallSeconds, status, costGap).Write(files, folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailure($"cannot write '{displayPath}/{RunFolder.SummaryFileName}': {ex.Message.ReplaceLineEndings(" ")}; every epoch is checkpointed: fix it and run 'trpo resume {Shell.Quote(displayPath)}'", ex);
        }
    }

    private void TrySummarize(RunFolder folder, RunTally tally, double wallSeconds, RunStatus status)
    {
        try { new RunSummary(settings, tally, wallSeconds, status).Write(files, folder); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { logger.LogDebug(ex, "summary.json not written"); }
    }

    /// <summary>The append-only files of a run.</summary>
    private sealed record RunOutputs(ProgressCsvWriter Csv, TraceFileWriter? Trace) : IDisposable
    {
        public void Dispose()
        {
            Csv.Dispose();
            Trace?.Dispose();
        }
    }
}
