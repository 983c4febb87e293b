using System.Globalization;
using CsvHelper;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Aggregation;

/// <summary>Reads the <c>epoch</c>, <c>env_steps</c> and <c>return_mean</c> columns of a progress.csv (CsvHelper).</summary>
public static class ProgressCsvReader
{
    /// <summary>The epochs of the file at <paramref name="path"/>, in file order; a user error naming the file when it is malformed.</summary>
    public static IReadOnlyList<EpochPoint> Read(string path)
    {
        var points = new List<EpochPoint>();
        try
        {
            using var csv = CsvReader.Create(File.ReadAllBytes(path), CsvReaderOptions.Default);
            while (csv.Read())
                points.Add(new EpochPoint(
                    int.Parse(csv.GetString("epoch"), NumberStyles.None, CultureInfo.InvariantCulture),
                    long.Parse(csv.GetString("env_steps"), NumberStyles.None, CultureInfo.InvariantCulture),
                    double.Parse(csv.GetString("return_mean"), NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or IndexOutOfRangeException or CsvFormatException or OverflowException)
        {
            throw new UserError($"'{path}' is not a readable progress.csv: {ex.Message.ReplaceLineEndings(" ")}");
        }
        return points;
    }
}
