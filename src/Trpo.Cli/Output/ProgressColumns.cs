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
        new("return_mean", (r, _) => Real(r.ReturnMean)),
        new("return_std", (r, _) => Real(r.ReturnStd)),
        new("return_min", (r, _) => Real(r.ReturnMin)),
        new("return_max", (r, _) => Real(r.ReturnMax)),
        new("length_mean", (r, _) => Real(r.LengthMean)),
        new("kl", (r, _) => Real(r.Kl)),
        new("entropy", (r, _) => Real(r.Entropy)),
        new("surrogate_improvement", (r, _) => Real(r.SurrogateImprovement)),
        new("backtracks", (r, _) => Int(r.Backtracks)),
        new("accepted_step_fraction", (r, _) => Real(r.AcceptedStepFraction)),
        new("cg_residual", (r, _) => Real(r.CgResidual)),
        new("curvature", (r, _) => Real(r.Curvature)),
        new("value_loss", (r, _) => Real(r.ValueLoss)),
        new("explained_variance", (r, _) => Real(r.ExplainedVariance)),
        new("skip_reason", (r, _) => r.SkipReason ?? ""),
        new("wall_seconds", (_, wall) => Real(wall)),
    ];

    /// <summary>Name of the one clock-dependent column (scrub it when comparing runs).</summary>
    public const string WallSecondsColumn = "wall_seconds";

    /// <summary>Shortest round-trip invariant text of a double (<c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> as such).</summary>
    public static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
