using System.Text.Json;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>Reads a run's config.json for assertions.</summary>
public static class ConfigJson
{
    /// <summary>The parsed config.json of the run folder <paramref name="runFolder"/> (relative to the workspace).</summary>
    public static JsonElement Read(Workspace workspace, string runFolder)
        => JsonDocument.Parse(workspace.ReadFile(Path.Combine(runFolder, "config.json"))).RootElement.Clone();

    /// <summary>The top-level keys in file order.</summary>
    public static IReadOnlyList<string> Keys(JsonElement config) => config.EnumerateObject().Select(p => p.Name).ToList();
}
