using System.Globalization;
using CsvHelper;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;

namespace Trpo.Cli.Plotting;

/// <summary>
/// progress.csv read back for plotting: its header and rows as text, with numeric columns parsed on demand
/// (invariant culture; <c>NaN</c>, <c>Infinity</c> and empty cells read as NaN or ±∞). Plots are made from this
/// table alone, so a run plots the same whether it is still training, finished or copied elsewhere.
/// Column names must be ones <see cref="ProgressColumns"/> defines; a column the file lacks (an older file)
/// reads as all NaN. A last line without its line end (a row that a running <c>trpo train</c> is writing) is ignored.
/// </summary>
public sealed class ProgressTable
{
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<string[]> _rows;

    private ProgressTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Columns = header;
        _rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++) _index.TryAdd(header[i], i);
    }

    /// <summary>The header, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of complete rows (epochs).</summary>
    public int RowCount => _rows.Count;

    /// <summary>Whether the file has column <paramref name="column"/>.</summary>
    public bool Has(string column) => _index.ContainsKey(Known(column));

    /// <summary>The values of a numeric column, NaN where a cell is empty or not a number (or the column is absent).</summary>
    public IReadOnlyList<double> Numbers(string column)
    {
        if (!_index.TryGetValue(Known(column), out int at)) return _rows.Select(_ => double.NaN).ToArray();
        return _rows.Select(r => ParseNumber(r[at])).ToArray();
    }

    /// <summary>The cells of a column as text ("" where the column is absent).</summary>
    public IReadOnlyList<string> Text(string column)
    {
        if (!_index.TryGetValue(Known(column), out int at)) return _rows.Select(_ => "").ToArray();
        return _rows.Select(r => r[at]).ToArray();
    }

    /// <summary>Reads <paramref name="path"/>; problems are user errors naming <paramref name="displayPath"/>. The file may be open for appending by a running <c>trpo train</c>.</summary>
    public static ProgressTable Read(string path, string displayPath)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return Parse(reader, displayPath);
        }
        catch (FileNotFoundException)
        {
            throw new UserError($"{displayPath} does not exist");
        }
    }

    /// <summary>Parses progress.csv text; see <see cref="Read"/>.</summary>
    public static ProgressTable Parse(TextReader text, string displayPath)
    {
        // read whole lines first so that a final line without its line end (still being written) can be dropped
        string content = text.ReadToEnd();
        bool lastLineComplete = content.Length == 0 || content.EndsWith('\n');
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            FormatProvider = CultureInfo.InvariantCulture,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // counted below, for a message that names the row
            MalformedData = CsvMalformedDataHandling.Recover,
        };
        using var reader = CsvReader.FromText(content, options);
        string[] header = reader.Headers.ToArray();
        if (header.Length == 0)
            throw new UserError($"{displayPath} is empty (no header)");
        foreach (var required in (string[])[EpochColumn, EnvStepsColumn])
            if (!header.Contains(required, StringComparer.Ordinal))
                throw new UserError($"{displayPath} has no '{required}' column; is it a trpo progress.csv?");

        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(reader.Current.ToArray());
        // trpo ends every row with LF: a last line without one is a row being written right now
        if (!lastLineComplete && rows.Count > 0) rows.RemoveAt(rows.Count - 1);
        for (int i = 0; i < rows.Count; i++)
            if (rows[i].Length != header.Length)
                throw new UserError($"{displayPath}: row {i + 1} has {rows[i].Length} fields but the header has {header.Length}");
        return new ProgressTable(header, rows);
    }

    /// <summary>A table from a header and rows of cells (tests and callers that hold the data already).</summary>
    public static ProgressTable FromRows(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.Select(r => r.ToArray()).ToList();
        if (list.Any(r => r.Length != header.Count)) throw new ArgumentException("every row needs one cell per column");
        return new ProgressTable(header.ToArray(), list);
    }

    /// <summary>The <c>epoch</c> column's name.</summary>
    public const string EpochColumn = "epoch";
    /// <summary>The <c>env_steps</c> column's name.</summary>
    public const string EnvStepsColumn = "env_steps";

    private static readonly HashSet<string> KnownColumns = ProgressColumns.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    private static string Known(string column)
        => KnownColumns.Contains(column) ? column : throw new ArgumentException($"'{column}' is not a progress.csv column (see ProgressColumns)");

    private static double ParseNumber(string cell)
        => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;
}
