using System.Globalization;
using Trpo.Cli.Batch;
using Trpo.Cli.Plotting;
using Trpo.Core.Environments;
using Trpo.Plots.Html;
using Trpo.Plots.Model;

namespace Trpo.Cli.Aggregation;

/// <summary>
/// The plots and the index.html of an aggregated batch, made with the plotting module from the completed runs'
/// files alone, so aggregating twice (or a merge of shards) gives the same bytes:
/// <list type="bullet">
/// <item><c>learning_curves_{env}.svg</c>: one band per configuration, the mean over seeds of return_mean against
/// environment steps ± the sample std over seeds; the reward threshold and a published result as dashed lines.</item>
/// <item><c>diagnostics_{env}.svg</c>: the TRPO diagnostics per epoch, one line per configuration.</item>
/// <item><c>sweep_{key}.svg</c> per swept key: the final return (<see cref="FinalReturn"/>) against the key's values,
/// one panel per environment, one series per combination of the other swept values, the 95% bootstrap interval
/// of the mean over seeds (final.csv's ci95_low…ci95_high) as error bars.</item>
/// <item><c>index.html</c>: the notes, the plots, the final-return table and the runs, linked to their own pages.</item>
/// </list>
/// </summary>
public static class BatchPlots
{
    /// <summary>The batch page.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>
    /// The band over seeds: ± sample std when an environment has one configuration (how much seeds differ), ± standard
    /// error when configurations are compared (how well each mean is known; std bands of several configurations
    /// cover each other). Each figure's note says which.
    /// </summary>
    public static BandKind BandFor(int configurations) => configurations == 1 ? BandKind.Std : BandKind.StandardError;

    /// <summary>Writes the plots and index.html into <paramref name="folder"/>; returns the plots (file name, caption) in page order.</summary>
    /// <param name="folder">Where they go (the batch folder, or aggregate's --out).</param>
    /// <param name="aggregate">The aggregated batch.</param>
    /// <param name="reference">Published results to draw as lines and list beside ours, or null.</param>
    /// <param name="notes">Paragraphs for the top of the page.</param>
    public static IReadOnlyList<(string File, string Caption)> Write(string folder, BatchAggregate aggregate, ReferenceResults? reference, IReadOnlyList<string> notes)
    {
        Directory.CreateDirectory(folder);
        var manifest = aggregate.Results.Manifest;
        var plots = new List<(string File, string Caption)>();
        foreach (var env in aggregate.Configurations.Select(c => c.EnvironmentId).Distinct(StringComparer.Ordinal))
        {
            var configurations = aggregate.Configurations.Where(c => c.EnvironmentId == env).ToList();
            var curves = configurations
                .Select(c => new ConfigCurves(CurveLabel(c), SeedTables(aggregate, c)))
                .Where(c => c.Seeds.Count > 0)
                .ToList();
            if (curves.Count == 0)
                continue;
            var references = LearningCurveFigure.Threshold(ThresholdOf(env)).ToList();
            if (reference?.Results.TryGetValue(env, out var published) == true)
                references.Add(new ReferenceLine(published.Mean, $"published {Fixed(published.Mean)}"));
            string subtitle = $"batch {manifest.Name}, {Count(curves.Count, "configuration")}";
            var band = BandFor(curves.Count);
            var over = band == BandKind.Std ? "mean ± sample std over seeds" : "mean ± standard error over seeds";

            var learning = $"learning_curves_{env}.svg";
            RunPlots.WriteFigure(Path.Combine(folder, learning),
                LearningCurveFigure.Compare($"{env} — episode return", subtitle, curves, band, references));
            plots.Add((learning, $"{env}: episode return per configuration ({over})"));

            var runs = RecordsOf(aggregate, configurations);
            var delta = runs.Select(r => r.Delta).OfType<double>().Distinct().Order().ToList();
            var backtracks = runs.Select(r => r.BacktrackIters).Distinct().ToList();
            var diagnostics = $"diagnostics_{env}.svg";
            RunPlots.WriteFigure(Path.Combine(folder, diagnostics),
                DiagnosticsFigure.Compare($"{env} — TRPO diagnostics per epoch", subtitle, curves, band, delta, backtracks.Count == 1 ? backtracks[0] : null));
            plots.Add((diagnostics, $"{env}: TRPO diagnostics per epoch per configuration"));
        }

        foreach (var key in manifest.SweptKeys)
        {
            var sweep = $"sweep_{key}.svg";
            RunPlots.WriteFigure(Path.Combine(folder, sweep), Sweep(aggregate, key));
            plots.Add((sweep, $"final return against {key} (bars: 95% bootstrap interval of the mean over seeds)"));
        }

        var completed = aggregate.Results.Runs.Count(r => r.Status == RunResultStatus.Completed);
        var report = BatchReport.Build(
            $"batch {manifest.Name}{(manifest.Quick ? " (quick)" : "")}",
            $"{Count(aggregate.Configurations.Count, "configuration")}, {completed} of {aggregate.Results.Runs.Count} runs completed",
            plots,
            [FinalTable(aggregate, reference)],
            aggregate.Results.Runs.Where(r => r.Record is not null).Select(r => (r.Record!, r.Run.Configuration)).ToList(),
            folder,
            [.. notes, RunsNote]);
        RunPlots.WriteReport(Path.Combine(folder, IndexFileName), report);
        return plots;
    }

    /// <summary>sweep_{key}.svg: one panel per environment (their returns have different scales).</summary>
    internal static Figure Sweep(BatchAggregate aggregate, string key)
    {
        var panels = new List<Panel>();
        foreach (var env in aggregate.Configurations.GroupBy(c => c.EnvironmentId, StringComparer.Ordinal))
        {
            var series = env
                .GroupBy(c => OtherValues(c, key), StringComparer.Ordinal)
                .Select(g => new SweepSeries(g.Key.Length == 0 ? "final return" : g.Key, g.Select(c => new SweepPoint(
                    ValueOf(c, key), c.Final.Summary.Mean, c.Final.CiLow, c.Final.CiHigh, c.Final.Summary.Count)).ToList()))
                .ToList();
            var panel = SweepFigure.Build(key, series, ScaleOf(env.ToList(), key)).Panels[0];
            panels.Add(panel with { Title = env.Key, Legend = series.Count == 1 ? LegendPosition.None : panel.Legend });
        }
        var window = aggregate.Configurations.Select(c => c.Final.Window).Distinct().ToList();
        var last = window.Count == 1 ? $"its last {Count(window[0], "epoch")}" : "its last 10% of epochs";
        return new Figure
        {
            Title = $"final return against {key}",
            Subtitle = $"batch {aggregate.Results.Manifest.Name}",
            Columns = Math.Min(panels.Count, 2),
            PanelWidth = 600,
            PanelHeight = 380,
            Panels = panels,
            Notes =
            [
                $"points: mean over seeds of each run's final return (its mean return_mean over {last})",
                "bars: 95% percentile-bootstrap interval of that mean (ci95_low … ci95_high in final.csv)",
            ],
        };
    }

    /// <summary>
    /// Categorical spacing (λ ∈ {0, 0.5, 0.9, 0.97, 1} keeps 0.97 and 0.99 apart), except for positive numbers
    /// spanning a factor of 4 or more, which get a log axis (δ, learning rates).
    /// </summary>
    private static SweepScale ScaleOf(IReadOnlyList<ConfigurationResult> configurations, string key)
    {
        var numbers = configurations.Select(c => NumberOf(c, key)).ToList();
        if (numbers.Any(n => n is not > 0))
            return SweepScale.Categorical;
        return numbers.Max()!.Value / numbers.Min()!.Value >= 4 ? SweepScale.Log : SweepScale.Categorical;
    }

    private static IReadOnlyList<ProgressTable> SeedTables(BatchAggregate aggregate, ConfigurationResult configuration)
        => RecordsOf(aggregate, [configuration]).Select(r => r.Progress).ToList();

    private static IReadOnlyList<RunRecord> RecordsOf(BatchAggregate aggregate, IReadOnlyList<ConfigurationResult> configurations)
        => aggregate.Results.Runs
            .Where(r => r.Status == RunResultStatus.Completed && r.Record is not null && configurations.Any(c => c.Name == r.Run.Configuration))
            .Select(r => r.Record!)
            .ToList();

    private static double? ThresholdOf(string env)
        => EnvironmentRegistry.Contains(env) ? EnvironmentRegistry.SpecOf(env).RewardThreshold : null;

    private static string ValueOf(ConfigurationResult configuration, string key)
        => configuration.Values.First(v => v.Key == key).Display;

    private static double? NumberOf(ConfigurationResult configuration, string key)
        => configuration.Values.First(v => v.Key == key).Number;

    /// <summary>A learning-curve legend label: the swept values, e.g. <c>delta=0.02, lam=0.9</c> (the environment when nothing is swept).</summary>
    private static string CurveLabel(ConfigurationResult configuration)
        => configuration.Values.Count == 0
            ? configuration.EnvironmentId
            : string.Join(", ", configuration.Values.Select(v => $"{v.Key}={v.Display}"));

    /// <summary>A sweep series label: the swept values other than <paramref name="sweptKey"/>, e.g. <c>delta=0.02</c> ("" when there are none).</summary>
    private static string OtherValues(ConfigurationResult configuration, string sweptKey)
        => string.Join(", ", configuration.Values.Where(v => v.Key != sweptKey).Select(v => $"{v.Key}={v.Display}"));

    private static ReportTable FinalTable(BatchAggregate aggregate, ReferenceResults? reference)
    {
        var swept = aggregate.Results.Manifest.SweptKeys;
        var header = new List<string> { "configuration", "env" };
        header.AddRange(swept);
        header.AddRange(["seeds", "final return (mean ± std over seeds)", "95% bootstrap CI"]);
        bool evaluated = aggregate.Configurations.Any(c => c.Evaluation.Summary.Count > 0);
        if (evaluated) header.Add("deterministic evaluation (mean ± std over seeds)");
        if (reference is not null) header.Add("published (mean ± std)");
        var rows = aggregate.Configurations.Select(c =>
        {
            var s = c.Final.Summary;
            var cells = new List<ReportCell> { c.Name, c.EnvironmentId };
            cells.AddRange(swept.Select(k => (ReportCell)ValueOf(c, k)));
            cells.Add($"{s.Count} of {c.PlannedSeeds}");
            cells.Add(MeanStd(s));
            cells.Add(s.Count == 0 ? "" : $"[{Fixed(c.Final.CiLow)}, {Fixed(c.Final.CiHigh)}]");
            if (evaluated)
                cells.Add(MeanStd(c.Evaluation.Summary));
            if (reference is not null)
                cells.Add(reference.Results.TryGetValue(c.EnvironmentId, out var p) ? $"{Fixed(p.Mean)} ± {Fixed(p.Std)}" : "");
            return (IReadOnlyList<ReportCell>)cells;
        }).ToList();
        return new ReportTable(header, rows) { Caption = $"final return per configuration ({FinalFiles()})" };
    }

    private const string RunsNote = "A configuration's final return (results table, final.csv) is the mean over seeds of each run's mean return_mean "
        + "over its last 10% of epochs; the runs table's final return is a run's last epoch alone.";

    private static string FinalFiles() => $"every digit and each seed's value in {AggregateFiles.FinalFileName}";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>"mean ± std" over seeds, the mean alone for one seed, "" for none.</summary>
    private static string MeanStd(Trpo.Core.Statistics.SampleSummary s)
        => s.Count == 0 ? "" : s.Count == 1 ? Fixed(s.Mean) : $"{Fixed(s.Mean)} ± {Fixed(s.Std)}";

    private static string Fixed(double value) => double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture) : "n/a";
}
