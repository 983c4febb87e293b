namespace Trpo.Cli.Commands;

/// <summary>Where <c>trpo train</c> writes.</summary>
/// <param name="OutPath">The <c>--out</c> path as typed, or null for <c>runs/{env}__{preset}__seed{seed}</c>.</param>
/// <param name="Force">Whether <c>--force</c> allows clearing an existing run folder.</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
public sealed record TrainOutput(string? OutPath, bool Force, string WorkingDirectory);
