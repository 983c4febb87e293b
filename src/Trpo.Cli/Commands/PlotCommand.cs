using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo plot RUN_DIR... [--out DIR] [--band std|se]</c>: re-renders plots from run folders' progress.csv
/// (config.json and summary.json only add labels, δ and the reward threshold). One run: its learning_curve.svg,
/// diagnostics.svg and index.html, written into the run folder or <c>--out</c>. Several runs (of one environment):
/// they are grouped by configuration (<see cref="RunGrouping"/>) and drawn as one band per configuration into
/// <c>--out</c>, which is then required.
/// </summary>
public static class PlotCommand
{
    /// <summary>The <c>--band</c> values.</summary>
    public static IReadOnlyDictionary<string, BandKind> Bands { get; } = new Dictionary<string, BandKind>(StringComparer.Ordinal)
    {
        ["std"] = BandKind.Std,
        ["se"] = BandKind.StandardError,
    };

    /// <summary>Runs the command; returns the exit code or throws a <see cref="UserError"/>.</summary>
    public static int Run(IReadOnlyList<string> runDirectories, string? outDirectory, string band, string workingDirectory, TextWriter output)
    {
        if (runDirectories.Count == 0)
            throw new UserError("no run folder given; usage: trpo plot RUN_DIR... [--out DIR]");
        if (!Bands.TryGetValue(band, out var kind))
            throw new UserError($"--band must be one of {string.Join(", ", Bands.Keys)} (got '{band}')");
        var duplicate = runDirectories.GroupBy(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d, workingDirectory))).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new UserError($"run folder '{duplicate.First()}' is given more than once");
        if (runDirectories.Count > 1 && outDirectory is null)
            throw new UserError($"{runDirectories.Count} run folders given: pass --out DIR for the combined plots");

        var runs = runDirectories.Select(d => RunLoader.Load(d, workingDirectory)).ToList();
        var environments = runs.Where(r => r.Env is not null).GroupBy(r => r.Env!).ToList();
        if (environments.Count > 1)
            throw new UserError("runs of different environments cannot share a plot: " +
                string.Join("; ", environments.Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.DisplayPath))}")) +
                "; plot each environment separately");

        string target = outDirectory is null ? runs[0].Path : Path.GetFullPath(outDirectory, workingDirectory);
        if (File.Exists(target))
            throw new UserError($"output path '{outDirectory}' is a file, not a folder");

        IReadOnlyList<string> written;
        if (runs.Count == 1)
        {
            written = RunPlots.WriteRun(runs[0], target);
            output.WriteLine($"plotted {runs[0].DisplayPath} ({runs[0].Progress.RowCount} epochs)");
        }
        else
        {
            var groups = RunGrouping.Group(runs);
            written = RunPlots.WriteComparison(groups, target, kind);
            foreach (var group in groups)
                output.WriteLine($"{group.Label}: {group.Runs.Count} run{(group.Runs.Count == 1 ? "" : "s")} ({string.Join(", ", group.Runs.Select(r => r.DisplayPath))})");
        }
        foreach (var path in written) output.WriteLine($"wrote {path}");
        return ExitCodes.Ok;
    }
}
