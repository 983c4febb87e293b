using System.Text;
using System.Text.Json;
using Trpo.Cli.Configuration;
using Trpo.Cli.FileSystem;
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
        var entries = Writers(settings);
        entries[OptionKeys.ToolVersion] = w => w.WriteStringValue(tool.Version);
        if (tool.GitCommit is { } commit)
            entries[OptionKeys.GitCommit] = w => w.WriteStringValue(commit);

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

    /// <summary>
    /// The resolved configuration (LQR-v0's <c>lqr_*</c> keys included) without the metadata keys, each value as compact JSON text (<c>"delta": "0.01"</c>,
    /// <c>"hidden_sizes": "[64,64]"</c>), sorted by key: what a resume compares and a checkpoint records.
    /// </summary>
    public static SortedDictionary<string, string> Values(RunSettings settings)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, writeValue) in Writers(settings))
            values[name] = JsonFormat.Compact(writeValue);
        return values;
    }

    /// <summary>The same values read back from a config.json document (metadata keys dropped, values made compact).</summary>
    public static SortedDictionary<string, string> Values(JsonElement configJson)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in configJson.EnumerateObject())
        {
            if (OptionKeys.MetadataKeys.Contains(property.Name))
                continue;
            values[property.Name] = JsonFormat.Compact(property.Value.WriteTo);
        }
        return values;
    }

    /// <summary>Writes config.json into <paramref name="folder"/>, atomically.</summary>
    public static void Write(RunFolder folder, RunSettings settings, ToolInfo tool)
        => Write(PhysicalFileSystem.Instance, folder, settings, tool);

    /// <summary>Writes config.json into <paramref name="folder"/> through <paramref name="files"/>, atomically.</summary>
    /// <param name="files">The file system.</param>
    /// <param name="folder">The run folder.</param>
    /// <param name="settings">The resolved configuration.</param>
    /// <param name="tool">The tool's version and commit.</param>
    /// <param name="midway">The test hook's action half-way through the write (see <see cref="AtomicFile.WriteAllBytes"/>), or null.</param>
    public static void Write(IFileSystem files, RunFolder folder, RunSettings settings, ToolInfo tool, Action? midway = null)
        => AtomicFile.WriteAllBytes(files, folder.ConfigPath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(settings, tool)), midway: midway);

    private static SortedDictionary<string, Action<Utf8JsonWriter>> Writers(RunSettings settings)
    {
        var entries = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
        {
            [OptionKeys.Env] = w => w.WriteStringValue(settings.EnvironmentId),
            [OptionKeys.Seed] = w => w.WriteNumberValue(settings.Seed),
            [OptionKeys.Epochs] = w => w.WriteNumberValue(settings.Epochs),
            [OptionKeys.Preset] = w => w.WriteStringValue(settings.Preset),
        };
        foreach (var key in OptionKeys.Hyperparameters)
            entries[key.Name] = w => key.WriteValue(w, settings.Options);
        if (settings.Lqr is { } system)
            foreach (var (name, write) in LqrKeys.JsonEntries(system))
                entries[name] = write;
        return entries;
    }
}
