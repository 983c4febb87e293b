using System.Globalization;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;

namespace Trpo.Cli.Tests.Plotting;

/// <summary>Progress tables built in memory for the plotting tests.</summary>
public static class Tables
{
    /// <summary>A table with every progress.csv column: epoch k has env_steps 100 k and <paramref name="column"/> = values[k − 1]; other numbers 1.</summary>
    public static ProgressTable With(string column, params double[] values)
    {
        var header = ProgressColumns.All.Select(c => c.Name).ToList();
        var rows = values.Select((v, i) => header.Select(name => name switch
        {
            "epoch" => (i + 1).ToString(CultureInfo.InvariantCulture),
            "env_steps" => ((i + 1) * 100).ToString(CultureInfo.InvariantCulture),
            "skip_reason" => "",
            _ when name == column => RoundTrip.Format(v),
            _ => "1",
        }).ToList());
        return ProgressTable.FromRows(header, rows);
    }
}
