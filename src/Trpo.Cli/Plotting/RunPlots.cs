using Trpo.Cli.Output;
using Trpo.Plots;
using Trpo.Plots.Html;
using Trpo.Plots.Model;
using Trpo.Plots.Svg;

namespace Trpo.Cli.Plotting;

/// <summary>
/// Writes plots and reports, each file atomically (temp file + rename), so a browser or a watcher never sees a
/// half-written file. Existing plot files are replaced: they are derived from progress.csv and can always be
/// made again.
/// </summary>
public static class RunPlots
{
    /// <summary>The renderer used (SVG).</summary>
    public static IFigureRenderer Renderer { get; } = SvgRenderer.Instance;

    /// <summary>Writes learning_curve.svg, diagnostics.svg and index.html of <paramref name="run"/> into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> WriteRun(RunRecord run, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>
        {
            WriteFigure(Path.Combine(directory, RunFolder.LearningCurveFileName), LearningCurveFigure.ForRun(run)),
            WriteFigure(Path.Combine(directory, RunFolder.DiagnosticsFileName), DiagnosticsFigure.ForRun(run)),
        };
        written.Add(WriteReport(Path.Combine(directory, RunFolder.IndexFileName), RunReport.ForRun(run, Captions)));
        return written;
    }

    /// <summary>Writes the comparison of <paramref name="groups"/> (one environment) into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteComparison(IReadOnlyList<RunGroup> groups, string directory, BandKind band)
    {
        Directory.CreateDirectory(directory);
        var configurations = groups.Select(ConfigCurves.Of).ToList();
        var runs = groups.SelectMany(g => g.Runs).ToList();
        string env = groups.Select(g => g.Env).FirstOrDefault(e => e is not null) ?? "runs";
        string subtitle = $"{runs.Count} runs, {groups.Count} configuration{(groups.Count == 1 ? "" : "s")}";
        var delta = runs.Select(r => r.Delta).OfType<double>().Distinct().Order().ToList();
        double? backtracks = Shared(runs.Select(r => r.BacktrackIters));
        double? threshold = runs.Select(r => r.RewardThreshold).FirstOrDefault(t => t is not null);
        var written = new List<string>
        {
            WriteFigure(Path.Combine(directory, RunFolder.LearningCurveFileName),
                LearningCurveFigure.Compare($"{env} — episode return", subtitle, configurations, band, LearningCurveFigure.Threshold(threshold))),
            WriteFigure(Path.Combine(directory, RunFolder.DiagnosticsFileName),
                DiagnosticsFigure.Compare($"{env} — TRPO diagnostics per epoch", subtitle, configurations, band, delta, backtracks)),
        };
        written.Add(WriteReport(Path.Combine(directory, RunFolder.IndexFileName), RunReport.ForComparison(groups, Captions, directory, band)));
        return written;
    }

    /// <summary>Renders <paramref name="figure"/> to <paramref name="path"/> atomically; returns the path.</summary>
    public static string WriteFigure(string path, Figure figure)
    {
        AtomicFile.WriteAllText(path, Renderer.Render(figure));
        return path;
    }

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/> atomically; returns the path.</summary>
    public static string WriteReport(string path, HtmlReport report)
    {
        AtomicFile.WriteAllText(path, HtmlReportWriter.Render(report));
        return path;
    }

    private static readonly IReadOnlyList<(string, string)> Captions =
    [
        (RunFolder.LearningCurveFileName, "episode return against environment steps"),
        (RunFolder.DiagnosticsFileName, "TRPO diagnostics per epoch"),
    ];

    private static double? Shared(IEnumerable<double?> values)
    {
        var distinct = values.Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }
}
