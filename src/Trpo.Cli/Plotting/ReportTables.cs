using System.Text.Json.Nodes;
using Trpo.Plots.Html;

namespace Trpo.Cli.Plotting;

/// <summary>Tables the HTML reports share: a JSON file's keys, a list of runs, per-configuration results.</summary>
public static class ReportTables
{
    /// <summary>Keys of run files that are not data (they differ between identical runs) and stay out of reports.</summary>
    public static IReadOnlyList<string> ClockKeys { get; } = ["wall_seconds"];

    /// <summary>A key/value table of a JSON object (values as text, strings bare), in file order, clock keys left out.</summary>
    public static ReportTable KeyValues(JsonObject json, string caption)
        => new(["key", "value"], json.Where(p => !ClockKeys.Contains(p.Key))
            .Select(p => (IReadOnlyList<ReportCell>)[p.Key, RunRecord.Describe(p.Value)]).ToList()) { Caption = caption };

    /// <summary>
    /// One row per run: the folder (linked to its index.html when it has one, relative to
    /// <paramref name="reportDirectory"/>), its configuration label, seed, epochs, final and best return, status.
    /// </summary>
    public static ReportTable Runs(IReadOnlyList<(RunRecord Run, string Configuration)> runs, string reportDirectory)
    {
        var rows = runs.Select(r =>
        {
            var run = r.Run;
            string index = Path.Combine(run.Path, Output.RunFolder.IndexFileName);
            var name = File.Exists(index) || Path.GetFullPath(reportDirectory) == Path.GetFullPath(run.Path)
                ? new ReportCell(run.Name, Path.GetRelativePath(reportDirectory, index))
                : new ReportCell(run.Name, Path.GetRelativePath(reportDirectory, run.Path));
            return (IReadOnlyList<ReportCell>)
            [
                name, r.Configuration, run.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                run.Progress.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Number(FinalReturn(run)), Number(run.Progress.Numbers("return_mean").Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max()),
                run.Status ?? "(no summary.json)",
            ];
        }).ToList();
        return new ReportTable(["run", "configuration", "seed", "epochs", "final return", "best return", "status"], rows) { Caption = "runs" };
    }

    /// <summary>One row per configuration: label, seeds, final return mean ± sample std over seeds.</summary>
    public static ReportTable Configurations(IReadOnlyList<RunGroup> groups)
    {
        var rows = groups.Select(g =>
        {
            var finals = g.Runs.Select(FinalReturn).ToList();
            var point = SweepPoint.FromResults(g.Label, finals);
            string summary = point.Seeds == 0 ? "" : point.Seeds == 1 ? Number(point.Mean) : $"{Number(point.Mean)} ± {Number(point.Upper - point.Mean)}";
            return (IReadOnlyList<ReportCell>)[g.Label, g.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), summary];
        }).ToList();
        return new ReportTable(["configuration", "seeds", "final return (mean ± std over seeds)"], rows) { Caption = "configurations" };
    }

    /// <summary>The last epoch's return_mean (NaN when no epoch finished or none of its episodes ended).</summary>
    public static double FinalReturn(RunRecord run)
    {
        var returns = run.Progress.Numbers("return_mean");
        return returns.Count == 0 ? double.NaN : returns[^1];
    }

    /// <summary>A number for a table: up to 4 significant decimals, invariant, empty for NaN.</summary>
    public static string Number(double value)
        => double.IsNaN(value) ? "" : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
