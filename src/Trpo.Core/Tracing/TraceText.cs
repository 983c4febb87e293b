using System.Text;

namespace Trpo.Core.Tracing;

/// <summary>
/// The text form of a trace: LF line endings, one value per line so that a change shows as a precise line
/// diff. Layout:
/// <code>
/// trpo-trace 1
/// meta &lt;key&gt; &lt;value&gt;        (any number; describe the run)
/// epoch &lt;n&gt;
/// &lt;quantity&gt; &lt;count&gt;
/// &lt;value 0&gt;
/// ...
/// </code>
/// </summary>
public static class TraceText
{
    /// <summary>The first line of every trace.</summary>
    public const string Header = "trpo-trace 1";

    /// <summary>The meta lines that describe a run: environment, preset, seed, epochs and every hyperparameter.</summary>
    public static IEnumerable<KeyValuePair<string, string>> RunMeta(string environmentId, string preset, ulong seed, int epochs, Training.TrpoOptions options)
    {
        yield return new("env", environmentId);
        yield return new("preset", preset);
        yield return new("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var kv in options.ToKeyValues()) yield return new("option." + kv.Key, kv.Value);
    }

    /// <summary>The header and meta lines.</summary>
    public static string FormatHeader(IEnumerable<KeyValuePair<string, string>> meta)
    {
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        foreach (var (key, value) in meta) sb.Append("meta ").Append(key).Append(' ').Append(value.ReplaceLineEndings(" ")).Append('\n');
        return sb.ToString();
    }

    /// <summary>One epoch's block.</summary>
    public static string FormatEpoch(EpochTrace epoch)
    {
        var sb = new StringBuilder();
        sb.Append("epoch ").Append(epoch.Epoch).Append('\n');
        foreach (var q in epoch.Quantities)
        {
            sb.Append(q.Name).Append(' ').Append(q.Values.Count).Append('\n');
            foreach (var v in q.Values) sb.Append(v).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A parsed trace: meta lines and epochs.</summary>
    public sealed record Document(IReadOnlyList<KeyValuePair<string, string>> Meta, IReadOnlyList<EpochTrace> Epochs);

    /// <summary>Parses the text form; throws <see cref="FormatException"/> naming the line on malformed input.</summary>
    public static Document Parse(string text)
    {
        var lines = text.Split('\n');
        int n = lines.Length;
        if (n > 0 && lines[^1].Length == 0) n--;
        if (n == 0 || lines[0] != Header) throw new FormatException($"line 1: expected '{Header}'");
        var meta = new List<KeyValuePair<string, string>>();
        var epochs = new List<EpochTrace>();
        List<TraceQuantity>? current = null;
        int epochNumber = 0;
        int i = 1;
        while (i < n)
        {
            string line = lines[i];
            if (line.StartsWith("meta ", StringComparison.Ordinal))
            {
                int space = line.IndexOf(' ', 5);
                meta.Add(space < 0 ? new(line[5..], "") : new(line[5..space], line[(space + 1)..]));
                i++;
            }
            else if (line.StartsWith("epoch ", StringComparison.Ordinal))
            {
                if (current is not null) epochs.Add(new EpochTrace(epochNumber, current));
                if (!int.TryParse(line.AsSpan(6), out epochNumber)) throw new FormatException($"line {i + 1}: bad epoch number '{line}'");
                current = [];
                i++;
            }
            else
            {
                if (current is null) throw new FormatException($"line {i + 1}: quantity before the first epoch");
                int space = line.LastIndexOf(' ');
                if (space <= 0 || !int.TryParse(line.AsSpan(space + 1), out int count) || count < 0)
                    throw new FormatException($"line {i + 1}: expected '<quantity> <count>', got '{line}'");
                if (i + count >= n + 1 || i + 1 + count > n) throw new FormatException($"line {i + 1}: '{line[..space]}' announces {count} values but the file ends first");
                current.Add(new TraceQuantity(line[..space], lines[(i + 1)..(i + 1 + count)]));
                i += 1 + count;
            }
        }
        if (current is not null) epochs.Add(new EpochTrace(epochNumber, current));
        return new Document(meta, epochs);
    }
}
