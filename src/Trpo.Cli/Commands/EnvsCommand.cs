using System.Globalization;
using Trpo.Cli.Output;
using Trpo.Core.Environments;

namespace Trpo.Cli.Commands;

/// <summary>
/// <c>trpo envs</c>: one line per built-in environment with its id, observation size, action space in Gymnasium's
/// notation, time limit and reward threshold, in aligned plain-text columns (stable for scripts and tests).
/// </summary>
public static class EnvsCommand
{
    /// <summary>The column headers.</summary>
    public static IReadOnlyList<string> Headers { get; } = ["id", "observation", "action", "time_limit", "reward_threshold", "description"];

    /// <summary>Writes the listing to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(TextWriter output)
    {
        var rows = EnvironmentRegistry.Ids.Select(id => Row(EnvironmentRegistry.SpecOf(id))).ToList();
        var table = new List<IReadOnlyList<string>> { Headers };
        table.AddRange(rows);
        var widths = Enumerable.Range(0, Headers.Count - 1).Select(i => table.Max(r => r[i].Length)).ToArray();
        foreach (var row in table)
        {
            var cells = row.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell);
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
        return ExitCodes.Ok;
    }

    /// <summary>The cells of one environment's line.</summary>
    public static IReadOnlyList<string> Row(EnvironmentSpec spec) =>
    [
        spec.Id,
        spec.ObservationSize.ToString(CultureInfo.InvariantCulture),
        ActionSpace(spec),
        spec.MaxEpisodeSteps.ToString(CultureInfo.InvariantCulture),
        spec.RewardThreshold is { } threshold ? RoundTrip.Format(threshold) : "-",
        spec.Description,
    ];

    /// <summary>Gymnasium's notation: <c>Discrete(2)</c> or <c>Box(-2, 2, (1,))</c> (per-dimension bounds as lists when they differ).</summary>
    public static string ActionSpace(EnvironmentSpec spec)
    {
        if (spec.ActionKind == ActionKind.Discrete)
            return $"Discrete({spec.ActionSize})";
        return $"Box({Bound(spec.ActionLow)}, {Bound(spec.ActionHigh)}, ({spec.ActionSize},))";
    }

    private static string Bound(double[] values)
        => values.Length > 0 && values.All(v => v.Equals(values[0]))
            ? RoundTrip.Format(values[0])
            : "[" + string.Join(", ", values.Select(RoundTrip.Format)) + "]";
}
