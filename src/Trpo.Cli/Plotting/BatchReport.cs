using Trpo.Plots.Html;

namespace Trpo.Cli.Plotting;

/// <summary>
/// The index.html of a batch of runs (for <c>trpo batch</c> / <c>trpo aggregate</c>): plots, any tables the caller
/// has (e.g. final results per configuration), and the list of runs linked to their own pages.
/// </summary>
public static class BatchReport
{
    /// <summary>Builds the page.</summary>
    /// <param name="title">Page title, e.g. the batch name.</param>
    /// <param name="subtitle">A line under it, or null.</param>
    /// <param name="plots">Plot files beside the page (relative paths) with captions, in order.</param>
    /// <param name="tables">Tables to show after the plots, each with a caption.</param>
    /// <param name="runs">The runs with their configuration labels.</param>
    /// <param name="reportDirectory">Where the page will be written (links to runs are relative to it).</param>
    /// <param name="notes">Paragraphs after the title (e.g. how runs were grouped, the budget, wall time).</param>
    public static HtmlReport Build(
        string title,
        string? subtitle,
        IReadOnlyList<(string File, string Caption)> plots,
        IReadOnlyList<ReportTable> tables,
        IReadOnlyList<(RunRecord Run, string Configuration)> runs,
        string reportDirectory,
        IReadOnlyList<string>? notes = null)
    {
        var blocks = new List<ReportBlock>();
        blocks.AddRange((notes ?? []).Select(n => new ReportParagraph(n)));
        if (plots.Count > 0)
        {
            blocks.Add(new ReportHeading("Plots"));
            blocks.AddRange(plots.Select(p => new ReportImage(p.File, p.Caption, p.Caption)));
        }
        if (tables.Count > 0)
        {
            blocks.Add(new ReportHeading("Results"));
            blocks.AddRange(tables);
        }
        if (runs.Count > 0)
        {
            blocks.Add(new ReportHeading("Runs"));
            blocks.Add(ReportTables.Runs(runs, reportDirectory));
        }
        return new HtmlReport { Title = title, Subtitle = subtitle, Blocks = blocks };
    }
}
