using System.Globalization;
using System.Text;
using Trpo.Cli.Aggregation;
using Trpo.Cli.Batch;

namespace Trpo.Cli.Reproduction;

/// <summary>
/// <c>results.md</c> of <c>trpo reproduce</c>: a table of final return (mean ± std over seeds, with the 95%
/// bootstrap interval) per configuration, beside the published number when the suite's <c>reference</c> has one
/// for that environment, and a plain statement of how the two were measured.
/// </summary>
public static class ResultsMarkdown
{
    /// <summary>The file name.</summary>
    public const string FileName = "results.md";

    /// <summary>What the report says about the invocation that made it (not data: it varies run to run).</summary>
    /// <param name="Command">The command line, e.g. <c>trpo reproduce classic-control</c>.</param>
    /// <param name="ToolVersion">The tool's version.</param>
    /// <param name="WallTime">Wall time of this invocation.</param>
    /// <param name="Cores">Logical cores of the machine.</param>
    /// <param name="Parallel">Runs at a time.</param>
    /// <param name="Trained">Runs trained by this invocation.</param>
    /// <param name="Reused">Runs already finished before it.</param>
    /// <param name="RunSeconds">The completed runs' own wall times (summary.json <c>wall_seconds</c>) summed, whichever invocation trained them.</param>
    public sealed record Provenance(string Command, string ToolVersion, TimeSpan WallTime, int Cores, int Parallel, int Trained, int Reused, double RunSeconds);

    /// <summary>The report's text.</summary>
    /// <param name="experiment">The suite.</param>
    /// <param name="aggregate">Its aggregated results.</param>
    /// <param name="provenance">The invocation.</param>
    /// <param name="plots">The plots beside the report (file name, caption), shown in a Plots section.</param>
    public static string Render(Experiment experiment, BatchAggregate aggregate, Provenance provenance, IReadOnlyList<(string File, string Caption)> plots)
    {
        var c = CultureInfo.InvariantCulture;
        var manifest = aggregate.Results.Manifest;
        var swept = manifest.SweptKeys;
        var reference = experiment.Reference;
        var text = new StringBuilder();
        text.Append(c, $"# Reproduction: {experiment.Name}{(manifest.Quick ? " (quick smoke-test budget)" : "")}\n\n");
        if (experiment.Description is { } description)
            text.Append(description).Append("\n\n");
        text.Append(c, $"`{provenance.Command}` with trpo {provenance.ToolVersion}: {manifest.Runs.Count} runs, ");
        text.Append(c, $"wall time {provenance.WallTime.TotalSeconds:F0} s on {provenance.Cores} cores at --parallel {provenance.Parallel} ");
        text.Append(c, $"({provenance.Trained} runs trained by this invocation, {provenance.Reused} already finished); ");
        text.Append(c, $"the completed runs' own wall times sum to {provenance.RunSeconds:F0} s.\n\n");

        var header = new List<string> { "Environment" };
        header.AddRange(swept);
        header.AddRange(["Env steps", "Seeds", "Ours: final return, mean ± std", "95% bootstrap CI"]);
        bool evaluated = aggregate.Configurations.Any(x => x.Evaluation.Summary.Count > 0);
        if (evaluated)
            header.Add("Ours: deterministic evaluation, mean ± std");
        if (reference is not null)
            header.Add("Published (mean ± std)");
        text.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        text.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var configuration in aggregate.Configurations)
        {
            var run = manifest.Runs.First(r => r.Configuration == configuration.Name);
            var s = configuration.Final.Summary;
            var cells = new List<string> { configuration.EnvironmentId };
            cells.AddRange(swept.Select(k => configuration.Values.FirstOrDefault(v => v.Key == k)?.Display ?? ""));
            cells.Add(((long)run.Epochs * run.StepsPerEpoch).ToString(c));
            cells.Add($"{s.Count} of {configuration.PlannedSeeds}");
            cells.Add(s.Count == 0 ? "n/a" : MeanStd(s));
            cells.Add(s.Count == 0 ? "" : $"[{Number(configuration.Final.CiLow)}, {Number(configuration.Final.CiHigh)}]");
            if (evaluated)
            {
                var e = configuration.Evaluation.Summary;
                var partial = e.Count < s.Count ? string.Create(c, $" ({e.Count} seeds)") : "";
                cells.Add(e.Count == 0 ? "n/a" : MeanStd(e) + partial);
            }
            if (reference is not null)
                cells.Add(reference.Results.TryGetValue(configuration.EnvironmentId, out var published)
                    ? $"{Number(published.Mean)} ± {Number(published.Std)}{(published.Budget is { } b ? $" ({b} steps)" : "")}"
                    : "");
            text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }
        text.Append('\n');

        var window = aggregate.Configurations.Select(x => x.Final.Window).Distinct().ToList();
        text.Append("**Ours.** A run's final return is the mean training-episode return (undiscounted, of the stochastic policy ");
        text.Append("while it trains) over its last 10% of epochs");
        text.Append(window.Count == 1 ? string.Create(c, $" (here the last {window[0]})") : "");
        text.Append("; mean ± std are over seeds (sample std), and the 95% interval is a percentile bootstrap of the mean over seeds ");
        text.Append("(10,000 resamples, fixed RNG stream). With 5 or fewer seeds such numbers can mislead (Henderson et al., ");
        text.Append("*Deep Reinforcement Learning that Matters*, AAAI 2018).\n\n");
        if (evaluated)
        {
            text.Append(c, $"**Ours, deterministic evaluation.** `trpo eval` of each run's final checkpoint: {Commands.EvalCommand.DefaultEpisodes} episodes of ");
            text.Append(c, $"the deterministic policy (argmax, or the mean clipped to the action bounds) from reset seed {Commands.EvalCommand.DefaultSeed}, ");
            text.Append("observation statistics frozen; mean ± std over seeds of each run's mean evaluation return.\n\n");
        }
        if (reference is not null)
        {
            text.Append(c, $"**Published.** {reference.Source}. {reference.Note}\n\n");
            text.Append("The final-return column is not measured the way the published one is: it averages training episodes of a stochastic policy ");
            text.Append("(exploration noise in training episodes usually costs some return)");
            text.Append(evaluated
                ? ", while the deterministic-evaluation column uses the published measure. Our ± is a spread over seeds where the published ± is a spread over the episodes of one agent.\n\n"
                : ", the published ones evaluate one trained agent's deterministic policy, and our ± is a spread over seeds where the published ± is a spread over the episodes of one agent.\n\n");
        }
        text.Append("Files: `index.html` (the batch page: plots, this table, every run linked to its own page), ");
        text.Append("`aggregate.csv` (per configuration and epoch, statistics over seeds), `final.csv` (final returns per seed, ");
        text.Append("statistics, intervals), the plots below, `batch.json` (the plan). Run folders hold each run's `config.json`, ");
        text.Append(evaluated ? "`progress.csv`, `summary.json`, `eval.csv`, `eval.json` and its own plots.\n" : "`progress.csv`, `summary.json` and its own plots.\n");
        if (plots.Count > 0)
        {
            text.Append("\n## Plots\n");
            foreach (var (file, caption) in plots)
                text.Append(c, $"\n![{caption}]({file})\n\n*{caption}.*\n");
        }
        return text.ToString();
    }

    /// <summary>"mean ± std" over seeds, or the mean alone for one seed (no std); n ≥ 1.</summary>
    private static string MeanStd(Trpo.Core.Statistics.SampleSummary s)
        => s.Count == 1 ? Number(s.Mean) : $"{Number(s.Mean)} ± {Number(s.Std)}";

    /// <summary>A number for the table: one decimal, invariant, and "−" as a minus sign.</summary>
    private static string Number(double value)
        => double.IsFinite(value) ? value.ToString("F1", CultureInfo.InvariantCulture).Replace('-', '−') : "n/a";
}
