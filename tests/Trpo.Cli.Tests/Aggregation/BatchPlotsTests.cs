using Trpo.Cli.Aggregation;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Aggregation;

/// <summary>
/// The plots and index.html that <c>trpo aggregate</c> draws, over batches of <see cref="SeededFakeEngine"/> runs
/// (return_mean = 10·seed + epoch·lam, epoch 2 without episodes).
/// </summary>
public sealed class BatchPlotsTests : IDisposable
{
    /// <summary>2 environments × lam {0.5, 1} × delta {0.01, 0.02} × seeds {0, 1}, 3 epochs.</summary>
    private const string Grid = """
        { "name": "grid", "environments": ["Pendulum-v1", "CartPole-v1"], "seeds": [1, 0],
          "grid": {"lam": [1, 0.5], "delta": [0.02, 0.01]}, "overrides": {"steps_per_epoch": 100}, "budget": { "epochs": 3 } }
        """;

    private readonly Workspace _workspace = new();

    public BatchPlotsTests() => new SeededFakeEngine().Install(_workspace);

    public void Dispose() => _workspace.Dispose();

    private async Task<CliResult> BatchThenAggregate(string experiment)
    {
        _workspace.WriteFile("e.json", experiment);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("batch", "e.json", "--parallel", "2")).ExitCode);
        var name = experiment.Contains("\"grid\", ", StringComparison.Ordinal) ? "grid" : "one";
        var result = await _workspace.RunAsync("aggregate", $"runs/{name}");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        return result;
    }

    [Fact]
    public async Task Aggregate_draws_one_band_per_configuration_per_environment_and_a_sweep_plot_per_swept_key()
    {
        var result = await BatchThenAggregate(Grid);

        Assert.Contains("wrote aggregate.csv, final.csv, learning_curves_CartPole-v1.svg, diagnostics_CartPole-v1.svg, "
                        + "learning_curves_Pendulum-v1.svg, diagnostics_Pendulum-v1.svg, sweep_delta.svg, sweep_lam.svg, index.html into ", result.Out);
        foreach (var env in new[] { "CartPole-v1", "Pendulum-v1" })
        {
            var curves = _workspace.ReadFile($"runs/grid/learning_curves_{env}.svg");
            Assert.Contains($"{env} — episode return", curves);
            foreach (var label in new[] { "delta=0.01, lam=0.5", "delta=0.01, lam=1", "delta=0.02, lam=0.5", "delta=0.02, lam=1" })
                Assert.Contains($"{label} (2 seeds)", curves);
            Assert.Contains("bands: mean ± standard error over seeds", curves);
            Assert.Contains("δ = 0.02", _workspace.ReadFile($"runs/grid/diagnostics_{env}.svg"));
        }
        Assert.Contains("reward threshold 475", _workspace.ReadFile("runs/grid/learning_curves_CartPole-v1.svg"));
        var sweep = _workspace.ReadFile("runs/grid/sweep_lam.svg");
        Assert.Contains(">final return against lam<", sweep);
        Assert.Contains(">CartPole-v1<", sweep);
        Assert.Contains(">Pendulum-v1<", sweep);
        Assert.Contains(">delta=0.02<", sweep);
    }

    [Fact]
    public async Task Sweep_points_are_each_configurations_final_mean_with_its_bootstrap_interval_one_panel_per_environment()
    {
        await BatchThenAggregate(Grid);
        var aggregate = BatchAggregate.Of(BatchResults.Load([("runs/grid", _workspace.PathOf("runs/grid"))]));

        var figure = BatchPlots.Sweep(aggregate, "lam");

        Assert.Equal(["CartPole-v1", "Pendulum-v1"], figure.Panels.Select(p => p.Title));
        var panel = figure.Panels[0];
        Assert.Equal(["0.5", "1"], panel.X.Categories!);
        Assert.Equal(["delta=0.01", "delta=0.02"], panel.ErrorBars.Select(b => b.Label));
        var bars = panel.ErrorBars[0];
        var lam05 = aggregate.Configurations.Single(c => c.Name == "CartPole-v1__delta0.01_lam0.5").Final;
        // final window: the last epoch (3), return 10·seed + 1.5 for seeds 0 and 1
        Assert.Equal(6.5, lam05.Summary.Mean, 12);
        Assert.Equal((0.0, 6.5, lam05.CiLow, lam05.CiHigh), (bars.X[0], bars.Y[0], bars.Lower[0], bars.Upper[0]));
        Assert.Equal(1.0, bars.X[1]);
        Assert.Equal(8.0, bars.Y[1], 12);
        Assert.True(lam05.CiLow < lam05.CiHigh);
    }

    [Fact]
    public async Task One_configuration_per_environment_gets_a_std_band_and_no_sweep_plot()
    {
        await BatchThenAggregate("""
            { "name": "one", "environments": ["CartPole-v1"], "seeds": [0, 1, 2], "overrides": {"steps_per_epoch": 100}, "budget": { "epochs": 3 } }
            """);

        var curves = _workspace.ReadFile("runs/one/learning_curves_CartPole-v1.svg");
        Assert.Contains("CartPole-v1 (3 seeds)", curves);
        Assert.Contains("bands: mean ± sample std over seeds", curves);
        Assert.Empty(Directory.GetFiles(_workspace.PathOf("runs/one"), "sweep_*"));
    }

    [Fact]
    public async Task The_batch_page_shows_the_plots_the_final_returns_and_links_every_run()
    {
        await BatchThenAggregate(Grid);

        var index = _workspace.ReadFile("runs/grid/index.html");
        Assert.Contains("<h1>batch grid</h1>", index);
        Assert.Contains("8 configurations, 16 of 16 runs completed", index);
        foreach (var plot in new[] { "learning_curves_CartPole-v1.svg", "diagnostics_Pendulum-v1.svg", "sweep_delta.svg", "sweep_lam.svg" })
            Assert.Contains($"<img src=\"{plot}\"", index);
        Assert.Contains("<td>CartPole-v1__delta0.01_lam0.5</td><td>CartPole-v1</td><td class=\"num\">0.01</td><td class=\"num\">0.5</td><td>2 of 2</td><td class=\"num\">6.5 ± 7.1</td>", index);
        Assert.Contains("href=\"CartPole-v1__delta0.01_lam0.5__seed1/index.html\"", index);
        Assert.DoesNotContain(_workspace.Root, index);
    }

    [Fact]
    public async Task Aggregating_twice_gives_the_same_plots_and_page()
    {
        await BatchThenAggregate(Grid);
        var files = Directory.GetFiles(_workspace.PathOf("runs/grid")).Where(f => f.EndsWith(".svg", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)).Order().ToList();
        var first = files.Select(File.ReadAllText).ToList();

        await _workspace.RunAsync("aggregate", "runs/grid");

        Assert.Equal(2 * 2 + 2 + 1, files.Count); // per env learning curves and diagnostics, two sweeps, the page
        Assert.Equal(first, files.Select(File.ReadAllText));
    }
}
