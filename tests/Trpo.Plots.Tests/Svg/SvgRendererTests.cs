using System.Globalization;
using System.Text.RegularExpressions;
using Trpo.Plots.Model;
using Trpo.Plots.Svg;
using Trpo.Plots.Tests.Support;

namespace Trpo.Plots.Tests.Svg;

public class SvgRendererTests
{
    private static readonly double[] OneToFive = [1, 2, 3, 4, 5];

    private static Panel Line(IReadOnlyList<double> x, IReadOnlyList<double> y, Axis? yAxis = null)
        => new() { Lines = [new LineSeries("s", x, y)], Y = yAxis ?? new Axis() };

    [Fact]
    public void The_same_figure_gives_the_same_bytes()
    {
        var figure = Gallery.LearningCurve();
        Assert.Equal(SvgRenderer.Instance.Render(figure), SvgRenderer.Instance.Render(figure with { }));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var figure = Gallery.LearningCurve();
        string invariant = SvgRenderer.Instance.Render(figure);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(invariant, SvgRenderer.Instance.Render(figure));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Coordinates_have_at_most_two_decimals_and_no_exponent()
    {
        string svg = SvgRenderer.Instance.Render(Gallery.SmallMultiples());
        foreach (Match attribute in Regex.Matches(svg, "(?<![\\w-])(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height|points)=\"([^\"]*)\""))
            foreach (string number in Regex.Split(attribute.Groups[1].Value, "[ ,]+").Where(n => n.Length > 0))
                Assert.True(Regex.IsMatch(number, @"^-?\d+(\.\d{1,2})?$"), $"'{number}' in {attribute.Value}");
    }

    [Fact]
    public void Every_gallery_figure_is_well_formed_svg_with_a_white_background()
    {
        foreach (var (name, figure) in Gallery.All)
        {
            var doc = SvgDocument.Render(figure);
            Assert.Equal("svg", doc.Root.Name.LocalName);
            Assert.Contains(doc.All("rect"), r => (string?)r.Attribute("fill") == "white");
            Assert.DoesNotContain("script", doc.Text, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrEmpty(name));
        }
    }

    [Fact]
    public void Nan_and_infinite_values_break_the_line_and_are_counted_in_a_note()
    {
        var doc = SvgDocument.Render(Line([1, 2, 3, 4, 5, 6], [1, 2, double.NaN, 4, 5, double.NegativeInfinity]));
        Assert.Equal(2, doc.Polylines().Count);
        Assert.Contains("2 NaN or infinite values not drawn (gaps)", doc.Texts());
    }

    [Fact]
    public void A_point_between_gaps_is_drawn_as_a_dot()
    {
        var doc = SvgDocument.Render(Line([1, 2, 3], [double.NaN, 2, double.NaN]));
        Assert.Empty(doc.Polylines());
        Assert.Single(doc.All("circle"));
    }

    [Fact]
    public void A_single_point_gets_a_dot_and_a_widened_range()
    {
        var doc = SvgDocument.Render(Line([3], [7]));
        Assert.Single(doc.All("circle"));
        Assert.Contains("7.0", doc.Texts());
    }

    [Fact]
    public void A_constant_series_is_a_flat_line_inside_the_frame()
    {
        var doc = SvgDocument.Render(Line(OneToFive, [5, 5, 5, 5, 5]));
        var points = SvgDocument.Points(doc.Polylines().Single());
        var frame = doc.Frame();
        Assert.All(points, p => Assert.Equal(points[0].Y, p.Y));
        Assert.InRange(points[0].Y, frame.Top + 10, frame.Bottom - 10);
    }

    [Fact]
    public void Empty_and_all_nan_series_say_no_data()
    {
        Assert.Contains("no data", SvgDocument.Render(Line([], [])).Texts());
        Assert.Contains("no data", SvgDocument.Render(Line([1, 2], [double.NaN, double.NaN])).Texts());
    }

    [Fact]
    public void A_log_axis_skips_non_positive_values_with_a_note_and_clamps_bands()
    {
        var panel = new Panel
        {
            Y = new Axis { Scale = AxisScale.Log },
            Lines = [new LineSeries("s", [1.0, 2, 3, 4], [-1.0, 0.1, 10, 1000]) { BandLower = [-2.0, -1, 1, 100], BandUpper = [1.0, 1, 100, 1e4] }],
        };
        var doc = SvgDocument.Render(panel);
        Assert.Contains("1 value ≤ 0 not drawn (log scale)", doc.Texts());
        Assert.Contains(doc.Texts(), t => t.StartsWith("band clamped at the axis bottom", StringComparison.Ordinal));
        var frame = doc.Frame();
        var band = SvgDocument.Points(doc.All("polygon").Single());
        Assert.Contains(band, p => p.Y == frame.Bottom);
    }

    [Fact]
    public void Huge_ranges_render_with_scientific_labels()
    {
        var doc = SvgDocument.Render(Line([1, 2, 3], [-1e250, 0, 1e250]));
        Assert.Contains("1e250", doc.Texts());
        Assert.Single(doc.Polylines());
    }

    [Fact]
    public void Labels_and_titles_are_escaped()
    {
        var figure = new Figure { Title = "a <b> & c", Panels = [Line([1, 2], [1, 2]) with { Title = "x\"y'" }] };
        string svg = SvgRenderer.Instance.Render(figure);
        Assert.Contains("a &lt;b&gt; &amp; c", svg);
        Assert.Contains("x&quot;y&#39;", svg);
        Assert.Contains("a <b> & c", SvgDocument.Render(figure).Texts());
    }

    [Fact]
    public void Series_take_the_okabe_ito_colours_in_order_and_dash_after_eight()
    {
        var lines = Enumerable.Range(0, 9).Select(i => new LineSeries($"s{i}", [1.0, 2], [i, i + 1.0])).ToList();
        var doc = SvgDocument.Render(new Panel { Lines = lines, Legend = LegendPosition.None });
        var strokes = doc.Polylines().Select(p => (string?)p.Attribute("stroke")).ToList();
        Assert.Equal([.. Palette.Colors, Palette.Colors[0]], strokes);
        Assert.Null(doc.Polylines()[0].Attribute("stroke-dasharray"));
        Assert.NotNull(doc.Polylines()[8].Attribute("stroke-dasharray"));
    }

    [Fact]
    public void A_band_is_a_translucent_polygon_in_the_series_colour()
    {
        var panel = new Panel { Lines = [new LineSeries("s", OneToFive, [1.0, 2, 3, 4, 5]) { BandLower = [0.0, 1, 2, 3, 4], BandUpper = [2.0, 3, 4, 5, 6], Color = 1 }] };
        var polygon = SvgDocument.Render(panel).All("polygon").Single();
        Assert.Equal(Palette.Colors[1], (string?)polygon.Attribute("fill"));
        Assert.Equal("0.2", (string?)polygon.Attribute("fill-opacity"));
        Assert.Equal(10, SvgDocument.Points(polygon).Count);
    }

    [Fact]
    public void A_reference_line_is_dashed_across_the_panel_and_labelled()
    {
        var panel = Line(OneToFive, [0.002, 0.004, 0.008, 0.006, 0.005]) with { References = [new ReferenceLine(0.01, "δ = 0.01")] };
        var doc = SvgDocument.Render(panel);
        var frame = doc.Frame();
        var dashed = doc.All("line").Single(l => (string?)l.Attribute("stroke-dasharray") == "5 4");
        Assert.Equal(frame.Left, SvgDocument.Number(dashed, "x1"));
        Assert.Equal(frame.Right, SvgDocument.Number(dashed, "x2"));
        Assert.InRange(SvgDocument.Number(dashed, "y1"), frame.Top, frame.Bottom);
        Assert.Contains("δ = 0.01", doc.Texts());
    }

    [Fact]
    public void The_legend_goes_to_a_corner_the_data_leaves_free()
    {
        // a line rising from bottom left to top right leaves the top-left and bottom-right corners free;
        // top right is tried first and is covered, top left is next
        var doc = SvgDocument.Render(Line(OneToFive, [1, 2, 3, 4, 5]));
        var box = doc.LegendBoxes().Single();
        var frame = doc.Frame();
        Assert.True(SvgDocument.Number(box, "x") < (frame.Left + frame.Right) / 2);
        Assert.True(SvgDocument.Number(box, "y") < (frame.Top + frame.Bottom) / 2);
    }

    [Fact]
    public void The_legend_moves_outside_when_every_corner_holds_data()
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var panel = new Panel
        {
            Lines = [new LineSeries("a wide band", x, x.Select(_ => 0.0).ToArray()) { BandLower = x.Select(_ => -1.0).ToArray(), BandUpper = x.Select(_ => 1.0).ToArray() }],
        };
        var doc = SvgDocument.Render(panel, 640, 300);
        var box = doc.LegendBoxes().Single();
        Assert.True(SvgDocument.Number(box, "x") >= doc.Frame().Right, "the legend should sit right of the axes");
    }

    [Fact]
    public void Error_bars_have_caps_and_dots_and_series_at_the_same_x_are_spread_apart()
    {
        double[] x = [0, 1, 2];
        var panel = new Panel
        {
            X = new Axis { Categories = ["0.9", "0.97", "1"] },
            ErrorBars =
            [
                new ErrorBarSeries("a", x, [1.0, 2, 3], [0.5, 1.5, 2.5], [1.5, 2.5, 3.5]),
                new ErrorBarSeries("b", x, [1.0, 2, 3], [0.5, 1.5, 2.5], [1.5, 2.5, 3.5]),
            ],
        };
        var doc = SvgDocument.Render(panel);
        var dots = doc.All("circle").Where(c => (string?)c.Attribute("r") == "3.6").Select(c => SvgDocument.Number(c, "cx")).ToList();
        Assert.Equal(6, dots.Count);
        Assert.Equal(7, dots[3] - dots[0], 6);
        Assert.Contains("0.97", doc.Texts());
    }

    [Fact]
    public void Crowded_category_labels_are_slanted()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"configuration-{i}").ToArray();
        var panel = new Panel
        {
            X = new Axis { Categories = names },
            ErrorBars = [new ErrorBarSeries("a", names.Select((_, i) => (double)i).ToArray(), names.Select(_ => 1.0).ToArray(), names.Select(_ => 0.5).ToArray(), names.Select(_ => 1.5).ToArray())],
        };
        var labels = SvgDocument.Render(panel).All("text").Where(t => t.Value.StartsWith("configuration-", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, labels.Count);
        Assert.All(labels, l => Assert.StartsWith("rotate(-35", (string?)l.Attribute("transform")));
    }

    [Fact]
    public void Small_multiples_are_laid_out_in_a_grid_of_the_given_columns()
    {
        var figure = Gallery.SmallMultiples();
        var doc = SvgDocument.Render(figure);
        var groups = doc.Root.Elements().Where(e => e.Name.LocalName == "g").Select(g => (string)g.Attribute("transform")!).ToList();
        Assert.Equal(figure.Panels.Count, groups.Count);
        Assert.Equal(3, groups.Select(t => t.Split(',')[0]).Distinct().Count());
        Assert.Equal(figure.PanelWidth * 3, SvgDocument.Number(doc.Root, "width"));
    }

    [Fact]
    public void A_shared_legend_is_drawn_below_the_grid()
    {
        var figure = Gallery.SmallMultiples() with { SharedLegend = [new LegendEntry("first", 0, Band: true), new LegendEntry("second", 1)] };
        var doc = SvgDocument.Render(figure);
        var label = doc.All("text").Single(t => t.Value == "second");
        int rows = (figure.Panels.Count + figure.Columns - 1) / figure.Columns;
        Assert.True(SvgDocument.Number(label, "y") > rows * figure.PanelHeight);
    }

    [Fact]
    public void Series_with_mismatched_lengths_are_rejected()
    {
        var bad = new Panel { Lines = [new LineSeries("bad", [1.0, 2], [1.0])] };
        var error = Assert.Throws<ArgumentException>(() => SvgRenderer.Instance.Render(new Figure { Panels = [bad] }));
        Assert.Contains("bad", error.Message);
    }

    [Fact]
    public void Neighbouring_x_tick_labels_keep_a_gap_on_narrow_panels()
    {
        foreach (double width in (double[])[160, 240, 320, 480])
        {
            var doc = SvgDocument.Render(Line([0, 123_456_789], [0, 1]), width, 200);
            var frame = doc.Frame();
            var labels = doc.All("text").Where(t => (string?)t.Attribute("text-anchor") == "middle" && SvgDocument.Number(t, "y") > frame.Bottom
                                                   && SvgDocument.Number(t, "y") < frame.Bottom + 20)
                .Select(t => (Center: SvgDocument.Number(t, "x"), Half: Trpo.Plots.Text.TextMetrics.Width(t.Value, 11) / 2)).OrderBy(l => l.Center).ToList();
            Assert.True(labels.Count >= 2, $"width {width}: {labels.Count} labels");
            for (int i = 1; i < labels.Count; i++)
                Assert.True(labels[i].Center - labels[i].Half - (labels[i - 1].Center + labels[i - 1].Half) >= 8, $"width {width}: labels {i - 1} and {i} overlap");
        }
    }
}
