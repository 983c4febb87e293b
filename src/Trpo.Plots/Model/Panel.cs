namespace Trpo.Plots.Model;

/// <summary>
/// One set of axes: line series (each with an optional shaded band), points with error bars, horizontal
/// reference lines, a legend and notes. Values that cannot be drawn (NaN, ±∞, non-positive on a log axis)
/// leave gaps and are counted in a note under the panel; they never fail the rendering.
/// </summary>
public sealed record Panel
{
    /// <summary>Title above the axes, or null.</summary>
    public string? Title { get; init; }

    /// <summary>The horizontal axis.</summary>
    public Axis X { get; init; } = new();

    /// <summary>The vertical axis.</summary>
    public Axis Y { get; init; } = new();

    /// <summary>Line series, drawn in order (later on top).</summary>
    public IReadOnlyList<LineSeries> Lines { get; init; } = [];

    /// <summary>Points with vertical error bars, drawn above the lines.</summary>
    public IReadOnlyList<ErrorBarSeries> ErrorBars { get; init; } = [];

    /// <summary>Horizontal reference lines (a KL limit, a reward threshold, a published result).</summary>
    public IReadOnlyList<ReferenceLine> References { get; init; } = [];

    /// <summary>Where the legend goes. <see cref="LegendPosition.Auto"/> picks an empty corner, else outside.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Notes printed under the axes (the renderer adds its own about undrawable values).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
