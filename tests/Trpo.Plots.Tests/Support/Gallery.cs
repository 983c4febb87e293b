using Trpo.Plots.Model;

namespace Trpo.Plots.Tests.Support;

/// <summary>Small figures exercising each feature, shared by the renderer tests.</summary>
public static class Gallery
{
    private static readonly double[] Epochs = Enumerable.Range(1, 30).Select(i => (double)i).ToArray();

    public static IEnumerable<(string Name, Figure Figure)> All =>
    [
        ("learning curve", LearningCurve()),
        ("small multiples", SmallMultiples()),
        ("sweep", Sweep()),
        ("degenerate", Degenerate()),
    ];

    /// <summary>A rising mean with a min–max band and a threshold line.</summary>
    public static Figure LearningCurve()
    {
        var steps = Epochs.Select(e => e * 4000).ToArray();
        var mean = Epochs.Select(e => 500 - 480 / e).ToArray();
        return new Figure
        {
            Title = "CartPole-v1",
            Subtitle = "seed 0",
            Panels =
            [
                new Panel
                {
                    X = new Axis { Label = "environment steps" },
                    Y = new Axis { Label = "episode return" },
                    Lines = [new LineSeries("return", steps, mean) { BandLower = mean.Select(m => m - 30).ToArray(), BandUpper = mean.Select(m => Math.Min(500, m + 30)).ToArray() }],
                    References = [new ReferenceLine(475, "threshold 475")],
                },
            ],
        };
    }

    /// <summary>Six panels in three columns, two of them logarithmic.</summary>
    public static Figure SmallMultiples() => new()
    {
        Title = "diagnostics",
        Columns = 3,
        PanelWidth = 320,
        PanelHeight = 220,
        Panels = Enumerable.Range(0, 6).Select(p => new Panel
        {
            Title = $"panel {p}",
            X = new Axis { Label = "epoch" },
            Y = new Axis { Scale = p >= 4 ? AxisScale.Log : AxisScale.Linear },
            Lines = [new LineSeries("v", Epochs, Epochs.Select(e => p >= 4 ? Math.Pow(10, -e / 3) : (p + 1) * 0.001 * e).ToArray()) { InLegend = false }],
            References = p == 0 ? [new ReferenceLine(0.01, "δ = 0.01")] : [],
        }).ToList(),
    };

    /// <summary>Error bars over a categorical axis, two series.</summary>
    public static Figure Sweep()
    {
        double[] x = [0, 1, 2, 3];
        return new Figure
        {
            Title = "final return against lam",
            Panels =
            [
                new Panel
                {
                    X = new Axis { Label = "lam", Categories = ["0.9", "0.95", "0.97", "1"] },
                    Y = new Axis { Label = "final return" },
                    ErrorBars =
                    [
                        new ErrorBarSeries("CartPole-v1", x, [400.0, 450, 480, 430], [350.0, 420, 470, 380], [450.0, 480, 490, 470]) { Connect = true },
                        new ErrorBarSeries("other", x, [300.0, 320, 310, 290], [280.0, 300, 290, 250], [320.0, 340, 330, 330]) { Connect = true },
                    ],
                },
            ],
        };
    }

    /// <summary>Every kind of degenerate data in one grid.</summary>
    public static Figure Degenerate() => new()
    {
        Title = "degenerate <data> & edge cases",
        Columns = 3,
        PanelWidth = 300,
        PanelHeight = 200,
        Panels =
        [
            new Panel { Title = "one point", Lines = [new LineSeries("a", [3.0], [7.0])] },
            new Panel { Title = "constant", Lines = [new LineSeries("a", [1.0, 2, 3], [5.0, 5, 5])] },
            new Panel { Title = "gaps", Lines = [new LineSeries("a", [1.0, 2, 3, 4, 5, 6, 7], [1.0, 2, double.NaN, 4, double.PositiveInfinity, 2, 3])] },
            new Panel { Title = "empty", Lines = [new LineSeries("a", [], [])] },
            new Panel { Title = "all NaN", Lines = [new LineSeries("a", [1.0, 2], [double.NaN, double.NaN])] },
            new Panel { Title = "huge range", Lines = [new LineSeries("a", [1.0, 2, 3], [-1e250, 0, 1e250])] },
            new Panel
            {
                Title = "log, with values ≤ 0",
                Y = new Axis { Scale = AxisScale.Log },
                Lines = [new LineSeries("a", [1.0, 2, 3, 4], [-1.0, 0.01, 10, 1000]) { BandLower = [-2.0, -1, 1, 100], BandUpper = [1.0, 0.1, 100, 1e4] }],
            },
            new Panel { Title = "tiny values", Lines = [new LineSeries("a", [1.0, 2, 3], [1e-7, 3e-7, 2e-7])] },
            new Panel { Title = "no series" },
        ],
    };
}
