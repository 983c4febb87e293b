using System.Diagnostics;
using System.Text.Json.Nodes;
using Trpo.Cli.Aggregation;
using Trpo.Cli.Batch;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;
using Trpo.Cli.Reproduction;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo reproduce SUITE [--quick] [--out DIR] [--parallel N]</c>: runs a suite as a batch (resumable, like
/// <c>trpo batch</c>), aggregates it, and writes results.md beside aggregate.csv, final.csv, the plots and index.html.
/// Exit codes as <c>trpo batch</c>: 0, 2, 4 (some runs failed; the report covers the others), 130.
/// </summary>
public sealed class ReproduceCommand(CliConsole console, ToolInfo tool, BatchCommand batch)
{
    /// <summary>Runs the command.</summary>
    public int Run(string suite, bool quick, string? outPath, int? parallel, string workingDirectory, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var experiment = Suites.Load(suite, workingDirectory);
        var plan = BatchPlan.Expand(experiment, quick);
        var outFull = Path.GetFullPath(outPath ?? DefaultOut(plan), workingDirectory);
        var workers = BatchCommand.CheckParallel(parallel ?? Environment.ProcessorCount);

        var outcomes = batch.Execute(plan, plan.Runs, ShardSpec.Whole, outFull, workers, cancellation);
        var code = BatchCommand.ExitCodeOf(outcomes);
        if (code == ExitCodes.Interrupted)
            return code;

        // trpo eval's defaults for every completed run without an evaluation, so results.md can set the published measure beside ours
        var results = BatchResults.Load([(outFull, outFull)]);
        RunEvaluation.EvaluateBatch(results, outPath ?? DefaultOut(plan), workingDirectory,
            EvalCommand.DefaultEpisodes, EvalCommand.DefaultSeed, force: false, console.Out, console.Error);
        var aggregate = BatchAggregate.Of(results.WithEvaluationsReloaded());
        AggregateFiles.Write(outFull, aggregate);
        var plots = BatchPlots.Write(outFull, aggregate, experiment.Reference,
            [.. experiment.Description is { } d ? [d] : Array.Empty<string>(),
             $"{ResultsMarkdown.FileName} holds the table of final returns{(experiment.Reference is null ? "" : " beside the published ones")} and says how both were measured."]);
        var provenance = new ResultsMarkdown.Provenance(
            $"trpo reproduce {suite}{(quick ? " --quick" : "")}",
            tool.Version,
            clock.Elapsed,
            Environment.ProcessorCount,
            workers,
            outcomes.Count(o => o.Kind == RunOutcomeKind.Completed),
            outcomes.Count(o => o.Kind == RunOutcomeKind.AlreadyFinished),
            aggregate.Results.Runs.Sum(r => r.Record?.Summary?["wall_seconds"] is JsonValue v && v.TryGetValue(out double seconds) ? seconds : 0));
        AtomicFile.WriteAllText(Path.Combine(outFull, ResultsMarkdown.FileName), ResultsMarkdown.Render(experiment, aggregate, provenance, plots));
        AggregateCommand.Report(aggregate, console);
        console.Out.WriteLine($"wrote {AggregateCommand.Written(plots, ResultsMarkdown.FileName)} into {outFull}");
        return code;
    }

    /// <summary><c>runs/suites/{name}</c>, or <c>runs/suites/{name}-quick</c> with --quick.</summary>
    public static string DefaultOut(BatchPlan plan) => Path.Combine("runs", "suites", plan.Quick ? plan.Name + "-quick" : plan.Name);
}
