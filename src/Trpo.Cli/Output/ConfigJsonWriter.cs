using System.Text.Json;
using Trpo.Cli.Configuration;
using Trpo.Cli.Hosting;

namespace Trpo.Cli.Output;

/// <summary>
/// config.json: the fully resolved configuration (run keys, every hyperparameter and, for LQR-v0, the system's
/// <c>lqr_*</c> keys) with keys sorted ordinally,
/// plus <c>tool_version</c> and, when known, <c>git_commit</c>. The file is a valid <c>--config</c> input: the
/// metadata keys are ignored when read back.
/// </summary>
public static class ConfigJsonWriter
{
    /// <summary>The file's text.</summary>
    public static string Render(RunSettings settings, ToolInfo tool)
    {
        var entries = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
        {
            [OptionKeys.Env] = w => w.WriteStringValue(settings.EnvironmentId),
            [OptionKeys.Seed] = w => w.WriteNumberValue(settings.Seed),
            [OptionKeys.Epochs] = w => w.WriteNumberValue(settings.Epochs),
            [OptionKeys.Preset] = w => w.WriteStringValue(settings.Preset),
            [OptionKeys.ToolVersion] = w => w.WriteStringValue(tool.Version),
        };
        if (tool.GitCommit is { } commit)
            entries[OptionKeys.GitCommit] = w => w.WriteStringValue(commit);
        foreach (var key in OptionKeys.Hyperparameters)
            entries[key.Name] = w => key.WriteValue(w, settings.Options);
        if (settings.Lqr is { } system)
            foreach (var (name, write) in LqrKeys.JsonEntries(system))
                entries[name] = write;

        return JsonFormat.Build(writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, writeValue) in entries)
            {
                writer.WritePropertyName(name);
                writeValue(writer);
            }
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes config.json into <paramref name="folder"/>, atomically.</summary>
    public static void Write(RunFolder folder, RunSettings settings, ToolInfo tool)
        => AtomicFile.WriteAllText(folder.ConfigPath, Render(settings, tool));
}
