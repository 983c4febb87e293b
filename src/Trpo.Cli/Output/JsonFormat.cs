using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trpo.Cli.Output;

/// <summary>The JSON conventions of run files: indented, LF line ends, shortest round-trip doubles, keys as given.</summary>
public static class JsonFormat
{
    /// <summary>Writer options for run files.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // files, not HTML: keep "+" in versions readable
    };

    /// <summary>Writes <paramref name="value"/> in shortest round-trip form ("R", invariant), or null when it is not finite.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
            writer.WriteRawValue(RoundTrip.Format(value));
        else
            writer.WriteNullValue();
    }

    /// <summary>Writes the property <paramref name="name"/> with <see cref="WriteDouble(Utf8JsonWriter, double)"/>'s value.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteDouble(writer, value);
    }

    /// <summary>
    /// One JSON value as compact text, written by <paramref name="write"/> with the writer's default options (no newline):
    /// the form config.json's values take when a checkpoint or an experiment compares them.
    /// </summary>
    public static string Compact(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Builds a JSON document as text (with a final newline) by running <paramref name="write"/> on a writer.</summary>
    /// <param name="write">Writes the document.</param>
    /// <param name="indented">False for one line (the checkpoint header).</param>
    public static string Build(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? WriterOptions : WriterOptions with { Indented = false }))
            write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
