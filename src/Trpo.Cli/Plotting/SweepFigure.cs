using System.Globalization;
using Trpo.Plots.Model;

namespace Trpo.Cli.Plotting;

/// <summary>How the swept values are spaced on the horizontal axis.</summary>
public enum SweepScale
{
    /// <summary>Evenly, one slot per distinct value, in the order given (e.g. λ ∈ {0, 0.5, 0.9, 0.97, 1}).</summary>
    Categorical,
    /// <summary>At their numeric value.</summary>
    Linear,
    /// <summary>At their numeric value on a log axis (e.g. δ ∈ {0.005, 0.01, 0.02}).</summary>
    Log,
}

/// <summary>One point of a sweep: a value of the swept hyperparameter and the result with its error bar.</summary>
/// <param name="Value">The hyperparameter's value as text (the category name; parsed as a number for numeric scales).</param>
/// <param name="Mean">The point, e.g. the mean final return over seeds.</param>
/// <param name="Lower">Lower end of the error bar (NaN for none).</param>
/// <param name="Upper">Upper end of the error bar (NaN for none).</param>
/// <param name="Seeds">How many seeds the point summarises.</param>
public sealed record SweepPoint(string Value, double Mean, double Lower, double Upper, int Seeds)
{
    /// <summary>The mean of the finite <paramref name="results"/> with a bar of ± sample std (or standard error); NaN bars below two seeds.</summary>
    public static SweepPoint FromResults(string value, IReadOnlyList<double> results, BandKind band = BandKind.Std)
    {
        var finite = results.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return new SweepPoint(value, double.NaN, double.NaN, double.NaN, 0);
        double sum = 0;
        foreach (var r in finite) sum += r;
        double mean = sum / finite.Count, squares = 0;
        foreach (var r in finite) squares += (r - mean) * (r - mean);
        double std = finite.Count >= 2 ? Math.Sqrt(squares / (finite.Count - 1)) : double.NaN;
        double width = band == BandKind.Std ? std : std / Math.Sqrt(finite.Count);
        return new SweepPoint(value, mean, mean - width, mean + width, finite.Count);
    }
}

/// <summary>The points of one series of a sweep (e.g. one environment).</summary>
/// <param name="Label">Legend label.</param>
/// <param name="Points">The points, one per swept value.</param>
public sealed record SweepSeries(string Label, IReadOnlyList<SweepPoint> Points);

/// <summary>
/// A sweep plot: a result (e.g. final return) against the values of one swept hyperparameter, as points with
/// error bars, one series per environment or other grouping. Categorical spacing keeps values such as
/// λ = 0.97 and 0.99 apart; a log axis suits multiplicative sweeps such as δ.
/// </summary>
public static class SweepFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="parameter">The swept hyperparameter, e.g. <c>lam</c> (the x-axis label).</param>
    /// <param name="series">The series.</param>
    /// <param name="scale">How values are spaced.</param>
    /// <param name="yLabel">The y-axis label.</param>
    /// <param name="title">The title, or null for "<paramref name="yLabel"/> against <paramref name="parameter"/>".</param>
    /// <param name="references">Horizontal lines (a threshold, a published result).</param>
    /// <param name="notes">Notes under the plot, e.g. what the error bars show.</param>
    public static Figure Build(string parameter, IReadOnlyList<SweepSeries> series, SweepScale scale, string yLabel = "final return",
        string? title = null, IReadOnlyList<ReferenceLine>? references = null, IReadOnlyList<string>? notes = null)
    {
        var categories = series.SelectMany(s => s.Points.Select(p => p.Value)).Distinct(StringComparer.Ordinal).ToList();
        double X(SweepPoint p) => scale == SweepScale.Categorical
            ? categories.IndexOf(p.Value)
            : double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

        var bars = series.Select((s, i) => new ErrorBarSeries(s.Label,
            s.Points.Select(X).ToArray(), s.Points.Select(p => p.Mean).ToArray(),
            s.Points.Select(p => p.Lower).ToArray(), s.Points.Select(p => p.Upper).ToArray())
        {
            Color = i,
            Connect = scale != SweepScale.Categorical,
        }).ToList();

        return new Figure
        {
            Title = title ?? $"{yLabel} against {parameter}",
            PanelWidth = 600,
            PanelHeight = 380,
            Panels =
            [
                new Panel
                {
                    X = new Axis
                    {
                        Label = parameter,
                        Scale = scale == SweepScale.Log ? AxisScale.Log : AxisScale.Linear,
                        Categories = scale == SweepScale.Categorical ? categories : null,
                    },
                    Y = new Axis { Label = yLabel },
                    ErrorBars = bars,
                    References = references ?? [],
                },
            ],
            Notes = notes ?? [],
        };
    }
}
