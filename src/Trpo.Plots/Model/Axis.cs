namespace Trpo.Plots.Model;

/// <summary>
/// One axis: label, scale, optional fixed limits and, for a categorical axis, the category names.
/// Without limits the range is the data's (lines, bands, error bars and reference lines) plus a 4 % margin.
/// </summary>
public sealed record Axis
{
    /// <summary>The axis title, or null.</summary>
    public string? Label { get; init; }

    /// <summary>Linear or logarithmic.</summary>
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>Fixed lower limit (no margin on that side), or null for the data's.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed upper limit (no margin on that side), or null for the data's.</summary>
    public double? Max { get; init; }

    /// <summary>Ticks only at whole numbers (e.g. a count of backtracks).</summary>
    public bool IntegerTicks { get; init; }

    /// <summary>
    /// Category names for a categorical axis: the data's coordinate i is category i (0-based), ticks sit at
    /// 0, 1, ... and carry these names. Null for a numeric axis. Only the horizontal axis may be categorical.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }
}
