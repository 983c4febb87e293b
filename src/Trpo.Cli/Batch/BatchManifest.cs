using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;

namespace Trpo.Cli.Batch;

/// <summary>
/// <c>batch.json</c>: the plan of a batch — its name, swept keys and every run (name, configuration, env, seed,
/// epochs, swept values) in canonical order. It holds no times, paths or versions, so every shard of a batch
/// writes the same bytes, and <c>trpo aggregate</c> needs nothing else to find and group the runs.
/// </summary>
/// <param name="Name">The batch name.</param>
/// <param name="Quick">Whether the experiment's quick section was applied.</param>
/// <param name="SweptKeys">The swept keys, sorted.</param>
/// <param name="Runs">The runs, in canonical order.</param>
public sealed record BatchManifest(string Name, bool Quick, IReadOnlyList<string> SweptKeys, IReadOnlyList<ManifestRun> Runs)
{
    /// <summary>The manifest's file name inside a batch folder.</summary>
    public const string FileName = "batch.json";

    /// <summary>The format version written as <c>format</c>; readers reject others.</summary>
    public const int Format = 1;

    /// <summary>The manifest of <paramref name="plan"/>.</summary>
    public static BatchManifest Of(BatchPlan plan) => new(
        plan.Name,
        plan.Quick,
        plan.SweptKeys,
        plan.Runs.Select(r => new ManifestRun(
            r.Name, r.Configuration, r.EnvironmentId, r.Seed, r.Settings.Epochs, r.Settings.Options.StepsPerEpoch,
            r.Values.Select(v => new ManifestValue(v.Key, v.Value.Canonical)).ToList())).ToList());

    /// <summary>The configurations in order of first appearance, each with its runs (seeds ascending).</summary>
    public IReadOnlyList<IGrouping<string, ManifestRun>> Configurations
        => Runs.GroupBy(r => r.Configuration, StringComparer.Ordinal).ToList();

    /// <summary>The file's text: keys in a fixed order, LF line ends, shortest round-trip numbers.</summary>
    public string Render() => JsonFormat.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("format", Format);
        w.WriteString("name", Name);
        w.WriteBoolean("quick", Quick);
        w.WriteStartArray("swept_keys");
        foreach (var key in SweptKeys) w.WriteStringValue(key);
        w.WriteEndArray();
        w.WriteStartArray("runs");
        foreach (var run in Runs)
        {
            w.WriteStartObject();
            w.WriteString("name", run.Name);
            w.WriteString("configuration", run.Configuration);
            w.WriteString("env", run.EnvironmentId);
            w.WriteNumber("seed", run.Seed);
            w.WriteNumber("epochs", run.Epochs);
            w.WriteNumber("steps_per_epoch", run.StepsPerEpoch);
            w.WriteStartObject("values");
            foreach (var value in run.Values)
            {
                w.WritePropertyName(value.Key);
                w.WriteRawValue(value.Canonical);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// Writes batch.json into <paramref name="folder"/> unless it already holds these bytes. The temporary file has a
    /// name of its own per process, so shards writing the same manifest into a shared folder never collide.
    /// </summary>
    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var text = Render();
        if (File.Exists(path) && File.ReadAllText(path) == text)
            return;
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}{AtomicFile.TempSuffix}";
        File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads the batch.json of <paramref name="folder"/>; a user error naming the folder when it is missing or malformed.</summary>
    public static BatchManifest Read(string displayFolder, string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder))
            throw new UserError($"batch folder '{displayFolder}' not found");
        if (!File.Exists(path))
            throw new UserError($"'{displayFolder}' is not a batch folder: it has no {FileName} (run 'trpo batch FILE --out {displayFolder}' first)");
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var format = root["format"]!.GetValue<int>();
            if (format != Format)
                throw new UserError($"'{displayFolder}/{FileName}' has format {format}; this trpo reads format {Format}");
            var runs = root["runs"]!.AsArray().Select(node =>
            {
                var run = node!.AsObject();
                var values = run["values"]!.AsObject().Select(p => new ManifestValue(p.Key, p.Value!.ToJsonString())).ToList();
                return new ManifestRun(
                    run["name"]!.GetValue<string>(), run["configuration"]!.GetValue<string>(), run["env"]!.GetValue<string>(),
                    run["seed"]!.GetValue<ulong>(), run["epochs"]!.GetValue<int>(), run["steps_per_epoch"]!.GetValue<int>(), values);
            }).ToList();
            return new BatchManifest(
                root["name"]!.GetValue<string>(),
                root["quick"]!.GetValue<bool>(),
                root["swept_keys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList(),
                runs);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new UserError($"'{displayFolder}/{FileName}' is not a valid batch manifest: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }
}

/// <summary>One run as batch.json records it.</summary>
public sealed record ManifestRun(
    string Name, string Configuration, string EnvironmentId, ulong Seed, int Epochs, int StepsPerEpoch, IReadOnlyList<ManifestValue> Values);

/// <summary>A swept key's value as batch.json records it (canonical JSON text, e.g. <c>0.9</c> or <c>[32,32]</c>).</summary>
public sealed record ManifestValue(string Key, string Canonical)
{
    /// <summary>The value as a number, or null when it is not one.</summary>
    public double? Number => double.TryParse(Canonical, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;

    /// <summary>The value for tables and CSV cells: the canonical text without quotes.</summary>
    public string Display => Canonical.Trim('"');
}
