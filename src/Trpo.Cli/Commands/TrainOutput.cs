namespace Trpo.Cli.Commands;

/// <summary>Where <c>trpo train</c> writes, and whether it starts over or goes on.</summary>
/// <param name="OutPath">The <c>--out</c> path as typed, or null for <c>runs/{env}__{preset}__seed{seed}</c>.</param>
/// <param name="Force">Whether <c>--force</c> allows clearing an existing run folder.</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
/// <param name="Resume">Whether to go on from the folder's last checkpoint, and where the run flags come from.</param>
public sealed record TrainOutput(string? OutPath, bool Force, string WorkingDirectory, ResumeMode Resume = ResumeMode.None);

/// <summary>How a run folder that already holds a run is treated.</summary>
public enum ResumeMode
{
    /// <summary>Start a new run (an existing non-empty folder needs <c>--force</c>).</summary>
    None,
    /// <summary><c>trpo train ... --resume</c>: go on if the folder holds this run (same configuration and flags), else start it.</summary>
    Train,
    /// <summary><c>trpo resume RUN_DIR</c>: go on with the configuration and flags the run was started with.</summary>
    RunFolder,
}
