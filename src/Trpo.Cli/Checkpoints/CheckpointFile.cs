using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Trpo.Cli.Output;
using Trpo.Core.State;

namespace Trpo.Cli.Checkpoints;

/// <summary>
/// The bytes of one checkpoint file. Two parts: a one-line JSON header, then the body (compact JSON).
/// <code>
/// {"format":"trpo-checkpoint","format_version":1,"body_bytes":N,"body_sha256":"&lt;hex&gt;"}\n
/// {"epoch":3,"config":{...},"run":{...},"outputs":{...},"tally":{...},"wall_seconds":1.2,"state":[{"key":"policy.theta","kind":"f64","values":[...]},...]}
/// </code>
/// The header's length and SHA-256 of the body detect a truncated or corrupted file; <c>format_version</c> says
/// which layout the body has. Doubles are exact: shortest round-trip text, non-finite values as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>; RNG words as unsigned integers.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The header's <c>format</c> value.</summary>
    public const string FormatName = "trpo-checkpoint";

    /// <summary>The body layout this build writes and reads. Raise it when the layout or the engine's state entries change incompatibly.</summary>
    public const int FormatVersion = 1;

    private static readonly Dictionary<StateKind, string> KindNames = new()
    {
        [StateKind.Float64] = "f64", [StateKind.Int64] = "i64", [StateKind.UInt64] = "u64",
    };

    /// <summary>The file's bytes for <paramref name="checkpoint"/>.</summary>
    public static byte[] Serialize(Checkpoint checkpoint) => Serialize(checkpoint, FormatVersion);

    /// <summary>As <see cref="Serialize(Checkpoint)"/> with another version number in the header (tests of incompatible files).</summary>
    internal static byte[] Serialize(Checkpoint checkpoint, int formatVersion)
    {
        var body = Body(checkpoint);
        var header = JsonFormat.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("format_version", formatVersion);
            w.WriteNumber("body_bytes", body.Length);
            w.WriteString("body_sha256", Convert.ToHexStringLower(SHA256.HashData(body)));
            w.WriteEndObject();
        }, indented: false);
        return [.. Encoding.UTF8.GetBytes(header), .. body];
    }

    /// <summary>
    /// Reads a checkpoint from <paramref name="bytes"/>. Throws <see cref="CorruptCheckpointException"/> when the file is
    /// truncated, fails its checksum or does not parse, and <see cref="CheckpointVersionException"/> when it is intact
    /// but of another format version.
    /// </summary>
    public static Checkpoint Parse(byte[] bytes)
    {
        int newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline < 0) throw new CorruptCheckpointException("it has no header line (truncated)");
        string format;
        int version;
        long bodyBytes;
        string sha;
        try
        {
            using var header = JsonDocument.Parse(bytes.AsMemory(0, newline));
            var root = header.RootElement;
            format = root.GetProperty("format").GetString() ?? "";
            version = root.GetProperty("format_version").GetInt32();
            bodyBytes = root.GetProperty("body_bytes").GetInt64();
            sha = root.GetProperty("body_sha256").GetString() ?? "";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CorruptCheckpointException("its header is unreadable");
        }
        if (format != FormatName) throw new CorruptCheckpointException($"it is not a trpo checkpoint (format '{format}')");
        if (version != FormatVersion) throw new CheckpointVersionException(version);
        var body = bytes.AsSpan(newline + 1);
        if (body.Length != bodyBytes) throw new CorruptCheckpointException($"it is truncated ({body.Length} of {bodyBytes} body bytes)");
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(body)), sha, StringComparison.Ordinal))
            throw new CorruptCheckpointException("its checksum does not match (the file was altered or damaged)");
        try
        {
            return ParseBody(body.ToArray());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new CorruptCheckpointException($"its body does not parse ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static byte[] Body(Checkpoint c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", c.Epoch);
            w.WriteStartObject("config");
            foreach (var (key, json) in c.Config.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(key);
                w.WriteRawValue(json);
            }
            w.WriteEndObject();
            w.WriteStartObject("run");
            w.WriteBoolean("trace", c.Trace);
            w.WriteBoolean("fail_on_nonfinite", c.FailOnNonFinite);
            w.WriteEndObject();
            w.WriteStartObject("outputs");
            w.WriteNumber("progress_csv_bytes", c.ProgressBytes);
            w.WriteNumber("trace_txt_bytes", c.TraceBytes);
            w.WriteEndObject();
            w.WriteStartObject("tally");
            w.WriteNumber("epochs_completed", c.Tally.EpochsCompleted);
            w.WriteNumber("env_steps", c.Tally.EnvSteps);
            w.WritePropertyName("final_return_mean");
            WriteDouble(w, c.Tally.FinalReturnMean);
            w.WritePropertyName("best_return_mean");
            WriteDouble(w, c.Tally.BestReturnMean);
            w.WriteEndObject();
            w.WritePropertyName("wall_seconds");
            WriteDouble(w, c.WallSeconds);
            w.WriteStartArray("state");
            foreach (var entry in c.State.Entries)
            {
                w.WriteStartObject();
                w.WriteString("key", entry.Key);
                w.WriteString("kind", KindNames[entry.Kind]);
                w.WriteStartArray("values");
                switch (entry.Kind)
                {
                    case StateKind.Float64: foreach (var v in entry.Doubles) WriteDouble(w, v); break;
                    case StateKind.Int64: foreach (var v in entry.Integers) w.WriteNumberValue(v); break;
                    default: foreach (var v in entry.Words) w.WriteNumberValue(v); break;
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static Checkpoint ParseBody(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("config").EnumerateObject())
            config[property.Name] = property.Value.GetRawText();
        var run = root.GetProperty("run");
        var outputs = root.GetProperty("outputs");
        var tally = root.GetProperty("tally");
        var entries = new List<StateEntry>();
        foreach (var item in root.GetProperty("state").EnumerateArray())
        {
            var key = item.GetProperty("key").GetString() ?? throw new FormatException("a state entry has no key");
            var values = item.GetProperty("values");
            entries.Add(item.GetProperty("kind").GetString() switch
            {
                "f64" => StateEntry.Of(key, values.EnumerateArray().Select(ReadDouble).ToArray()),
                "i64" => StateEntry.Of(key, values.EnumerateArray().Select(v => v.GetInt64()).ToArray()),
                "u64" => StateEntry.Of(key, values.EnumerateArray().Select(v => v.GetUInt64()).ToArray()),
                var other => throw new FormatException($"state entry '{key}' has unknown kind '{other}'"),
            });
        }
        return new Checkpoint(
            Epoch: root.GetProperty("epoch").GetInt32(),
            Config: config,
            Trace: run.GetProperty("trace").GetBoolean(),
            FailOnNonFinite: run.GetProperty("fail_on_nonfinite").GetBoolean(),
            ProgressBytes: outputs.GetProperty("progress_csv_bytes").GetInt64(),
            TraceBytes: outputs.GetProperty("trace_txt_bytes").GetInt64(),
            Tally: new RunTally(
                tally.GetProperty("epochs_completed").GetInt32(),
                tally.GetProperty("env_steps").GetInt64(),
                ReadDouble(tally.GetProperty("final_return_mean")),
                ReadDouble(tally.GetProperty("best_return_mean"))),
            WallSeconds: ReadDouble(root.GetProperty("wall_seconds")),
            State: new EngineState(entries));
    }

    private static void WriteDouble(Utf8JsonWriter w, double value)
    {
        Span<byte> text = stackalloc byte[32]; // "R" of a double is at most 24 characters
        if (!value.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"could not format {value}");
        if (double.IsFinite(value)) w.WriteRawValue(text[..length], skipInputValidation: true); // a finite "R" is a valid JSON number
        else w.WriteStringValue(text[..length]); // "NaN", "Infinity", "-Infinity"
    }

    private static double ReadDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => throw new FormatException($"'{text}' is not a number"),
        },
        _ => throw new FormatException($"expected a number, got {element.ValueKind}"),
    };
}
