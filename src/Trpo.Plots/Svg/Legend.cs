using Trpo.Plots.Model;
using Trpo.Plots.Text;

namespace Trpo.Plots.Svg;

/// <summary>Measures and draws legends: a column of entries in a box (panels), or rows that wrap (figures).</summary>
internal static class Legend
{
    private const double Row = 16;
    private const double Swatch = 22;
    private const double MaxLabelWidth = 320;

    /// <summary>The labels as drawn (cut to a readable width).</summary>
    public static string Label(LegendEntry entry) => TextMetrics.Fit(entry.Label, MaxLabelWidth, Style.LegendFont);

    /// <summary>Size of a boxed column of <paramref name="entries"/>.</summary>
    public static (double Width, double Height) Measure(IReadOnlyList<LegendEntry> entries)
        => (8 + Swatch + 6 + entries.Max(e => TextMetrics.Width(Label(e), Style.LegendFont)) + 8, 4 + entries.Count * Row + 4);

    /// <summary>Draws a boxed column of entries with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void DrawBox(SvgWriter svg, IReadOnlyList<LegendEntry> entries, double x, double y)
    {
        var (width, height) = Measure(entries);
        svg.Rect(x, y, width, height, $"rx=\"3\" fill=\"white\" fill-opacity=\"0.92\" stroke=\"{Style.LegendBorder}\"");
        for (int i = 0; i < entries.Count; i++)
            Entry(svg, entries[i], x + 8, y + 4 + i * Row + Row / 2);
    }

    /// <summary>Rows of entries, each row's entries left to right, wrapped to <paramref name="maxWidth"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<(LegendEntry Entry, double Width)>> Flow(IReadOnlyList<LegendEntry> entries, double maxWidth)
    {
        var rows = new List<IReadOnlyList<(LegendEntry, double)>>();
        var row = new List<(LegendEntry, double)>();
        double used = 0;
        foreach (var entry in entries)
        {
            double width = Swatch + 6 + TextMetrics.Width(Label(entry), Style.LegendFont) + 18;
            if (row.Count > 0 && used + width > maxWidth)
            {
                rows.Add(row);
                row = [];
                used = 0;
            }
            row.Add((entry, width));
            used += width;
        }
        if (row.Count > 0) rows.Add(row);
        return rows;
    }

    /// <summary>Height of one flowed row.</summary>
    public const double FlowRow = 18;

    /// <summary>Draws flowed rows centred on <paramref name="centerX"/>, the first row's middle at <paramref name="top"/> + half a row.</summary>
    public static void DrawFlow(SvgWriter svg, IReadOnlyList<IReadOnlyList<(LegendEntry Entry, double Width)>> rows, double centerX, double top)
    {
        for (int r = 0; r < rows.Count; r++)
        {
            double x = centerX - rows[r].Sum(e => e.Width) / 2;
            foreach (var (entry, width) in rows[r])
            {
                Entry(svg, entry, x, top + r * FlowRow + FlowRow / 2);
                x += width;
            }
        }
    }

    private static void Entry(SvgWriter svg, LegendEntry entry, double x, double middle)
    {
        string color = Palette.Color(entry.Color);
        if (entry.Marker)
        {
            svg.Segment(x + Swatch / 2, middle - 5, x + Swatch / 2, middle + 5, $"stroke=\"{color}\" stroke-width=\"1.4\"");
            svg.Circle(x + Swatch / 2, middle, 3.5, $"fill=\"{color}\" stroke=\"white\" stroke-width=\"1\"");
        }
        else
        {
            if (entry.Band)
                svg.Rect(x, middle - 5, Swatch, 10, $"fill=\"{color}\" fill-opacity=\"{SvgWriter.Num(Style.BandOpacity)}\"");
            svg.Segment(x, middle, x + Swatch, middle, Painter.Stroke(entry.Color, Style.LineWidth + 0.4));
        }
        svg.Text(x + Swatch + 6, middle + 4, Label(entry), $"font-size=\"{SvgWriter.Num(Style.LegendFont)}\" fill=\"{Style.Text}\"");
    }
}
