using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Commands;

/// <summary><c>trpo plot</c>: re-rendering one run, bands over seeds, one band per configuration, and its errors.</summary>
public sealed class PlotCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public PlotCommandTests() => FakeEngine.Install(_workspace);

    public void Dispose() => _workspace.Dispose();

    private async Task TrainFake(string outDir, params string[] extra)
    {
        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--epochs", "3", "--set", "steps_per_epoch=64", "--out", outDir, .. extra]);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task Plotting_one_run_re_renders_exactly_what_train_wrote()
    {
        await TrainFake("runs/a");
        var written = new[] { "learning_curve.svg", "diagnostics.svg", "index.html" }.Select(f => _workspace.ReadFile($"runs/a/{f}")).ToList();
        File.Delete(_workspace.PathOf("runs/a/learning_curve.svg"));

        var result = await _workspace.RunAsync("plot", "runs/a");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains("plotted runs/a (3 epochs)", result.Out);
        Assert.Contains($"wrote {_workspace.PathOf("runs/a/learning_curve.svg")}", result.Out);
        Assert.Equal(written, new[] { "learning_curve.svg", "diagnostics.svg", "index.html" }.Select(f => _workspace.ReadFile($"runs/a/{f}")));
    }

    [Fact]
    public async Task Plotting_one_run_with_out_writes_elsewhere_and_leaves_the_run_alone()
    {
        await TrainFake("runs/a");
        File.Delete(_workspace.PathOf("runs/a/diagnostics.svg"));

        var result = await _workspace.RunAsync("plot", "runs/a", "--out", "elsewhere");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.True(File.Exists(_workspace.PathOf("elsewhere/diagnostics.svg")));
        Assert.False(File.Exists(_workspace.PathOf("runs/a/diagnostics.svg")));
    }

    [Fact]
    public async Task Several_seeds_of_one_configuration_become_one_band()
    {
        foreach (var seed in new[] { "0", "1", "2" }) await TrainFake($"runs/s{seed}", "--seed", seed);

        var result = await _workspace.RunAsync("plot", "runs/s0", "runs/s1", "runs/s2", "--out", "cmp");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("CartPole-v1 spinningup: 3 runs (runs/s0, runs/s1, runs/s2)", result.Out);
        string curve = _workspace.ReadFile("cmp/learning_curve.svg");
        Assert.Contains("CartPole-v1 spinningup (3 seeds)", curve);
        Assert.Contains("bands: mean ± sample std over seeds", curve);
        // the fake engine's even epochs end no episode, so the band is one column at each of epochs 1 and 3
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(curve, "stroke-opacity=\"0.35\"").Count);
        string index = _workspace.ReadFile("cmp/index.html");
        Assert.Contains("CartPole-v1 — 3 runs in 1 configuration", index);
        Assert.Contains("<a href=\"../runs/s1/index.html\">s1</a>", index);
    }

    [Fact]
    public async Task Different_configurations_get_one_band_each_named_by_what_differs()
    {
        await TrainFake("runs/a0", "--seed", "0");
        await TrainFake("runs/a1", "--seed", "1");
        await TrainFake("runs/b0", "--seed", "0", "--set", "delta=0.02");

        var result = await _workspace.RunAsync("plot", "runs/a0", "runs/b0", "runs/a1", "--out", "cmp", "--band", "se");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("delta=0.01: 2 runs (runs/a0, runs/a1)", result.Out);
        Assert.Contains("delta=0.02: 1 run (runs/b0)", result.Out);
        string curve = _workspace.ReadFile("cmp/learning_curve.svg");
        Assert.Contains("delta=0.01 (2 seeds)", curve);
        Assert.Contains("delta=0.02 (1 seed, band: min–max)", curve);
        Assert.Contains("mean ± standard error over seeds", curve);
        Assert.Contains("delta=0.02 (1 seed)", _workspace.ReadFile("cmp/diagnostics.svg"));
    }

    [Fact]
    public async Task A_missing_folder_is_bad_input()
        => Assertions.RejectedWith(await _workspace.RunAsync("plot", "nope"), "error: run folder 'nope' does not exist");

    [Fact]
    public async Task A_folder_without_progress_csv_is_bad_input()
    {
        Directory.CreateDirectory(_workspace.PathOf("empty"));
        Assertions.RejectedWith(await _workspace.RunAsync("plot", "empty"), "error: 'empty' holds no progress.csv; is it a run folder?");
    }

    [Fact]
    public async Task A_file_instead_of_a_folder_is_bad_input()
    {
        _workspace.WriteFile("notes.txt", "x");
        Assertions.RejectedWith(await _workspace.RunAsync("plot", "notes.txt"), "error: 'notes.txt' is a file, not a run folder");
    }

    [Fact]
    public async Task Several_runs_need_an_out_folder()
    {
        await TrainFake("runs/a");
        await TrainFake("runs/b", "--seed", "1");
        var before = _workspace.Snapshot();

        Assertions.RejectedWith(await _workspace.RunAsync("plot", "runs/a", "runs/b"), "error: 2 run folders given: pass --out DIR for the combined plots");
        Assert.Equal(before.Keys.Order(), _workspace.Snapshot().Keys.Order());
    }

    [Fact]
    public async Task Runs_of_different_environments_are_rejected()
    {
        await TrainFake("runs/a");
        var result = await _workspace.RunAsync(["train", "--env", "Pendulum-v1", "--epochs", "1", "--set", "steps_per_epoch=64", "--out", "runs/p"]);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);

        Assertions.RejectedWith(await _workspace.RunAsync("plot", "runs/a", "runs/p", "--out", "cmp"),
            "error: runs of different environments cannot share a plot: CartPole-v1: runs/a; Pendulum-v1: runs/p; plot each environment separately");
        Assert.False(Directory.Exists(_workspace.PathOf("cmp")));
    }

    [Fact]
    public async Task An_unknown_band_and_a_repeated_folder_are_bad_input()
    {
        await TrainFake("runs/a");
        Assertions.RejectedWith(await _workspace.RunAsync("plot", "runs/a", "--band", "iqr"), "error: --band must be one of std, se (got 'iqr')");
        Assertions.RejectedWith(await _workspace.RunAsync("plot", "runs/a", "runs/a/", "--out", "x"), "error: run folder 'runs/a' is given more than once");
    }

    [Fact]
    public async Task A_malformed_progress_csv_is_bad_input_naming_the_file()
    {
        _workspace.WriteFile("bad/progress.csv", "epoch,env_steps\n1,2,3\n");
        Assertions.RejectedWith(await _workspace.RunAsync("plot", "bad"), "error: bad/progress.csv: row 1 has 3 fields but the header has 2");
    }

    [Fact]
    public async Task A_folder_with_only_a_progress_csv_still_plots()
    {
        _workspace.WriteFile("bare/progress.csv", "epoch,env_steps,return_mean\n1,10,5\n2,20,7\n");

        var result = await _workspace.RunAsync("plot", "bare");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("bare — episode return", _workspace.ReadFile("bare/learning_curve.svg"));
        Assert.Contains("No config.json in this folder.", _workspace.ReadFile("bare/index.html"));
    }
}
