using System.Globalization;
using System.Text;
using CsvHelper;
using Trpo.Core.Training;

namespace Trpo.Cli.Output;

/// <summary>
/// Appends one row per epoch to progress.csv (CsvHelper, RFC 4180 quoting, invariant culture, LF line ends,
/// UTF-8 without BOM) and flushes it as each epoch ends, so the file can be watched or plotted while the run
/// goes on. The header (<see cref="ProgressColumns"/>) is written when the file is created; every row has the
/// same fields (CsvHelper checks the count).
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

    private readonly StreamWriter _stream;
    private readonly CsvWriter _csv;

    private ProgressCsvWriter(string path)
    {
        _stream = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _csv = CsvWriter.Create(_stream, Options, leaveOpen: true);
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> and writes the header.</summary>
    public static ProgressCsvWriter Create(string path)
    {
        var writer = new ProgressCsvWriter(path);
        foreach (var column in ProgressColumns.All)
            writer._csv.WriteField(column.Name);
        writer.EndRow();
        return writer;
    }

    /// <summary>Appends the row of <paramref name="report"/>, <paramref name="wallSeconds"/> since training started, and flushes.</summary>
    public void Append(EpochReport report, double wallSeconds)
    {
        foreach (var column in ProgressColumns.All)
            _csv.WriteField(column.Format(report, wallSeconds));
        EndRow();
    }

    private void EndRow()
    {
        _csv.EndRecord();
        _csv.Flush();
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _csv.Dispose();
        _stream.Dispose();
    }
}
