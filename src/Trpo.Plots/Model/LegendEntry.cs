namespace Trpo.Plots.Model;

/// <summary>
/// One entry of a legend: a colour swatch and a label. The swatch is a line (with a shaded band behind it when
/// <paramref name="Band"/>), or a dot with an error bar when <paramref name="Marker"/>.
/// </summary>
/// <param name="Label">The text.</param>
/// <param name="Color">Palette index.</param>
/// <param name="Band">Whether the swatch shows a shaded band behind the line.</param>
/// <param name="Marker">Whether the swatch is a dot with an error bar instead of a line.</param>
public sealed record LegendEntry(string Label, int Color, bool Band = false, bool Marker = false);
