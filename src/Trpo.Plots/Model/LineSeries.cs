namespace Trpo.Plots.Model;

/// <summary>
/// A line through (X[i], Y[i]) with an optional shaded band from <see cref="BandLower"/>[i] to
/// <see cref="BandUpper"/>[i] (e.g. mean ± std, or min–max), in one colour. A point whose X or Y is not
/// finite breaks the line (a gap); a finite point with gaps on both sides is drawn as a dot.
/// </summary>
/// <param name="Label">Name in the legend.</param>
/// <param name="X">Horizontal coordinates.</param>
/// <param name="Y">Vertical coordinates, as many as <paramref name="X"/>.</param>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Lower edge of the band (as many values as X), or null for no band.</summary>
    public IReadOnlyList<double>? BandLower { get; init; }

    /// <summary>Upper edge of the band (as many values as X), or null for no band.</summary>
    public IReadOnlyList<double>? BandUpper { get; init; }

    /// <summary>Palette index (<see cref="Palette"/>); null for the series' position among the panel's series.</summary>
    public int? Color { get; init; }

    /// <summary>Whether the series appears in the panel's legend.</summary>
    public bool InLegend { get; init; } = true;

    /// <summary>Whether every point also gets a dot.</summary>
    public bool Markers { get; init; }
}
