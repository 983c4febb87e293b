using System.Globalization;
using Trpo.Cli.Aggregation;
using Trpo.Cli.Errors;
using Trpo.Cli.Hosting;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo aggregate BATCH_DIR [MORE_DIRS...] [--out DIR]</c>: statistics over seeds per configuration
/// (aggregate.csv, final.csv), their plots and index.html (<see cref="BatchPlots"/>) from one batch folder or from several shard folders of one batch.
/// Exit 0 when every planned run completed, 4 when some did not (the outputs cover those that did).
/// </summary>
public static class AggregateCommand
{
    /// <summary>Runs the command; <paramref name="finalEpochs"/> overrides the final window (null: the last 10% of epochs).</summary>
    public static int Run(IReadOnlyList<string> folders, string? outPath, int? finalEpochs, string workingDirectory, CliConsole console)
    {
        if (folders.Count > 1 && outPath is null)
            throw new UserError("merging several batch folders needs --out DIR for the aggregated files");
        if (finalEpochs is < 1)
            throw new UserError($"--final-epochs must be at least 1 (got {finalEpochs})");
        var resolved = folders.Select(f => (f, Path.GetFullPath(f, workingDirectory))).ToList();
        var outFull = Path.GetFullPath(outPath ?? folders[0], workingDirectory);
        if (File.Exists(outFull))
            throw new UserError($"output path '{outPath ?? folders[0]}' is a file, not a folder");

        var aggregate = BatchAggregate.Of(BatchResults.Load(resolved), finalEpochs);
        AggregateFiles.Write(outFull, aggregate);
        var plots = BatchPlots.Write(outFull, aggregate, reference: null, notes: []);
        Report(aggregate, console);
        console.Out.WriteLine($"wrote {Written(plots)} into {outFull}");
        return Incomplete(aggregate, console) ? ExitCodes.RunsFailed : ExitCodes.Ok;
    }

    /// <summary>The files aggregation writes, for the closing line: the two CSVs, the plots, index.html.</summary>
    public static string Written(IReadOnlyList<(string File, string Caption)> plots, params string[] more)
        => string.Join(", ", more.Concat([AggregateFiles.AggregateFileName, AggregateFiles.FinalFileName]).Concat(plots.Select(p => p.File)).Append(BatchPlots.IndexFileName));

    /// <summary>Prints the final-return table.</summary>
    public static void Report(BatchAggregate aggregate, CliConsole console)
    {
        var runs = aggregate.Results.Runs;
        var completed = runs.Count(r => r.Status == RunResultStatus.Completed);
        console.Out.WriteLine($"batch '{aggregate.Results.Manifest.Name}': {aggregate.Configurations.Count} configurations, {completed} of {runs.Count} runs completed");
        var width = Math.Max("configuration".Length, aggregate.Configurations.Max(c => c.Name.Length));
        bool evaluated = aggregate.Configurations.Any(c => c.Evaluation.Summary.Count > 0);
        console.Out.WriteLine($"{"configuration".PadRight(width)}  seeds  final return (mean ± std)  95% bootstrap CI{(evaluated ? "          deterministic evaluation" : "")}".TrimEnd());
        foreach (var c in aggregate.Configurations)
        {
            var s = c.Final.Summary;
            var ci = s.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"[{c.Final.CiLow:F1}, {c.Final.CiHigh:F1}]");
            var evaluation = evaluated ? MeanStd(c.Evaluation.Summary) : "";
            console.Out.WriteLine($"{c.Name.PadRight(width)}  {s.Count,5}  {MeanStd(s),-25}  {ci,-24}  {evaluation}".TrimEnd());
        }
    }

    private static string MeanStd(Trpo.Core.Statistics.SampleSummary s)
        => s.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F1} ± {(s.Count > 1 ? s.Std.ToString("F1", CultureInfo.InvariantCulture) : "n/a")}");

    /// <summary>Reports runs that are not completed on stderr; true when there are any.</summary>
    public static bool Incomplete(BatchAggregate aggregate, CliConsole console)
    {
        var missing = aggregate.Results.Runs.Where(r => r.Status != RunResultStatus.Completed).ToList();
        if (missing.Count == 0)
            return false;
        var byStatus = string.Join(", ", missing.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        var names = string.Join(", ", missing.Take(3).Select(r => r.Run.Name)) + (missing.Count > 3 ? ", ..." : "");
        console.Error.WriteLine($"error: {missing.Count} of {aggregate.Results.Runs.Count} planned runs are not completed ({byStatus}: {names}); the statistics cover the completed ones");
        return true;
    }
}
