using Trpo.Cli.Batch;
using Trpo.Cli.Plotting;

namespace Trpo.Cli.Aggregation;

/// <summary>What a planned run left in the batch folder(s).</summary>
public enum RunResultStatus
{
    /// <summary>summary.json says completed with every planned epoch.</summary>
    Completed,
    /// <summary>summary.json says failed.</summary>
    Failed,
    /// <summary>Started but not finished (interrupted, or still going).</summary>
    Unfinished,
    /// <summary>No run folder (e.g. its shard has not run).</summary>
    Missing,
}

/// <summary>One planned run and, when it completed, its run folder as the plots read it.</summary>
/// <param name="Run">The run as batch.json plans it.</param>
/// <param name="Status">What its folder holds.</param>
/// <param name="Folder">Where it was found (null when missing).</param>
/// <param name="Record">Its progress.csv, config.json and summary.json when completed, else null.</param>
/// <param name="Evaluation">Its eval.json (<c>trpo eval</c>) when completed and evaluated, else null.</param>
public sealed record RunResult(ManifestRun Run, RunResultStatus Status, string? Folder, RunRecord? Record, RunEvaluationRecord? Evaluation = null)
{
    /// <summary>Its epochs (the progress.csv columns aggregation uses) when completed, else empty.</summary>
    public IReadOnlyList<EpochPoint> Epochs { get; } = Record is null ? [] : EpochPoint.Of(Record.Progress, System.IO.Path.Combine(Record.DisplayPath, Output.RunFolder.ProgressFileName));
}
