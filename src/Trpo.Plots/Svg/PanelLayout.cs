using Trpo.Plots.Model;
using Trpo.Plots.Scales;
using Trpo.Plots.Text;

namespace Trpo.Plots.Svg;

/// <summary>
/// Where everything of one panel goes: margins sized to the tick labels, axis labels, notes and an outside legend;
/// tick sets thinned until neighbouring labels keep a gap; categorical labels slanted when they do not fit.
/// </summary>
internal sealed class PanelLayout
{
    private const double MinLabelGap = 8;
    // sin and cos of the 35° slant of crowded category labels
    private const double SlantSin = 0.5735764363510461, SlantCos = 0.8191520442889918;

    private PanelLayout() { }

    public required PlotArea Area { get; init; }
    public required AxisMap X { get; init; }
    public required AxisMap Y { get; init; }
    public required IReadOnlyList<Tick> XTicks { get; init; }
    public required IReadOnlyList<Tick> YTicks { get; init; }
    public required bool SlantXLabels { get; init; }
    /// <summary>Baseline of the x-axis title.</summary>
    public required double XLabelBaseline { get; init; }
    /// <summary>Top of the first note line.</summary>
    public required double NotesTop { get; init; }
    /// <summary>Top of a legend placed below the axes.</summary>
    public required double BelowLegendTop { get; init; }

    /// <summary>Lays out a panel of <paramref name="width"/> × <paramref name="height"/> px with space reserved for an outside legend.</summary>
    public static PanelLayout Compute(PanelData data, double width, double height, double reserveRight, double reserveBelow)
    {
        var panel = data.Panel;
        double top = Style.Pad + (panel.Title is null ? 6 : 20);
        bool slant = false;
        while (true)
        {
            double xTickHeight = Style.TickFont + 3;
            if (slant)
            {
                double widest = CategoryLabels(panel.X).Max(l => TextMetrics.Width(l, Style.TickFont));
                xTickHeight = widest * SlantSin + Style.TickFont * SlantCos + 3;
            }
            double xLabelSpace = panel.X.Label is null ? 0 : Style.AxisLabelFont + 6;
            double notes = data.Notes.Count * Style.NoteLine;
            double bottomMargin = Style.TickLength + 3 + xTickHeight + xLabelSpace + notes + reserveBelow + Style.Pad;
            double bottom = Math.Max(top + 20, height - bottomMargin);

            var y = new AxisMap(data.YRange.Lo, data.YRange.Hi, panel.Y.Scale, bottom, top);
            var yTicks = VerticalTicks(panel.Y, y);
            double yTickWidth = yTicks.Where(t => t.Major).Select(t => TextMetrics.Width(t.Label, Style.TickFont)).DefaultIfEmpty(0).Max();
            double left = Style.Pad + (panel.Y.Label is null ? 0 : Style.AxisLabelFont + 6) + yTickWidth + 3 + Style.TickLength;
            double right = Math.Max(left + 20, width - Style.Pad - 10 - reserveRight);

            var x = new AxisMap(data.XRange.Lo, data.XRange.Hi, data.XScale, left, right);
            var (xTicks, fits) = HorizontalTicks(panel.X, x);
            if (!fits && !slant)
            {
                slant = true;
                continue;
            }

            double tickLabelsBottom = bottom + Style.TickLength + 3 + xTickHeight;
            return new PanelLayout
            {
                Area = new PlotArea(left, top, right, bottom),
                X = x,
                Y = y,
                XTicks = xTicks,
                YTicks = yTicks,
                SlantXLabels = slant,
                XLabelBaseline = tickLabelsBottom + Style.AxisLabelFont + 1,
                NotesTop = tickLabelsBottom + xLabelSpace + 2,
                BelowLegendTop = tickLabelsBottom + xLabelSpace + notes + 4,
            };
        }
    }

    /// <summary>The labels of a categorical axis, cut to a readable length.</summary>
    public static IReadOnlyList<string> CategoryLabels(Axis axis)
        => (axis.Categories ?? []).Select(c => TextMetrics.Fit(c, 150, Style.TickFont)).DefaultIfEmpty("").ToList();

    private static IReadOnlyList<Tick> VerticalTicks(Axis axis, AxisMap map)
    {
        double length = Math.Abs(map.From - map.To);
        for (int wanted = Math.Clamp((int)(length / 38), 2, 10); ; wanted--)
        {
            var ticks = Numeric(axis, map, wanted);
            var pixels = ticks.Where(t => t.Major).Select(t => map.Pixel(t.Value)).Order().ToList();
            bool apart = pixels.Zip(pixels.Skip(1), (a, b) => b - a).All(gap => gap >= Style.TickFont + 3);
            if (apart || wanted <= 1) return ticks;
        }
    }

    private static (IReadOnlyList<Tick> Ticks, bool Fit) HorizontalTicks(Axis axis, AxisMap map)
    {
        if (axis.Categories is { } categories)
        {
            var labels = CategoryLabels(axis);
            double spacing = categories.Count == 0 ? double.PositiveInfinity : Math.Abs(map.Pixel(1) - map.Pixel(0));
            var ticks = categories.Select((_, i) => new Tick(i, labels[i])).ToList();
            return (ticks, labels.All(l => TextMetrics.Width(l, Style.TickFont) + MinLabelGap <= spacing));
        }
        double length = Math.Abs(map.To - map.From);
        for (int wanted = Math.Clamp((int)(length / 70), 2, 12); ; wanted--)
        {
            var ticks = Numeric(axis, map, wanted);
            if (wanted <= 1 || LabelsApart(ticks, map)) return (ticks, true);
        }
    }

    private static bool LabelsApart(IReadOnlyList<Tick> ticks, AxisMap map)
    {
        var extents = ticks.Where(t => t.Major)
            .Select(t => (Center: map.Pixel(t.Value), Half: TextMetrics.Width(t.Label, Style.TickFont) / 2))
            .OrderBy(e => e.Center).ToList();
        return extents.Zip(extents.Skip(1), (a, b) => b.Center - b.Half - (a.Center + a.Half)).All(gap => gap >= MinLabelGap);
    }

    private static IReadOnlyList<Tick> Numeric(Axis axis, AxisMap map, int wanted)
        => axis.Scale == AxisScale.Log
            ? LogTicks.Compute(map.Lo, map.Hi, wanted)
            : LinearTicks.Compute(map.Lo, map.Hi, wanted, axis.IntegerTicks);
}
