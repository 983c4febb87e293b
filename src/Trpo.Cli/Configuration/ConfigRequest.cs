namespace Trpo.Cli.Configuration;

/// <summary>The configuration inputs of one command, before layering.</summary>
/// <param name="ConfigFile">The <c>--config</c> path as typed, or null.</param>
/// <param name="Environment">The process environment; only variables starting with <c>TRPO_</c> are read.</param>
/// <param name="Sets">The <c>--set key=value</c> arguments, in order (a later one wins).</param>
/// <param name="Flags">Run-level flags given on the command line, by key (<c>env</c>, <c>seed</c>, <c>epochs</c>, <c>preset</c>).</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
public sealed record ConfigRequest(
    string? ConfigFile,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<string> Sets,
    IReadOnlyDictionary<string, string> Flags,
    string WorkingDirectory);
