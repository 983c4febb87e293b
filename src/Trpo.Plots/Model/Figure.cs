namespace Trpo.Plots.Model;

/// <summary>
/// A whole figure: one or more <see cref="Panel"/>s laid out in a grid of <see cref="Columns"/> columns
/// (small multiples, filled row by row), an optional title, an optional legend shared by all panels and
/// footnotes. Sizes are in CSS pixels.
/// </summary>
public sealed record Figure
{
    /// <summary>Title above the grid, or null.</summary>
    public string? Title { get; init; }

    /// <summary>A line under the title in smaller type (e.g. the configuration), or null.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The panels, in reading order.</summary>
    public required IReadOnlyList<Panel> Panels { get; init; }

    /// <summary>Panels per row (at least 1).</summary>
    public int Columns { get; init; } = 1;

    /// <summary>Width of one panel.</summary>
    public double PanelWidth { get; init; } = 640;

    /// <summary>Height of one panel.</summary>
    public double PanelHeight { get; init; } = 400;

    /// <summary>A legend for all panels at once, drawn below the grid (give the panels <see cref="LegendPosition.None"/>).</summary>
    public IReadOnlyList<LegendEntry> SharedLegend { get; init; } = [];

    /// <summary>Footnotes below everything else, one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
