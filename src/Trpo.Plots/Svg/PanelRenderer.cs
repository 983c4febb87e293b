using Trpo.Plots.Model;
using Trpo.Plots.Text;

namespace Trpo.Plots.Svg;

/// <summary>
/// Renders one panel into a group translated to its place in the figure: grid, frame, clipped data, ticks and
/// labels, titles, reference labels, legend and notes. The legend goes where <see cref="Panel.Legend"/> says;
/// <see cref="LegendPosition.Auto"/> tries the four inside corners (top right, top left, bottom right, bottom
/// left) and takes the first that covers no data, reference line or label, else moves outside: to the right
/// when the legend is narrow (≤ 30 % of the panel), below otherwise.
/// </summary>
internal static class PanelRenderer
{
    private const double Inset = 6;

    public static void Render(SvgWriter svg, Panel panel, int index, double left, double top, double width, double height)
    {
        var data = new PanelData(panel);
        var entries = data.Legend;
        var position = entries.Count == 0 ? LegendPosition.None : panel.Legend;
        var size = entries.Count == 0 ? (Width: 0.0, Height: 0.0) : Legend.Measure(entries);

        var layout = PanelLayout.Compute(data, width, height, 0, 0);
        var geometry = PanelGeometry.Build(data, layout);
        (double X, double Y)? legendAt = null;
        if (position == LegendPosition.Auto)
        {
            foreach (var corner in (LegendPosition[])[LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft])
            {
                var at = Corner(layout.Area, size, corner);
                if (!geometry.Covers(new PlotArea(at.X, at.Y, at.X + size.Width, at.Y + size.Height), layout.Area))
                {
                    legendAt = at;
                    break;
                }
            }
            if (legendAt is null) position = size.Width <= 0.3 * width ? LegendPosition.Right : LegendPosition.Below;
        }
        else if (position is LegendPosition.TopLeft or LegendPosition.TopRight or LegendPosition.BottomLeft or LegendPosition.BottomRight)
        {
            legendAt = Corner(layout.Area, size, position);
        }

        if (position is LegendPosition.Right or LegendPosition.Below)
        {
            layout = position == LegendPosition.Right
                ? PanelLayout.Compute(data, width, height, size.Width + 10, 0)
                : PanelLayout.Compute(data, width, height, 0, size.Height + 6);
            geometry = PanelGeometry.Build(data, layout);
            legendAt = position == LegendPosition.Right
                ? (width - Style.Pad - size.Width, layout.Area.Top)
                : ((layout.Area.Left + layout.Area.Right - size.Width) / 2, layout.BelowLegendTop);
        }

        var area = layout.Area;
        svg.Open($"<g transform=\"translate({SvgWriter.Num(left)},{SvgWriter.Num(top)})\">");
        string clip = $"clip{index}";
        svg.Open("<defs>");
        svg.Open($"<clipPath id=\"{clip}\">");
        svg.Rect(area.Left - 2, area.Top - 2, area.Width + 4, area.Height + 4, "");
        svg.Close("</clipPath>");
        svg.Close("</defs>");

        Grid(svg, layout);
        svg.Rect(area.Left, area.Top, area.Width, area.Height, $"fill=\"none\" stroke=\"{Style.Frame}\"");
        svg.Open($"<g clip-path=\"url(#{clip})\">");
        Painter.Data(svg, geometry, area);
        svg.Close("</g>");
        Axes(svg, panel, layout, width);
        Painter.ReferenceLabels(svg, geometry);

        if (data.DrawablePoints == 0 && geometry.References.Count == 0)
            svg.Text((area.Left + area.Right) / 2, (area.Top + area.Bottom) / 2 + 4, "no data",
                $"font-size=\"{SvgWriter.Num(Style.AxisLabelFont)}\" fill=\"{Style.Muted}\" text-anchor=\"middle\"");
        if (legendAt is { } place && position != LegendPosition.None)
            Legend.DrawBox(svg, entries, place.X, place.Y);
        for (int i = 0; i < data.Notes.Count; i++)
            svg.Text(Style.Pad, layout.NotesTop + (i + 1) * Style.NoteLine - 3, TextMetrics.Fit(data.Notes[i], width - 2 * Style.Pad, Style.NoteFont),
                $"font-size=\"{SvgWriter.Num(Style.NoteFont)}\" fill=\"{Style.Muted}\" font-style=\"italic\"");
        svg.Close("</g>");
    }

    private static (double X, double Y) Corner(PlotArea area, (double Width, double Height) size, LegendPosition corner) => corner switch
    {
        LegendPosition.TopLeft => (area.Left + Inset, area.Top + Inset),
        LegendPosition.TopRight => (area.Right - Inset - size.Width, area.Top + Inset),
        LegendPosition.BottomLeft => (area.Left + Inset, area.Bottom - Inset - size.Height),
        _ => (area.Right - Inset - size.Width, area.Bottom - Inset - size.Height),
    };

    private static void Grid(SvgWriter svg, PanelLayout layout)
    {
        var area = layout.Area;
        foreach (var tick in layout.YTicks)
        {
            double y = layout.Y.Pixel(tick.Value);
            svg.Segment(area.Left, y, area.Right, y, $"stroke=\"{(tick.Major ? Style.Grid : Style.MinorGrid)}\"");
        }
        foreach (var tick in layout.XTicks)
        {
            double x = layout.X.Pixel(tick.Value);
            svg.Segment(x, area.Top, x, area.Bottom, $"stroke=\"{(tick.Major ? Style.Grid : Style.MinorGrid)}\"");
        }
    }

    private static void Axes(SvgWriter svg, Panel panel, PanelLayout layout, double width)
    {
        var area = layout.Area;
        string tickStroke = $"stroke=\"{Style.Frame}\"";
        string tickText = $"font-size=\"{SvgWriter.Num(Style.TickFont)}\" fill=\"{Style.Text}\"";
        foreach (var tick in layout.XTicks)
        {
            double x = layout.X.Pixel(tick.Value);
            double length = tick.Major ? Style.TickLength : Style.TickLength / 2;
            svg.Segment(x, area.Bottom, x, area.Bottom + length, tickStroke);
            if (!tick.Major) continue;
            double baseline = area.Bottom + Style.TickLength + 3 + Style.TickFont;
            if (layout.SlantXLabels)
                svg.Text(x + 3, baseline - 2, tick.Label, $"{tickText} text-anchor=\"end\" transform=\"rotate(-35 {SvgWriter.Num(x + 3)} {SvgWriter.Num(baseline - 2)})\"");
            else
                svg.Text(x, baseline, tick.Label, $"{tickText} text-anchor=\"middle\"");
        }
        foreach (var tick in layout.YTicks)
        {
            double y = layout.Y.Pixel(tick.Value);
            double length = tick.Major ? Style.TickLength : Style.TickLength / 2;
            svg.Segment(area.Left - length, y, area.Left, y, tickStroke);
            if (tick.Major)
                svg.Text(area.Left - Style.TickLength - 3, y + 4, tick.Label, $"{tickText} text-anchor=\"end\"");
        }

        string labelText = $"font-size=\"{SvgWriter.Num(Style.AxisLabelFont)}\" fill=\"{Style.Text}\" text-anchor=\"middle\"";
        if (panel.X.Label is { } xLabel)
            svg.Text((area.Left + area.Right) / 2, layout.XLabelBaseline, TextMetrics.Fit(xLabel, width - 2 * Style.Pad, Style.AxisLabelFont), labelText);
        if (panel.Y.Label is { } yLabel)
        {
            double x = Style.Pad + Style.AxisLabelFont - 2, y = (area.Top + area.Bottom) / 2;
            svg.Text(x, y, TextMetrics.Fit(yLabel, area.Height + 20, Style.AxisLabelFont),
                $"{labelText} transform=\"rotate(-90 {SvgWriter.Num(x)} {SvgWriter.Num(y)})\"");
        }
        if (panel.Title is { } title)
            svg.Text((area.Left + area.Right) / 2, Style.Pad + Style.PanelTitleFont - 1, TextMetrics.Fit(title, width - 2 * Style.Pad, Style.PanelTitleFont),
                $"font-size=\"{SvgWriter.Num(Style.PanelTitleFont)}\" font-weight=\"bold\" fill=\"{Style.Text}\" text-anchor=\"middle\"");
    }
}
