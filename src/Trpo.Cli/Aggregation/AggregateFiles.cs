using System.Globalization;
using System.Text;
using CsvHelper;
using Trpo.Cli.Output;

namespace Trpo.Cli.Aggregation;

/// <summary>
/// Writes <c>aggregate.csv</c> and <c>final.csv</c> (CsvHelper, the dialect of progress.csv: invariant culture,
/// LF, doubles shortest round-trip, <c>NaN</c> for undefined values), atomically. One column per swept key
/// follows <c>env</c>, holding the configuration's value of that key.
/// </summary>
public static class AggregateFiles
{
    /// <summary>File name of the per-epoch statistics.</summary>
    public const string AggregateFileName = "aggregate.csv";
    /// <summary>File name of the final-return statistics.</summary>
    public const string FinalFileName = "final.csv";

    /// <summary>The aggregate.csv columns after <c>configuration, env, {swept keys...}</c>.</summary>
    public static IReadOnlyList<string> AggregateColumns { get; } =
        ["epoch", "env_steps", "seeds", "return_mean", "return_std", "return_se", "return_min", "return_max"];

    /// <summary>The final.csv columns after <c>configuration, env, {swept keys...}</c>.</summary>
    public static IReadOnlyList<string> FinalColumns { get; } =
        ["planned_seeds", "seeds", "final_epochs", "final_mean", "final_std", "final_se", "ci95_low", "ci95_high", "final_min", "final_max", "final_by_seed",
         "eval_seeds", "eval_mean", "eval_std", "eval_by_seed"];

    /// <summary>aggregate.csv's text.</summary>
    public static string RenderAggregate(BatchAggregate aggregate)
        => Render(aggregate, AggregateColumns, (configuration, row) =>
        {
            foreach (var point in configuration.Curve)
            {
                var s = point.Returns;
                row([
                    point.Epoch.ToString(CultureInfo.InvariantCulture), point.EnvSteps.ToString(CultureInfo.InvariantCulture),
                    s.Count.ToString(CultureInfo.InvariantCulture),
                    RoundTrip.Format(s.Mean), RoundTrip.Format(s.Std), RoundTrip.Format(s.StandardError), RoundTrip.Format(s.Min), RoundTrip.Format(s.Max),
                ]);
            }
        });

    /// <summary>final.csv's text.</summary>
    public static string RenderFinal(BatchAggregate aggregate)
        => Render(aggregate, FinalColumns, (configuration, row) =>
        {
            var f = configuration.Final;
            var s = f.Summary;
            row([
                configuration.PlannedSeeds.ToString(CultureInfo.InvariantCulture), s.Count.ToString(CultureInfo.InvariantCulture),
                f.Window.ToString(CultureInfo.InvariantCulture),
                RoundTrip.Format(s.Mean), RoundTrip.Format(s.Std), RoundTrip.Format(s.StandardError),
                RoundTrip.Format(f.CiLow), RoundTrip.Format(f.CiHigh), RoundTrip.Format(s.Min), RoundTrip.Format(s.Max),
                string.Join(" ", f.PerSeed.Select(p => $"{p.Seed}:{RoundTrip.Format(p.Value)}")),
                configuration.Evaluation.Summary.Count.ToString(CultureInfo.InvariantCulture),
                RoundTrip.Format(configuration.Evaluation.Summary.Mean), RoundTrip.Format(configuration.Evaluation.Summary.Std),
                string.Join(" ", configuration.Evaluation.PerSeed.Select(p => $"{p.Seed}:{RoundTrip.Format(p.Value)}")),
            ]);
        });

    /// <summary>Writes both files into <paramref name="folder"/>.</summary>
    public static void Write(string folder, BatchAggregate aggregate)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, AggregateFileName), RenderAggregate(aggregate));
        AtomicFile.WriteAllText(Path.Combine(folder, FinalFileName), RenderFinal(aggregate));
    }

    private static string Render(BatchAggregate aggregate, IReadOnlyList<string> columns, Action<ConfigurationResult, Action<IReadOnlyList<string>>> rows)
    {
        var swept = aggregate.Results.Manifest.SweptKeys;
        using var buffer = new MemoryStream();
        using (var stream = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        using (var csv = CsvWriter.Create(stream, ProgressCsvWriter.Options, leaveOpen: true))
        {
            foreach (var name in new[] { "configuration", "env" }.Concat(swept).Concat(columns))
                csv.WriteField(name);
            csv.EndRecord();
            foreach (var configuration in aggregate.Configurations)
            {
                var prefix = new List<string> { configuration.Name, configuration.EnvironmentId };
                prefix.AddRange(swept.Select(key => configuration.Values.FirstOrDefault(v => v.Key == key)?.Display ?? ""));
                rows(configuration, cells =>
                {
                    foreach (var cell in prefix.Concat(cells))
                        csv.WriteField(cell);
                    csv.EndRecord();
                });
            }
            csv.Flush();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
