using Trpo.Cli.Output;
using Trpo.Plots.Html;

namespace Trpo.Cli.Plotting;

/// <summary>
/// index.html of a run folder (<see cref="ForRun"/>) or of a <c>trpo plot</c> comparison (<see cref="ForComparison"/>):
/// the plots (linked SVG files beside the page), the summary and the resolved configuration as tables, and links
/// to the run's files. Wall-clock values are left out so that the page depends on the run's data only.
/// </summary>
public static class RunReport
{
    /// <summary>The page of one run; <paramref name="plots"/> are the file names of its plots beside the page.</summary>
    public static HtmlReport ForRun(RunRecord run, IReadOnlyList<(string File, string Caption)> plots)
    {
        var blocks = new List<ReportBlock> { new ReportHeading("Plots") };
        blocks.AddRange(plots.Select(p => new ReportImage(p.File, p.Caption, p.Caption)));
        blocks.Add(new ReportHeading("Summary"));
        blocks.Add(run.Summary is { } summary
            ? ReportTables.KeyValues(summary, RunFolder.SummaryFileName + " (wall-clock time left out)")
            : new ReportParagraph($"No {RunFolder.SummaryFileName} yet: the run is still going, or stopped without writing one."));
        blocks.Add(new ReportHeading("Configuration"));
        blocks.Add(run.Config is { } config
            ? ReportTables.KeyValues(config, RunFolder.ConfigFileName)
            : new ReportParagraph($"No {RunFolder.ConfigFileName} in this folder."));
        blocks.Add(new ReportHeading("Files"));
        blocks.Add(new ReportLinks(RunFolder.KnownOutputs
            .Where(f => f != RunFolder.IndexFileName && !f.EndsWith(".svg", StringComparison.Ordinal) && File.Exists(Path.Combine(run.Path, f)))
            .Select(f => new ReportCell(f, f)).ToList()));
        return new HtmlReport { Title = run.Env is { } env ? $"{env} — {run.Name}" : run.Name, Subtitle = LearningCurveFigure.RunDescription(run, withName: false), Blocks = blocks };
    }

    /// <summary>The page of a comparison of <paramref name="groups"/>, written into <paramref name="reportDirectory"/>.</summary>
    public static HtmlReport ForComparison(IReadOnlyList<RunGroup> groups, IReadOnlyList<(string File, string Caption)> plots, string reportDirectory, BandKind band)
    {
        int runs = groups.Sum(g => g.Runs.Count);
        string env = groups.Select(g => g.Env).FirstOrDefault(e => e is not null) ?? "runs";
        var blocks = new List<ReportBlock> { new ReportHeading("Plots") };
        blocks.AddRange(plots.Select(p => new ReportImage(p.File, p.Caption, p.Caption)));
        blocks.Add(new ReportHeading("Configurations"));
        blocks.Add(ReportTables.Configurations(groups));
        blocks.Add(new ReportParagraph(
            $"Runs are grouped by config.json without {string.Join(", ", RunGrouping.IgnoredKeys)}; seeds are aligned by epoch " +
            $"(x = that epoch's env_steps) and bands show {(band == BandKind.Std ? "± the sample standard deviation" : "± the standard error")} over seeds."));
        blocks.Add(new ReportHeading("Runs"));
        blocks.Add(ReportTables.Runs(groups.SelectMany(g => g.Runs.Select(r => (r, g.Label))).ToList(), reportDirectory));
        if (groups[0].Runs[0].Config is { } first)
        {
            var shared = new System.Text.Json.Nodes.JsonObject();
            foreach (var (key, value) in first)
            {
                if (RunGrouping.IgnoredKeys.Contains(key)) continue;
                string text = RunRecord.Describe(value);
                if (groups.All(g => g.Runs[0].Config is { } c && c.ContainsKey(key) && RunRecord.Describe(c[key]) == text))
                    shared[key] = text;
            }
            blocks.Add(new ReportHeading("Shared configuration"));
            blocks.Add(ReportTables.KeyValues(shared, "keys every configuration has in common"));
        }
        return new HtmlReport
        {
            Title = $"{env} — {runs} run{(runs == 1 ? "" : "s")} in {groups.Count} configuration{(groups.Count == 1 ? "" : "s")}",
            Blocks = blocks,
        };
    }
}
