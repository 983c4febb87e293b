using Trpo.Cli.Output;
using Trpo.Cli.Plotting;
using Trpo.Plots.Model;

namespace Trpo.Cli.Tests.Plotting;

public class FigureTests
{
    private static RunRecord CartPole(ProgressTable table)
        => RunGroupingTests.Run("cp", """{"env": "CartPole-v1", "seed": 3, "preset": "spinningup", "delta": 0.02, "backtrack_iters": 10}""", table);

    [Fact]
    public void A_runs_learning_curve_is_return_mean_against_env_steps_with_a_min_max_band_and_the_threshold()
    {
        var figure = LearningCurveFigure.ForRun(CartPole(Tables.With("return_mean", 10, 20)));
        var panel = Assert.Single(figure.Panels);
        var line = Assert.Single(panel.Lines);
        Assert.Equal([100.0, 200], line.X);
        Assert.Equal([10.0, 20], line.Y);
        Assert.Equal([1.0, 1], line.BandLower!);
        Assert.Equal("environment steps", panel.X.Label);
        Assert.Equal(475, Assert.Single(panel.References).Y);
        Assert.Equal("CartPole-v1 — episode return", figure.Title);
        Assert.Contains("seed 3", figure.Subtitle);
    }

    [Fact]
    public void An_environment_without_a_threshold_gets_no_threshold_line()
    {
        var run = RunGroupingTests.Run("p", """{"env": "Pendulum-v1"}""");
        Assert.Empty(LearningCurveFigure.ForRun(run).Panels[0].References);
    }

    [Fact]
    public void Comparing_configurations_draws_one_mean_line_with_a_band_per_configuration()
    {
        ConfigCurves[] configs =
        [
            new("delta=0.01", [Tables.With("return_mean", 1, 2), Tables.With("return_mean", 3, 4)]),
            new("delta=0.02", [Tables.With("return_mean", 5, 6)]),
        ];
        var figure = LearningCurveFigure.Compare("t", null, configs, BandKind.Std, LearningCurveFigure.Threshold(475));
        var lines = figure.Panels[0].Lines;
        Assert.Equal(["delta=0.01 (2 seeds)", "delta=0.02 (1 seed, band: min–max)"], lines.Select(l => l.Label));
        Assert.Equal([2.0, 3], lines[0].Y);
        Assert.Equal(2 - Math.Sqrt(2), lines[0].BandLower![0], 12);
        Assert.Equal([0, 1], lines.Select(l => l.Color!.Value));
        Assert.Contains(figure.Notes, n => n.StartsWith("bands: mean ± sample std over seeds", StringComparison.Ordinal));
    }

    [Fact]
    public void The_standard_error_band_is_narrower_by_the_root_of_the_seed_count()
    {
        ConfigCurves[] configs = [new("c", [Tables.With("return_mean", 1), Tables.With("return_mean", 3)])];
        var line = LearningCurveFigure.Compare("t", null, configs, BandKind.StandardError, []).Panels[0].Lines[0];
        Assert.Equal(2 - Math.Sqrt(2) / Math.Sqrt(2), line.BandLower![0], 12);
    }

    [Fact]
    public void Diagnostics_have_nine_panels_from_progress_columns_with_delta_on_the_kl_panel_and_log_scales_where_values_span_decades()
    {
        var figure = DiagnosticsFigure.ForRun(CartPole(Tables.With("kl", 0.001, 0.002)));
        Assert.Equal(9, figure.Panels.Count);
        Assert.Equal(3, figure.Columns);
        Assert.All(DiagnosticsFigure.Panels, d => Assert.Contains(ProgressColumns.All, c => c.Name == d.Column));
        Assert.Equal("δ = 0.02", Assert.Single(figure.Panels[0].References).Label);
        Assert.Equal(["value_loss", "curvature", "cg_residual"], DiagnosticsFigure.Panels.Where(p => p.Scale == AxisScale.Log).Select(p => p.Column));
        Assert.Equal(10.5, figure.Panels.Single(p => p.Title == "line-search backtracks").Y.Max);
        Assert.Equal([1.0, 2], figure.Panels[0].Lines[0].X);
    }

    [Fact]
    public void Compared_diagnostics_share_one_legend_below_the_grid()
    {
        ConfigCurves[] configs = [new("a", [Tables.With("kl", 1)]), new("b", [Tables.With("kl", 2), Tables.With("kl", 4)])];
        var figure = DiagnosticsFigure.Compare("t", null, configs, BandKind.Std, [0.02, 0.01, 0.02], null);
        Assert.Equal(["a (1 seed)", "b (2 seeds)"], figure.SharedLegend.Select(e => e.Label));
        Assert.All(figure.Panels, p => Assert.Equal(LegendPosition.None, p.Legend));
        Assert.Equal([1.0, 3], figure.Panels[0].Lines.Select(l => l.Y[0]));
        Assert.Equal(["δ = 0.01", "δ = 0.02"], figure.Panels[0].References.Select(r => r.Label));
        var valueLoss = figure.Panels.Single(p => p.Y.Scale == AxisScale.Log && p.Title!.StartsWith("value loss", StringComparison.Ordinal)).Lines[1];
        Assert.Equal([1.0], valueLoss.BandLower!); // log panels: min–max over seeds, never mean − std ≤ 0
        Assert.Equal([1.0], valueLoss.BandUpper!);
    }

    [Fact]
    public void A_sweep_point_is_the_mean_with_a_bar_of_one_sample_std()
    {
        var point = SweepPoint.FromResults("0.97", [400, 500, double.NaN]);
        Assert.Equal(450, point.Mean);
        Assert.Equal(450 - Math.Sqrt(5000), point.Lower, 12);
        Assert.Equal(2, point.Seeds);
        Assert.True(double.IsNaN(SweepPoint.FromResults("x", [1]).Lower));
    }

    [Fact]
    public void A_categorical_sweep_places_values_in_order_of_first_appearance()
    {
        SweepSeries[] series =
        [
            new("CartPole-v1", [SweepPoint.FromResults("0.9", [1, 2]), SweepPoint.FromResults("1", [3, 4])]),
            new("Acrobot-v1", [SweepPoint.FromResults("1", [5, 6]), SweepPoint.FromResults("0.5", [7, 8])]),
        ];
        var figure = SweepFigure.Build("lam", series, SweepScale.Categorical);
        var panel = figure.Panels[0];
        Assert.Equal(["0.9", "1", "0.5"], panel.X.Categories!);
        Assert.Equal([1.0, 2], panel.ErrorBars[1].X);
        Assert.Equal("final return against lam", figure.Title);
    }

    [Fact]
    public void A_log_sweep_places_values_at_their_numbers()
    {
        var figure = SweepFigure.Build("delta", [new SweepSeries("p", [SweepPoint.FromResults("0.005", [1, 2]), SweepPoint.FromResults("0.02", [3, 5])])], SweepScale.Log);
        Assert.Equal(AxisScale.Log, figure.Panels[0].X.Scale);
        Assert.Equal([0.005, 0.02], figure.Panels[0].ErrorBars[0].X);
        Assert.True(figure.Panels[0].ErrorBars[0].Connect);
    }
}
