using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;
using Trpo.Cli.Progress;
using Trpo.Core.Control;
using Trpo.Core.Tracing;
using Trpo.Core.Training;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo train</c>: prepares the run folder, records config.json, runs the epochs (stopping after the current
/// one when cancelled), appends progress.csv per epoch and writes summary.json at the end. The plots
/// (learning_curve.svg, diagnostics.svg) and index.html are made from progress.csv every
/// <see cref="PlotRefreshEpochs"/> epochs and when the run ends, however it ends.
/// All computation is the engine's; this class only moves its reports to files and the console.
/// </summary>
public sealed class TrainCommand(
    RunSettings settings,
    TrainOutput output,
    ToolInfo tool,
    CliConsole console,
    IEpochProgress progress,
    EpochSourceFactory engine,
    TrainExecution execution,
    ILogger<TrainCommand> logger)
{
    /// <summary>Epochs between refreshes of the plots while a run goes on (they are also written when it ends).</summary>
    public const int PlotRefreshEpochs = 5;

    private bool _plotWarningShown;

    /// <summary>Runs the command; returns the exit code (0 completed, 130 interrupted) or throws a user error or <see cref="EngineFailure"/>.</summary>
    public int Run(CancellationToken cancellation)
    {
        var displayPath = output.OutPath ?? $"runs/{settings.RunName}";
        var fullPath = output.OutPath is null
            ? RunFolder.DefaultPath(output.WorkingDirectory, settings.RunName)
            : Path.GetFullPath(output.OutPath, output.WorkingDirectory);
        var folder = RunFolder.Prepare(displayPath, fullPath, output.Force);
        ConfigJsonWriter.Write(folder, settings, tool);
        logger.LogDebug("run folder {Folder}; config.json written", folder.Path);

        var clock = Stopwatch.StartNew();
        var reports = new List<EpochReport>();
        var status = RunStatus.Completed;
        IEpochSource? trainer = null;
        LqrCostGap? costGap = null;
        try
        {
            trainer = engine(settings, execution);
            using var csv = ProgressCsvWriter.Create(folder.ProgressPath);
            using var trace = execution.Trace
                ? TraceFileWriter.Create(folder.TracePath, TraceText.RunMeta(settings.EnvironmentId, settings.Preset, settings.Seed, settings.Epochs, settings.Options)
                    .Concat(settings.Lqr is { } system ? LqrKeys.TextEntries(system) : []))
                : null;
            status = progress.Track(settings.Epochs, onEpoch =>
            {
                for (var epoch = 1; epoch <= settings.Epochs; epoch++)
                {
                    if (cancellation.IsCancellationRequested)
                        return RunStatus.Interrupted;
                    var epochStart = clock.Elapsed;
                    var report = trainer.RunEpoch();
                    reports.Add(report);
                    csv.Append(report, clock.Elapsed.TotalSeconds);
                    if (trace is not null && trainer.LastTrace is { } epochTrace) trace.Append(epochTrace);
                    if (epoch % PlotRefreshEpochs == 0 && epoch < settings.Epochs) WritePlots(folder);
                    onEpoch(report, clock.Elapsed - epochStart);
                }
                return RunStatus.Completed;
            });
            costGap = trainer.EvaluateCostGap();
        }
        catch (Exception ex) when (ex is not IOException and not UnauthorizedAccessException)
        {
            Summarize(folder, reports, clock, RunStatus.Failed);
            WritePlots(folder);
            throw new EngineFailure(
                $"training failed after {reports.Count} of {settings.Epochs} epochs: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}; run folder: {folder.Path}", ex);
        }

        Summarize(folder, reports, clock, status, costGap);
        WritePlots(folder);
        if (status == RunStatus.Interrupted)
            console.Error.WriteLine($"interrupted after {reports.Count} of {settings.Epochs} epochs");
        if (costGap is not null)
            console.Out.WriteLine(CostGapLine(costGap));
        console.Out.WriteLine($"run folder: {folder.Path}");
        return status == RunStatus.Interrupted ? ExitCodes.Interrupted : ExitCodes.Ok;
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
    private void WritePlots(RunFolder folder)
    {
        try
        {
            RunPlots.WriteRun(RunLoader.Load(folder.Path, folder.Path), folder.Path);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "plots not written");
            if (_plotWarningShown) return;
            _plotWarningShown = true;
            console.Error.WriteLine($"warning: plots not written: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    private void Summarize(RunFolder folder, IReadOnlyList<EpochReport> reports, Stopwatch clock, RunStatus status, LqrCostGap? costGap = null)
    {
        var finished = reports.Where(r => r.Episodes > 0 && double.IsFinite(r.ReturnMean)).ToList();
        var summary = new RunSummary(
            settings,
            EpochsCompleted: reports.Count,
            EnvSteps: reports.Count > 0 ? reports[^1].EnvSteps : 0,
            FinalReturnMean: reports.Count > 0 ? reports[^1].ReturnMean : double.NaN,
            BestReturnMean: finished.Count > 0 ? finished.Max(r => r.ReturnMean) : double.NaN,
            WallSeconds: clock.Elapsed.TotalSeconds,
            status,
            costGap);
        summary.Write(folder);
    }
}
