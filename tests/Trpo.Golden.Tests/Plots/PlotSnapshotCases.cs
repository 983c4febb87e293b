using Trpo.Cli.Plotting;
using Trpo.Plots.Model;

namespace Trpo.Golden.Tests.Plots;

/// <summary>
/// The plot snapshot cases: small figures, each checked in as <c>golden/plots/&lt;name&gt;.svg</c>. Together they
/// cover every element the renderer draws (lines, bands, gaps, reference lines, legends inside and outside, log
/// and categorical axes, error bars, small multiples, a shared legend, notes), so a change in how plots look
/// shows up as a reviewable diff.
/// </summary>
public static class PlotSnapshotCases
{
    private static readonly double[] Epochs = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();

    /// <summary>Every case by name.</summary>
    public static IReadOnlyList<(string Name, Func<Figure> Build)> All { get; } =
    [
        ("band-and-threshold", BandAndThreshold),
        ("bands-legend-outside", BandsLegendOutside),
        ("small-multiples-log", SmallMultiplesLog),
        ("sweep-categorical", SweepCategorical),
        ("sweep-log-x", SweepLogX),
        ("degenerate-data", Degenerate),
        ("run-learning-curve", () => LearningCurveFigure.ForRun(SyntheticRuns.Run(0))),
        ("run-diagnostics", () => DiagnosticsFigure.ForRun(SyntheticRuns.Run(0))),
        ("compare-configurations", CompareConfigurations),
        ("sweep-from-runs", SweepFromRuns),
    ];

    private static IReadOnlyList<RunGroup> Groups()
        => RunGrouping.Group([.. Enumerable.Range(0, 3).Select(s => SyntheticRuns.Run(s, 0.01)),
            .. Enumerable.Range(0, 3).Select(s => SyntheticRuns.Run(s, 0.02)), SyntheticRuns.Run(0, 0.005, epochs: 14)]);

    private static Figure CompareConfigurations()
        => LearningCurveFigure.Compare("CartPole-v1 — episode return", "7 runs, 3 configurations",
            Groups().Select(ConfigCurves.Of).ToList(), BandKind.Std, LearningCurveFigure.Threshold(475));

    private static Figure SweepFromRuns()
    {
        var points = Groups().Select(g => SweepPoint.FromResults(g.Runs[0].Delta!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            g.Runs.Select(ReportTables.FinalReturn).ToList())).OrderBy(p => double.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return SweepFigure.Build("delta", [new SweepSeries("CartPole-v1", points)], SweepScale.Log,
            references: LearningCurveFigure.Threshold(475), notes: ["error bars: mean ± sample std of the final return over seeds"]);
    }

    private static Figure BandAndThreshold()
    {
        var steps = Epochs.Select(e => e * 5000).ToArray();
        var mean = Epochs.Select(e => 480 - 460 / e).ToArray();
        return new Figure
        {
            Title = "CartPole-v1 — episode return",
            Subtitle = "seed 0, spinningup",
            PanelWidth = 560,
            PanelHeight = 340,
            Panels =
            [
                new Panel
                {
                    X = new Axis { Label = "environment steps" },
                    Y = new Axis { Label = "episode return" },
                    Lines = [new LineSeries("return mean (band: min–max)", steps, mean) { BandLower = mean.Select((m, i) => m - 20 - i).ToArray(), BandUpper = mean.Select(m => Math.Min(500, m + 25)).ToArray() }],
                    References = [new ReferenceLine(475, "reward threshold 475")],
                },
            ],
        };
    }

    private static Figure BandsLegendOutside()
    {
        var lines = Enumerable.Range(0, 3).Select(c =>
        {
            var mean = Epochs.Select(e => -1200 + (700 + 150 * c) * (1 - 1 / Math.Sqrt(e))).ToArray();
            return new LineSeries($"delta={new[] { "0.005", "0.01", "0.02" }[c]} (3 seeds)", Epochs.Select(e => e * 2048).ToArray(), mean)
            {
                BandLower = mean.Select(m => m - 200).ToArray(),
                BandUpper = mean.Select(m => m + 200).ToArray(),
            };
        }).ToList();
        return new Figure
        {
            Title = "Pendulum-v1 — mean ± std over seeds",
            PanelWidth = 620,
            PanelHeight = 320,
            Panels = [new Panel { X = new Axis { Label = "environment steps" }, Y = new Axis { Label = "episode return" }, Lines = lines }],
        };
    }

    private static Figure SmallMultiplesLog() => new()
    {
        Title = "diagnostics",
        Columns = 2,
        PanelWidth = 300,
        PanelHeight = 200,
        SharedLegend = [new LegendEntry("run a", 0), new LegendEntry("run b", 1)],
        Notes = ["x: epoch"],
        Panels =
        [
            new Panel
            {
                Title = "KL", Legend = LegendPosition.None,
                Lines = [new LineSeries("run a", Epochs, Epochs.Select(e => 0.004 + 0.0002 * e).ToArray()), new LineSeries("run b", Epochs, Epochs.Select(e => 0.009 - 0.0002 * e).ToArray())],
                References = [new ReferenceLine(0.01, "δ = 0.01")],
            },
            new Panel
            {
                Title = "value loss", Y = new Axis { Scale = AxisScale.Log }, Legend = LegendPosition.None,
                Lines = [new LineSeries("run a", Epochs, Epochs.Select(e => 2000 / (e * e)).ToArray()), new LineSeries("run b", Epochs, Epochs.Select(e => 500 / e).ToArray())],
            },
            new Panel
            {
                Title = "CG residual r·r", Y = new Axis { Scale = AxisScale.Log }, Legend = LegendPosition.None,
                Lines = [new LineSeries("run a", Epochs, Epochs.Select(e => 1e-11 * e).ToArray()), new LineSeries("run b", Epochs, Epochs.Select(e => 1e-4 / e).ToArray())],
            },
            new Panel
            {
                Title = "backtracks", Y = new Axis { IntegerTicks = true }, Legend = LegendPosition.None,
                Lines = [new LineSeries("run a", Epochs, Epochs.Select(e => e % 3).ToArray()), new LineSeries("run b", Epochs, Epochs.Select(_ => 0.0).ToArray())],
            },
        ],
    };

    private static Figure SweepCategorical()
    {
        double[] x = [0, 1, 2, 3, 4];
        return new Figure
        {
            Title = "final return against lam",
            PanelWidth = 480,
            PanelHeight = 300,
            Panels =
            [
                new Panel
                {
                    X = new Axis { Label = "lam", Categories = ["0", "0.5", "0.9", "0.97", "1"] },
                    Y = new Axis { Label = "final return (mean ± std)" },
                    ErrorBars =
                    [
                        new ErrorBarSeries("CartPole-v1", x, [120.0, 260, 430, 480, 350], [80.0, 200, 400, 470, 250], [160.0, 320, 460, 490, 450]),
                        new ErrorBarSeries("Acrobot-v1", x, [-300.0, -200, -110, -90, -150], [-400.0, -260, -140, -100, -220], [-200.0, -140, -80, -80, -80]),
                    ],
                },
            ],
        };
    }

    private static Figure SweepLogX() => new()
    {
        Title = "final return against delta",
        PanelWidth = 420,
        PanelHeight = 280,
        Panels =
        [
            new Panel
            {
                X = new Axis { Label = "delta", Scale = AxisScale.Log },
                Y = new Axis { Label = "final return" },
                ErrorBars = [new ErrorBarSeries("Pendulum-v1", [0.005, 0.01, 0.02, 0.05], [-600.0, -400, -300, -500], [-700.0, -480, -420, -800], [-500.0, -320, -180, -300]) { Connect = true }],
                References = [new ReferenceLine(-174.6, "zoo TRPO −174.6")],
            },
        ],
    };

    private static Figure Degenerate() => new()
    {
        Title = "degenerate <data> & \"edge\" cases",
        Columns = 3,
        PanelWidth = 260,
        PanelHeight = 180,
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
                Title = "log, values ≤ 0", Y = new Axis { Scale = AxisScale.Log },
                Lines = [new LineSeries("a", [1.0, 2, 3, 4], [-1.0, 0.01, 10, 1000]) { BandLower = [-2.0, -1, 1, 100], BandUpper = [1.0, 0.1, 100, 1e4] }],
            },
            new Panel { Title = "tiny values", Lines = [new LineSeries("a", [1.0, 2, 3], [1e-7, 3e-7, 2e-7])] },
            new Panel { Title = "no series" },
        ],
    };
}
