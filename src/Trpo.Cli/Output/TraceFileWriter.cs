using System.Text;
using Trpo.Core.Tracing;

namespace Trpo.Cli.Output;

/// <summary>
/// Writes a run's trace.txt (<see cref="TraceText"/> format, UTF-8 without BOM, LF): the header when created, then
/// one block per epoch, flushed as each epoch ends so an interrupted run keeps every finished epoch.
/// </summary>
public sealed class TraceFileWriter : IDisposable
{
    private readonly StreamWriter _stream;

    private TraceFileWriter(string path)
        => _stream = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the header with <paramref name="meta"/>.</summary>
    public static TraceFileWriter Create(string path, IEnumerable<KeyValuePair<string, string>> meta)
    {
        var writer = new TraceFileWriter(path);
        writer.Write(TraceText.FormatHeader(meta));
        return writer;
    }

    /// <summary>Appends one epoch's block and flushes.</summary>
    public void Append(EpochTrace epoch) => Write(TraceText.FormatEpoch(epoch));

    private void Write(string text)
    {
        _stream.Write(text);
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
