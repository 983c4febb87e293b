using Trpo.Plots.Model;
using Trpo.Plots.Scales;

namespace Trpo.Plots.Svg;

/// <summary>
/// A panel's data checked and summarised before layout: series with their colours, the axis ranges over every
/// drawable value, the legend entries, and notes about what cannot be drawn.
/// </summary>
internal sealed class PanelData
{
    public PanelData(Panel panel)
    {
        Panel = panel;
        Lines = panel.Lines.Select((s, i) => (s, s.Color ?? i)).ToList();
        Bars = panel.ErrorBars.Select((s, i) => (s, s.Color ?? panel.Lines.Count + i)).ToList();
        if (panel.Y.Categories is not null)
            throw new ArgumentException("only the horizontal axis can be categorical");

        var xs = new List<double>();
        var ys = new List<double>();
        int notFinite = 0, notPositive = 0, clamped = 0;
        var xScale = panel.X.Categories is null ? panel.X.Scale : AxisScale.Linear;
        var yScale = panel.Y.Scale;

        void Point(double x, double y)
        {
            if (!AxisRange.Drawable(x, AxisScale.Linear) || !AxisRange.Drawable(y, AxisScale.Linear)) notFinite++;
            else if (!AxisRange.Drawable(x, xScale) || !AxisRange.Drawable(y, yScale)) notPositive++;
            else
            {
                xs.Add(x);
                ys.Add(y);
                DrawablePoints++;
            }
        }

        void Edges(double x, double lower, double upper)
        {
            if (!AxisRange.Drawable(x, xScale)) return;
            if (AxisRange.Drawable(upper, yScale)) ys.Add(upper);
            if (AxisRange.Drawable(lower, yScale)) ys.Add(lower);
            else if (yScale == AxisScale.Log && AxisRange.Drawable(lower, AxisScale.Linear) && AxisRange.Drawable(upper, yScale)) clamped++;
        }

        foreach (var (series, _) in Lines)
        {
            Require(series.Y.Count == series.X.Count, series.Label, "Y");
            Require((series.BandLower is null) == (series.BandUpper is null), series.Label, "BandLower and BandUpper");
            if (series.BandLower is { } lower && series.BandUpper is { } upper)
            {
                Require(lower.Count == series.X.Count, series.Label, "BandLower");
                Require(upper.Count == series.X.Count, series.Label, "BandUpper");
                for (int i = 0; i < series.X.Count; i++) Edges(series.X[i], lower[i], upper[i]);
            }
            for (int i = 0; i < series.X.Count; i++) Point(series.X[i], series.Y[i]);
        }
        foreach (var (series, _) in Bars)
        {
            Require(series.Y.Count == series.X.Count, series.Label, "Y");
            Require(series.Lower.Count == series.X.Count, series.Label, "Lower");
            Require(series.Upper.Count == series.X.Count, series.Label, "Upper");
            for (int i = 0; i < series.X.Count; i++)
            {
                Point(series.X[i], series.Y[i]);
                Edges(series.X[i], series.Lower[i], series.Upper[i]);
            }
        }
        foreach (var reference in panel.References)
            if (reference.IncludeInRange && AxisRange.Drawable(reference.Y, yScale)) ys.Add(reference.Y);

        XRange = AxisRange.Resolve(panel.X, xs);
        YRange = AxisRange.Resolve(panel.Y, ys);

        var notes = new List<string>();
        if (notFinite > 0) notes.Add($"{Count(notFinite, "NaN or infinite value")} not drawn (gaps)");
        if (notPositive > 0) notes.Add($"{Count(notPositive, "value")} ≤ 0 not drawn (log scale)");
        if (clamped > 0) notes.Add("band clamped at the axis bottom where its lower edge is ≤ 0 (log scale)");
        notes.AddRange(panel.Notes);
        Notes = notes;

        Legend = Lines.Where(l => l.Series.InLegend).Select(l => new LegendEntry(l.Series.Label, l.Color, l.Series.BandLower is not null))
            .Concat(Bars.Where(b => b.Series.InLegend).Select(b => new LegendEntry(b.Series.Label, b.Color, Marker: true)))
            .ToList();
    }

    /// <summary>The panel described.</summary>
    public Panel Panel { get; }

    /// <summary>Line series with their palette indexes.</summary>
    public IReadOnlyList<(LineSeries Series, int Color)> Lines { get; }

    /// <summary>Error-bar series with their palette indexes.</summary>
    public IReadOnlyList<(ErrorBarSeries Series, int Color)> Bars { get; }

    /// <summary>Number of line and error-bar points that can be drawn.</summary>
    public int DrawablePoints { get; private set; }

    /// <summary>The horizontal range.</summary>
    public (double Lo, double Hi) XRange { get; }

    /// <summary>The vertical range.</summary>
    public (double Lo, double Hi) YRange { get; }

    /// <summary>The scale the horizontal axis is drawn with (a categorical axis is linear).</summary>
    public AxisScale XScale => Panel.X.Categories is null ? Panel.X.Scale : AxisScale.Linear;

    /// <summary>Notes under the panel: undrawable values first, then the panel's own.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Entries of the panel's legend.</summary>
    public IReadOnlyList<LegendEntry> Legend { get; }

    private static void Require(bool condition, string series, string what)
    {
        if (!condition) throw new ArgumentException($"series '{series}': {what} must have as many values as X");
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
