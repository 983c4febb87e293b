using System.Text.Json.Nodes;
using Trpo.Cli.Configuration;
using Trpo.Core.Environments;

namespace Trpo.Cli.Plotting;

/// <summary>
/// One run folder as the plots see it: its progress.csv and, when present, its config.json and summary.json
/// (which only supply labels, δ, backtrack_iters and the environment's reward threshold).
/// </summary>
/// <param name="Path">Full path of the folder.</param>
/// <param name="DisplayPath">The path as the user typed it (for messages).</param>
/// <param name="Progress">The progress table.</param>
/// <param name="Config">config.json, or null when the folder has none.</param>
/// <param name="Summary">summary.json, or null when the folder has none (the run is still going, or was killed).</param>
public sealed record RunRecord(string Path, string DisplayPath, ProgressTable Progress, JsonObject? Config, JsonObject? Summary)
{
    /// <summary>The folder's name, e.g. <c>CartPole-v1__spinningup__seed0</c>.</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    /// <summary>The environment id, from config.json (else summary.json), or null.</summary>
    public string? Env => Text(Config, OptionKeys.Env) ?? Text(Summary, OptionKeys.Env);

    /// <summary>The seed, or null.</summary>
    public long? Seed => Number(Config, OptionKeys.Seed) is { } s ? (long)s : Number(Summary, OptionKeys.Seed) is { } t ? (long)t : null;

    /// <summary>The preset, or null.</summary>
    public string? Preset => Text(Config, OptionKeys.Preset) ?? Text(Summary, OptionKeys.Preset);

    /// <summary>The KL limit δ, or null.</summary>
    public double? Delta => Number(Config, "delta");

    /// <summary>backtrack_iters, or null.</summary>
    public double? BacktrackIters => Number(Config, "backtrack_iters");

    /// <summary>summary.json's status (completed, interrupted, failed), or null.</summary>
    public string? Status => Text(Summary, "status");

    /// <summary>The reward threshold registered for the environment, when it is a built-in one that has one.</summary>
    public double? RewardThreshold => Env is { } env && EnvironmentRegistry.Contains(env) ? EnvironmentRegistry.SpecOf(env).RewardThreshold : null;

    /// <summary>A value of config.json as text: strings bare, everything else as compact JSON.</summary>
    public static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => value.ToJsonString(),
    };

    private static string? Text(JsonObject? json, string key)
        => json?[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static double? Number(JsonObject? json, string key)
        => json?[key] is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
