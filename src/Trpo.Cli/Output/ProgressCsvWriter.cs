using System.Globalization;
using System.Text;
using CsvHelper;
using Trpo.Cli.FileSystem;
using Trpo.Core.Training;

namespace Trpo.Cli.Output;

/// <summary>
/// Appends one row per epoch to progress.csv (CsvHelper, RFC 4180 quoting, invariant culture, LF line ends,
/// UTF-8 without BOM) and flushes it through to disk as each epoch ends, so the file can be watched or plotted
/// while the run goes on. The header (<see cref="ProgressColumns"/>) is written when the file is created; every
/// row has the same fields (CsvHelper checks the count). <see cref="Length"/> is the file's size after the last
/// whole row: a checkpoint records it, and a resume cuts the file back to it, so a row half-written by a crash
/// never survives. Each row is formatted into a buffer first and then written to the file, so that the test hook
/// <c>progress-half-row</c> can put exactly half of it on disk.
/// </summary>
public sealed class ProgressCsvWriter : IDisposable
{
    /// <summary>The CSV dialect of progress.csv.</summary>
    public static CsvWriterOptions Options { get; } = new()
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.None, // numbers such as -1.5 must stay as written
        WriteByteOrderMark = false,
    };

    private readonly IFileSystem _files;
    private readonly Stream _file;
    private readonly StreamWriter _stream;
    private readonly StringWriter _row = new(CultureInfo.InvariantCulture);
    private readonly CsvWriter _csv;

    private ProgressCsvWriter(IFileSystem files, Stream file)
    {
        _files = files;
        _file = file;
        _stream = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        _csv = CsvWriter.Create(_row, Options, leaveOpen: true);
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> on the machine's file system and writes the header.</summary>
    public static ProgressCsvWriter Create(string path) => Create(PhysicalFileSystem.Instance, path);

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the header.</summary>
    public static ProgressCsvWriter Create(IFileSystem files, string path)
    {
        var writer = new ProgressCsvWriter(files, files.Create(path));
        try
        {
            foreach (var column in ProgressColumns.All)
                writer._csv.WriteField(column.Name);
            writer.EndRow();
            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing progress.csv (already cut back to its checkpointed rows) to append further rows.</summary>
    public static ProgressCsvWriter Append(IFileSystem files, string path) => new(files, files.OpenAppend(path));

    /// <summary>The file's length in bytes after the last whole row.</summary>
    public long Length => _file.Position;

    /// <summary>Appends the row of <paramref name="report"/>, <paramref name="wallSeconds"/> since training started, and flushes to disk.</summary>
    /// <param name="report">The epoch.</param>
    /// <param name="wallSeconds">Training wall time so far.</param>
    /// <param name="midway">When given (the test hook), called once the first half of the row is on disk, before the rest is written.</param>
    public void Append(EpochReport report, double wallSeconds, Action? midway = null)
    {
        foreach (var column in ProgressColumns.All)
            _csv.WriteField(column.Format(report, wallSeconds));
        EndRow(midway);
    }

    private void EndRow(Action? midway = null)
    {
        _csv.EndRecord();
        _csv.Flush();
        var row = _row.GetStringBuilder();
        if (midway is not null)
        {
            int half = row.Length / 2;
            _stream.Write(row.ToString(0, half));
            _stream.Flush();
            _files.Sync(_file);
            midway();
            row.Remove(0, half);
        }
        _stream.Write(row);
        row.Clear();
        _stream.Flush();
        _files.Sync(_file);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A failed flush (disk full) must not hide the error that got us here; the rows that count are on disk already.
        try { _csv.Dispose(); _row.Dispose(); _stream.Dispose(); }
        catch (IOException) { }
        _file.Dispose();
    }
}
