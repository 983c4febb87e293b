using System.Text;
using Trpo.Cli.FileSystem;
using Trpo.Core.Tracing;

namespace Trpo.Cli.Output;

/// <summary>
/// Writes a run's trace.txt (<see cref="TraceText"/> format, UTF-8 without BOM, LF): the header when created, then
/// one block per epoch, flushed to disk as each epoch ends so an interrupted run keeps every finished epoch. Like
/// progress.csv, a checkpoint records <see cref="Length"/> and a resume cuts the file back to it.
/// </summary>
public sealed class TraceFileWriter : IDisposable
{
    private readonly IFileSystem _files;
    private readonly Stream _file;
    private readonly StreamWriter _stream;

    private TraceFileWriter(IFileSystem files, Stream file)
    {
        _files = files;
        _file = file;
        _stream = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> on the machine's file system and writes the header with <paramref name="meta"/>.</summary>
    public static TraceFileWriter Create(string path, IEnumerable<KeyValuePair<string, string>> meta)
        => Create(PhysicalFileSystem.Instance, path, meta);

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the header with <paramref name="meta"/>.</summary>
    public static TraceFileWriter Create(IFileSystem files, string path, IEnumerable<KeyValuePair<string, string>> meta)
    {
        var writer = new TraceFileWriter(files, files.Create(path));
        try
        {
            writer.Write(TraceText.FormatHeader(meta));
            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing trace.txt (already cut back to its checkpointed epochs) to append further epochs.</summary>
    public static TraceFileWriter Append(IFileSystem files, string path) => new(files, files.OpenAppend(path));

    /// <summary>The file's length in bytes after the last whole epoch.</summary>
    public long Length => _file.Position;

    /// <summary>Appends one epoch's block and flushes to disk.</summary>
    public void Append(EpochTrace epoch) => Write(TraceText.FormatEpoch(epoch));

    private void Write(string text)
    {
        _stream.Write(text);
        _stream.Flush();
        _files.Sync(_file);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try { _stream.Dispose(); }
        catch (IOException) { }
        _file.Dispose();
    }
}
