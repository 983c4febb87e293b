using System.Globalization;
using CsvHelper;
using Trpo.Cli.Output;
using Trpo.Core.Environments;

namespace Trpo.Cli.Replay;

/// <summary>
/// The CSV of <c>trpo env replay</c> (CsvHelper, the dialect of progress.csv): one row per step, the start
/// first. Columns: <c>step</c>; <c>action</c> (or <c>action_0</c>, <c>action_1</c>, ... for a multi-dimensional
/// box; empty on the start row); one <c>state_&lt;name&gt;</c> column per internal state variable (float64,
/// round-trip); <c>obs_0</c> ... <c>obs_{n-1}</c>; <c>reward</c> (empty on the start row); <c>terminated</c>,
/// <c>truncated</c> (0 or 1).
/// </summary>
public static class ReplayCsv
{
    /// <summary>The header of a replay of an environment with <paramref name="spec"/> and <paramref name="stateSize"/> state variables.</summary>
    public static IReadOnlyList<string> Columns(EnvironmentSpec spec, int stateSize)
    {
        var columns = new List<string> { "step" };
        int actionColumns = spec.ActionKind == ActionKind.Discrete ? 1 : spec.ActionSize;
        if (actionColumns == 1) columns.Add("action");
        else for (int i = 0; i < actionColumns; i++) columns.Add($"action_{i}");
        for (int i = 0; i < stateSize; i++) columns.Add($"state_{spec.StateName(i)}");
        for (int i = 0; i < spec.ObservationSize; i++) columns.Add($"obs_{i}");
        columns.AddRange(["reward", "terminated", "truncated"]);
        return columns;
    }

    /// <summary>Writes the replay to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, EnvironmentSpec spec, ReplayResult replay)
    {
        using var csv = CsvWriter.Create(output, ProgressCsvWriter.Options, leaveOpen: true);
        int stateSize = replay.Steps[0].State.Length;
        foreach (string column in Columns(spec, stateSize)) csv.WriteField(column);
        csv.EndRecord();
        int actionColumns = spec.ActionKind == ActionKind.Discrete ? 1 : spec.ActionSize;
        foreach (var step in replay.Steps)
        {
            csv.WriteField(step.Step.ToString(CultureInfo.InvariantCulture));
            for (int i = 0; i < actionColumns; i++)
                csv.WriteField(step.Action is null ? "" : FormatAction(spec, step.Action[i]));
            foreach (double v in step.State) csv.WriteField(RoundTrip.Format(v));
            foreach (double v in step.Observation) csv.WriteField(RoundTrip.Format(v));
            csv.WriteField(step.Reward is { } r ? RoundTrip.Format(r) : "");
            csv.WriteField(step.Terminated ? "1" : "0");
            csv.WriteField(step.Truncated ? "1" : "0");
            csv.EndRecord();
        }
        csv.Flush();
    }

    private static string FormatAction(EnvironmentSpec spec, double value)
        => spec.ActionKind == ActionKind.Discrete ? ((int)value).ToString(CultureInfo.InvariantCulture) : RoundTrip.Format(value);
}
