using Trpo.Plots.Model;
using Trpo.Plots.Scales;
using Trpo.Plots.Text;

namespace Trpo.Plots.Svg;

/// <summary>
/// A panel's shapes in pixels, computed once from its data and layout and used twice: to find a free corner for
/// the legend and to draw. Lines break at undrawable points; bands are polygons over runs of drawable edges.
/// </summary>
internal sealed class PanelGeometry
{
    /// <summary>A line series: polyline runs, lone points, band polygons and one-point band columns.</summary>
    public sealed record LineShape(int Color, bool Markers, List<List<(double X, double Y)>> Runs, List<(double X, double Y)> Dots,
        List<List<(double X, double Y)>> Bands, List<(double X, double Top, double Bottom)> BandColumns);

    /// <summary>One point of an error-bar series: the dot and, when known, the bar's ends.</summary>
    public sealed record BarPoint(double X, double Y, double? Top, double? Bottom);

    /// <summary>An error-bar series.</summary>
    public sealed record BarShape(int Color, bool Connect, List<BarPoint> Points);

    /// <summary>A reference line and where its label goes.</summary>
    public sealed record ReferenceShape(double Y, string Label, double LabelX, double LabelY, bool AnchorEnd, PlotArea LabelBox);

    public List<LineShape> Lines { get; } = [];
    public List<BarShape> Bars { get; } = [];
    public List<ReferenceShape> References { get; } = [];

    public static PanelGeometry Build(PanelData data, PanelLayout layout)
    {
        var geometry = new PanelGeometry();
        var xScale = data.XScale;
        var yScale = data.Panel.Y.Scale;
        var area = layout.Area;
        double Px(double x) => layout.X.Pixel(x);
        double Py(double y) => layout.Y.Pixel(y);
        bool Drawable(double x, double y) => AxisRange.Drawable(x, xScale) && AxisRange.Drawable(y, yScale);

        foreach (var (series, color) in data.Lines)
        {
            var runs = new List<List<(double, double)>>();
            var dots = new List<(double, double)>();
            var current = new List<(double, double)>();
            void EndRun()
            {
                if (current.Count == 1) dots.Add(current[0]);
                else if (current.Count > 1) runs.Add(current);
                current = [];
            }
            for (int i = 0; i < series.X.Count; i++)
            {
                if (Drawable(series.X[i], series.Y[i])) current.Add((Px(series.X[i]), Py(series.Y[i])));
                else EndRun();
            }
            EndRun();

            var bands = new List<List<(double, double)>>();
            var columns = new List<(double, double, double)>();
            if (series.BandLower is { } lower && series.BandUpper is { } upper)
            {
                var edge = new List<(double X, double Top, double Bottom)>();
                void EndBand()
                {
                    if (edge.Count == 1) columns.Add(edge[0]);
                    else if (edge.Count > 1)
                        bands.Add([.. edge.Select(e => (e.X, e.Top)), .. Enumerable.Reverse(edge).Select(e => (e.X, e.Bottom))]);
                    edge = [];
                }
                for (int i = 0; i < series.X.Count; i++)
                {
                    double x = series.X[i], lo = lower[i], hi = upper[i];
                    bool clampLow = yScale == AxisScale.Log && AxisRange.Drawable(lo, AxisScale.Linear) && lo <= 0;
                    if (AxisRange.Drawable(x, xScale) && AxisRange.Drawable(hi, yScale) && (AxisRange.Drawable(lo, yScale) || clampLow))
                        edge.Add((Px(x), Py(hi), clampLow ? area.Bottom : Py(lo)));
                    else EndBand();
                }
                EndBand();
            }
            geometry.Lines.Add(new LineShape(color, series.Markers, runs, dots, bands, columns));
        }

        for (int b = 0; b < data.Bars.Count; b++)
        {
            var (series, color) = data.Bars[b];
            double dodge = (b - (data.Bars.Count - 1) / 2.0) * 7;
            var points = new List<BarPoint>();
            for (int i = 0; i < series.X.Count; i++)
            {
                if (!Drawable(series.X[i], series.Y[i])) continue;
                double? top = AxisRange.Drawable(series.Upper[i], yScale) ? Py(series.Upper[i]) : null;
                double? bottom = AxisRange.Drawable(series.Lower[i], yScale) ? Py(series.Lower[i])
                    : yScale == AxisScale.Log && AxisRange.Drawable(series.Lower[i], AxisScale.Linear) ? area.Bottom : null;
                points.Add(new BarPoint(Px(series.X[i]) + dodge, Py(series.Y[i]), top, bottom));
            }
            geometry.Bars.Add(new BarShape(color, series.Connect, points));
        }

        var boxes = new List<PlotArea>();
        foreach (var reference in data.Panel.References)
        {
            if (!AxisRange.Drawable(reference.Y, yScale) || !layout.Y.Contains(reference.Y)) continue;
            double y = Py(reference.Y);
            string label = TextMetrics.Fit(reference.Label, area.Width * 0.6, Style.ReferenceFont);
            double width = TextMetrics.Width(label, Style.ReferenceFont);
            double baseline = y - 4 - Style.ReferenceFont < area.Top ? y + Style.ReferenceFont + 3 : y - 4;
            var box = new PlotArea(area.Right - 4 - width, baseline - Style.ReferenceFont, area.Right - 4, baseline + 3);
            bool anchorEnd = true;
            if (boxes.Any(box.Overlaps))
            {
                box = new PlotArea(area.Left + 4, box.Top, area.Left + 4 + width, box.Bottom);
                anchorEnd = false;
            }
            boxes.Add(box);
            geometry.References.Add(new ReferenceShape(y, label, anchorEnd ? area.Right - 4 : area.Left + 4, baseline, anchorEnd, box));
        }
        return geometry;
    }

    /// <summary>Whether <paramref name="box"/> would cover any drawn data, reference line or reference label.</summary>
    public bool Covers(PlotArea box, PlotArea area)
    {
        foreach (var line in Lines)
        {
            foreach (var run in line.Runs)
                for (int i = 0; i + 1 < run.Count; i++)
                    if (SegmentHits(box, run[i], run[i + 1])) return true;
            if (line.Dots.Any(d => box.Contains(d.X, d.Y))) return true;
            foreach (var band in line.Bands)
            {
                int half = band.Count / 2;
                for (int i = 0; i + 1 < half; i++)
                {
                    var (x0, top0) = band[i];
                    var (x1, top1) = band[i + 1];
                    double bottom0 = band[band.Count - 1 - i].Y, bottom1 = band[band.Count - 2 - i].Y;
                    int steps = Math.Max(1, (int)Math.Ceiling(Math.Abs(x1 - x0) / 3));
                    for (int s = 0; s <= steps; s++)
                    {
                        double t = (double)s / steps;
                        double x = x0 + t * (x1 - x0);
                        double top = top0 + t * (top1 - top0), bottom = bottom0 + t * (bottom1 - bottom0);
                        if (x >= box.Left && x <= box.Right && Math.Min(top, bottom) <= box.Bottom && Math.Max(top, bottom) >= box.Top) return true;
                    }
                }
            }
            if (line.BandColumns.Any(c => c.X >= box.Left && c.X <= box.Right && c.Top <= box.Bottom && c.Bottom >= box.Top)) return true;
        }
        foreach (var bar in Bars)
            foreach (var p in bar.Points)
            {
                if (box.Contains(p.X, p.Y)) return true;
                double top = p.Top ?? p.Y, bottom = p.Bottom ?? p.Y;
                if (p.X >= box.Left - 4 && p.X <= box.Right + 4 && Math.Min(top, bottom) <= box.Bottom && Math.Max(top, bottom) >= box.Top) return true;
            }
        foreach (var reference in References)
        {
            if (reference.Y >= box.Top - 2 && reference.Y <= box.Bottom + 2 && box.Right >= area.Left && box.Left <= area.Right) return true;
            if (reference.LabelBox.Overlaps(box)) return true;
        }
        return false;
    }

    private static bool SegmentHits(PlotArea box, (double X, double Y) a, (double X, double Y) b)
    {
        double length = Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y));
        int steps = Math.Max(1, (int)Math.Ceiling(length / 3));
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            if (box.Contains(a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y))) return true;
        }
        return false;
    }
}
