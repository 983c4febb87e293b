namespace Trpo.Plots.Model;

/// <summary>
/// Points (X[i], Y[i]) with a vertical bar from Lower[i] to Upper[i] (e.g. mean ± std over seeds, or a
/// confidence interval), for sweep plots. Several series on one panel are spread a few pixels apart
/// horizontally so that bars at the same X stay readable.
/// </summary>
/// <param name="Label">Name in the legend.</param>
/// <param name="X">Horizontal coordinates (category indexes on a categorical axis).</param>
/// <param name="Y">The point values.</param>
/// <param name="Lower">Lower ends of the bars (NaN: no bar).</param>
/// <param name="Upper">Upper ends of the bars (NaN: no bar).</param>
public sealed record ErrorBarSeries(
    string Label,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double> Lower,
    IReadOnlyList<double> Upper)
{
    /// <summary>Palette index; null for the series' position after the panel's line series.</summary>
    public int? Color { get; init; }

    /// <summary>Whether consecutive points are joined by a thin line.</summary>
    public bool Connect { get; init; }

    /// <summary>Whether the series appears in the panel's legend.</summary>
    public bool InLegend { get; init; } = true;
}
