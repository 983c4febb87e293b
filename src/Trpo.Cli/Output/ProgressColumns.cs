using System.Globalization;
using Trpo.Core.Training;

namespace Trpo.Cli.Output;

/// <summary>
/// The fixed column schema of progress.csv, in order, each column with how it is formatted from an
/// <see cref="EpochReport"/>. Doubles are shortest round-trip ("R", invariant), NaN as <c>NaN</c>.
/// The README's table of columns mirrors this list.
/// </summary>
public static class ProgressColumns
{
    /// <summary>One column: its header name and its cell text for an epoch and the wall seconds elapsed so far.</summary>
    public sealed record Column(string Name, Func<EpochReport, double, string> Format);

    /// <summary>The columns, in file order. Only <c>wall_seconds</c> depends on the clock.</summary>
    public static IReadOnlyList<Column> All { get; } =
    [
        new("epoch", (r, _) => Int(r.Epoch)),
        new("env_steps", (r, _) => r.EnvSteps.ToString(CultureInfo.InvariantCulture)),
        new("episodes", (r, _) => Int(r.Episodes)),
        new("return_mean", (r, _) => RoundTrip.Format(r.ReturnMean)),
        new("return_std", (r, _) => RoundTrip.Format(r.ReturnStd)),
        new("return_min", (r, _) => RoundTrip.Format(r.ReturnMin)),
        new("return_max", (r, _) => RoundTrip.Format(r.ReturnMax)),
        new("length_mean", (r, _) => RoundTrip.Format(r.LengthMean)),
        new("kl", (r, _) => RoundTrip.Format(r.Kl)),
        new("entropy", (r, _) => RoundTrip.Format(r.Entropy)),
        new("surrogate_improvement", (r, _) => RoundTrip.Format(r.SurrogateImprovement)),
        new("backtracks", (r, _) => Int(r.Backtracks)),
        new("accepted_step_fraction", (r, _) => RoundTrip.Format(r.AcceptedStepFraction)),
        new("cg_residual", (r, _) => RoundTrip.Format(r.CgResidual)),
        new("curvature", (r, _) => RoundTrip.Format(r.Curvature)),
        new("value_loss", (r, _) => RoundTrip.Format(r.ValueLoss)),
        new("explained_variance", (r, _) => RoundTrip.Format(r.ExplainedVariance)),
        new("skip_reason", (r, _) => r.SkipReason ?? ""),
        new("wall_seconds", (_, wall) => RoundTrip.Format(wall)),
    ];

    /// <summary>Name of the one clock-dependent column (scrub it when comparing runs).</summary>
    public const string WallSecondsColumn = "wall_seconds";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
