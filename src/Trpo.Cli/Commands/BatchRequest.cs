namespace Trpo.Cli.Commands;

/// <summary>What <c>trpo batch</c> was asked to do.</summary>
/// <param name="ExperimentPath">The experiment file as typed.</param>
/// <param name="OutPath">The <c>--out</c> folder as typed, or null for <c>runs/{name}</c> (<c>runs/{name}-quick</c> with --quick).</param>
/// <param name="Parallel">Runs at a time (<c>--parallel</c>), or null for the number of cores.</param>
/// <param name="Shard">The <c>--shard i/N</c> text, or null for the whole batch.</param>
/// <param name="Emit">The <c>--emit</c> kind (slurm, k8s), or null to run.</param>
/// <param name="Shards">Shards of an emitted job (<c>--shards</c>), or null for one per run.</param>
/// <param name="Image">Container image of an emitted Kubernetes job (<c>--image</c>).</param>
/// <param name="List">Whether to list the runs (<c>--list</c>) instead of running them.</param>
/// <param name="Quick">Whether the experiment's quick section applies (<c>--quick</c>).</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
public sealed record BatchRequest(
    string ExperimentPath,
    string? OutPath,
    int? Parallel,
    string? Shard,
    string? Emit,
    int? Shards,
    string Image,
    bool List,
    bool Quick,
    string WorkingDirectory)
{
    /// <summary>The default container image of <c>--emit k8s</c>.</summary>
    public const string DefaultImage = "trpo:latest";

    /// <summary>The largest <c>--parallel</c>.</summary>
    public const int MaxParallel = 1024;
}
