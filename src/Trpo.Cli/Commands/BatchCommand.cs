using Trpo.Cli.Batch;
using Trpo.Cli.Errors;
using Trpo.Cli.Hosting;
using Trpo.Cli.Progress;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo batch FILE</c>: expands the experiment, then runs it (or one shard of it), lists its runs, or emits a
/// Slurm/Kubernetes job that runs its shards. Exit codes: 0 every run finished, 4 some run failed (the others
/// ran), 130 interrupted, 2 bad input (nothing run).
/// </summary>
public sealed class BatchCommand(CliConsole console, ToolInfo tool, EpochSourceFactory engine)
{
    /// <summary>Runs the command.</summary>
    public int Run(BatchRequest request, CancellationToken cancellation)
    {
        var experimentFull = Path.GetFullPath(request.ExperimentPath, request.WorkingDirectory);
        var plan = BatchPlan.Expand(ExperimentParser.Load(request.ExperimentPath, experimentFull), request.Quick);
        var outDisplay = request.OutPath ?? DefaultOut(plan);
        var outFull = Path.GetFullPath(outDisplay, request.WorkingDirectory);

        if (request.Emit is { } kind)
        {
            if (request.Shard is not null)
                throw new UserError("--emit writes a job for every shard; leave out --shard");
            var shards = request.Shards ?? plan.Runs.Count;
            if (shards is < 1 or > ShardSpec.MaxCount)
                throw new UserError($"--shards must be between 1 and {ShardSpec.MaxCount} (got {shards})");
            var parallel = CheckParallel(request.Parallel ?? 1);
            console.Out.Write(SchedulerScripts.Emit(kind, new SchedulerScripts.Request(
                plan.Name, request.ExperimentPath, outDisplay, shards, parallel, request.Quick, request.Image)));
            return ExitCodes.Ok;
        }
        if (request.Shards is not null)
            throw new UserError("--shards only applies with --emit; to run one shard use --shard i/N");

        var shard = request.Shard is { } text ? ShardSpec.Parse(text) : ShardSpec.Whole;
        var runs = shard.Select(plan.Runs);
        if (request.List)
        {
            foreach (var run in runs)
                console.Out.WriteLine($"{ShardSpec.ShardOf(run.Index, shard.Count)}/{shard.Count}  {run.Name}  ({run.Settings.Epochs} epochs of {run.Settings.Options.StepsPerEpoch} steps)");
            return ExitCodes.Ok;
        }

        var outcomes = Execute(plan, runs, shard, outFull, CheckParallel(request.Parallel ?? Environment.ProcessorCount), cancellation);
        return ExitCodeOf(outcomes);
    }

    /// <summary>Runs <paramref name="runs"/> and prints the summary; returns the outcomes (for <c>trpo reproduce</c>).</summary>
    public IReadOnlyList<RunOutcome> Execute(BatchPlan plan, IReadOnlyList<PlannedRun> runs, ShardSpec shard, string outFull, int parallel, CancellationToken cancellation)
    {
        IBatchProgress progress = console.Interactive ? new SpectreBatchProgress(console.Out) : new PlainBatchProgress(console.Out);
        var scope = shard.Count == 1 ? "" : $" shard {shard}";
        var label = $"batch '{plan.Name}'{scope}";
        console.Out.WriteLine($"{label}: {runs.Count} of {plan.Runs.Count} runs, {parallel} at a time, into {outFull}");
        var outcomes = new BatchRunner(engine, tool, progress).Run(plan, runs, outFull, parallel, cancellation);

        int Count(RunOutcomeKind kind) => outcomes.Count(o => o.Kind == kind);
        console.Out.WriteLine(
            $"{label}: {Count(RunOutcomeKind.Completed)} completed, {Count(RunOutcomeKind.AlreadyFinished)} already finished, " +
            $"{Count(RunOutcomeKind.Failed)} failed, {Count(RunOutcomeKind.Interrupted)} interrupted, {Count(RunOutcomeKind.NotStarted)} not started");
        foreach (var failure in outcomes.Where(o => o.Kind == RunOutcomeKind.Failed))
            console.Out.WriteLine($"failed: {failure.Run.Name}: {failure.Error}");
        console.Out.WriteLine($"batch folder: {outFull}");
        var failed = Count(RunOutcomeKind.Failed);
        if (failed > 0)
            console.Error.WriteLine($"error: {failed} of {runs.Count} runs failed; the others ran (re-run the same command to retry the failed ones)");
        if (outcomes.Any(o => o.Kind is RunOutcomeKind.Interrupted or RunOutcomeKind.NotStarted))
            console.Error.WriteLine("interrupted: re-run the same command to finish the batch (finished runs are kept)");
        return outcomes;
    }

    /// <summary>130 when interrupted, else 4 when a run failed, else 0.</summary>
    public static int ExitCodeOf(IReadOnlyList<RunOutcome> outcomes)
        => outcomes.Any(o => o.Kind is RunOutcomeKind.Interrupted or RunOutcomeKind.NotStarted) ? ExitCodes.Interrupted
            : outcomes.Any(o => o.Kind == RunOutcomeKind.Failed) ? ExitCodes.RunsFailed
            : ExitCodes.Ok;

    /// <summary><c>runs/{name}</c>, or <c>runs/{name}-quick</c> for a quick plan.</summary>
    public static string DefaultOut(BatchPlan plan) => Path.Combine("runs", plan.Quick ? plan.Name + "-quick" : plan.Name);

    /// <summary>The --parallel value, checked.</summary>
    public static int CheckParallel(int parallel)
        => parallel is >= 1 and <= BatchRequest.MaxParallel
            ? parallel
            : throw new UserError($"--parallel must be between 1 and {BatchRequest.MaxParallel} (got {parallel})");
}
