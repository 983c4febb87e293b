using Trpo.Plots.Model;

namespace Trpo.Plots.Svg;

/// <summary>Draws a panel's geometry: bands, reference lines, lines, markers and error bars.</summary>
internal static class Painter
{
    /// <summary>Stroke attributes of series colour <paramref name="color"/>: palette colour, width, dash pattern after the eighth colour.</summary>
    public static string Stroke(int color, double width)
    {
        string dash = Palette.Dash(color) is { } pattern ? $" stroke-dasharray=\"{pattern}\"" : "";
        return $"fill=\"none\" stroke=\"{Palette.Color(color)}\" stroke-width=\"{SvgWriter.Num(width)}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash}";
    }

    public static void Data(SvgWriter svg, PanelGeometry geometry, PlotArea area)
    {
        foreach (var line in geometry.Lines)
        {
            string color = Palette.Color(line.Color);
            foreach (var band in line.Bands)
                svg.Poly("polygon", band, $"fill=\"{color}\" fill-opacity=\"{SvgWriter.Num(Style.BandOpacity)}\" stroke=\"none\"");
            foreach (var (x, top, bottom) in line.BandColumns)
                svg.Segment(x, top, x, bottom, $"stroke=\"{color}\" stroke-opacity=\"0.35\" stroke-width=\"4\"");
        }
        foreach (var reference in geometry.References)
            svg.Segment(area.Left, reference.Y, area.Right, reference.Y, $"stroke=\"{Palette.ReferenceGrey}\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"");
        foreach (var line in geometry.Lines)
        {
            string color = Palette.Color(line.Color);
            foreach (var run in line.Runs)
                svg.Poly("polyline", run, Stroke(line.Color, Style.LineWidth));
            foreach (var (x, y) in line.Dots)
                svg.Circle(x, y, 2.6, $"fill=\"{color}\"");
            if (line.Markers)
                foreach (var (x, y) in line.Runs.SelectMany(r => r))
                    svg.Circle(x, y, 2.6, $"fill=\"{color}\"");
        }
        foreach (var bar in geometry.Bars)
        {
            string color = Palette.Color(bar.Color);
            if (bar.Connect && bar.Points.Count > 1)
                svg.Poly("polyline", bar.Points.Select(p => (p.X, p.Y)), Stroke(bar.Color, 1.2));
            foreach (var p in bar.Points)
            {
                if (p.Top is { } top && p.Bottom is { } bottom)
                {
                    svg.Segment(p.X, top, p.X, bottom, $"stroke=\"{color}\" stroke-width=\"1.4\"");
                    svg.Segment(p.X - 4, top, p.X + 4, top, $"stroke=\"{color}\" stroke-width=\"1.4\"");
                    svg.Segment(p.X - 4, bottom, p.X + 4, bottom, $"stroke=\"{color}\" stroke-width=\"1.4\"");
                }
                svg.Circle(p.X, p.Y, 3.6, $"fill=\"{color}\" stroke=\"white\" stroke-width=\"1\"");
            }
        }
    }

    public static void ReferenceLabels(SvgWriter svg, PanelGeometry geometry)
    {
        foreach (var reference in geometry.References)
            svg.Text(reference.LabelX, reference.LabelY, reference.Label,
                $"font-size=\"{SvgWriter.Num(Style.ReferenceFont)}\" fill=\"{Palette.ReferenceGrey}\" text-anchor=\"{(reference.AnchorEnd ? "end" : "start")}\" " +
                "stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    }
}
