using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Commands;

/// <summary><c>trpo train</c> writes learning_curve.svg, diagnostics.svg and index.html from progress.csv (fake engine).</summary>
public sealed class TrainPlotsTests : IDisposable
{
    private const string Folder = "runs/CartPole-v1__spinningup__seed0";
    private static readonly string[] Plots = ["learning_curve.svg", "diagnostics.svg", "index.html"];
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string[] Train(int epochs) => ["train", "--env", "CartPole-v1", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--set", "steps_per_epoch=64"];

    [Fact]
    public async Task A_completed_run_has_its_plots_and_index_page()
    {
        FakeEngine.Install(_workspace);

        var result = await _workspace.RunAsync(Train(3));

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        foreach (var file in Plots) Assert.True(File.Exists(_workspace.PathOf($"{Folder}/{file}")), file);
        string curve = _workspace.ReadFile($"{Folder}/learning_curve.svg");
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", curve);
        Assert.Contains("reward threshold 475", curve);
        Assert.Contains("δ = 0.01", _workspace.ReadFile($"{Folder}/diagnostics.svg"));
        string index = _workspace.ReadFile($"{Folder}/index.html");
        Assert.Contains("<img src=\"learning_curve.svg\"", index);
        Assert.Contains("<td>status</td><td>completed</td>", index);
    }

    [Fact]
    public async Task Identical_runs_give_byte_identical_plots_and_pages()
    {
        FakeEngine.Install(_workspace);
        await _workspace.RunAsync(Train(3));
        var first = Plots.Select(f => _workspace.ReadFile($"{Folder}/{f}")).ToList();

        await _workspace.RunAsync([.. Train(3), "--force"]);

        Assert.Equal(first, Plots.Select(f => _workspace.ReadFile($"{Folder}/{f}")));
    }

    [Fact]
    public async Task Plots_are_refreshed_every_five_epochs_while_the_run_goes_on()
    {
        // Epoch 5's refresh is drawn beside epoch 6's computation (with epoch 5's checkpoint) and is in place before
        // epoch 6's row is appended, so the end of epoch 7's computation is the first moment it must be seen.
        string? seenAtEpoch7 = null, seenAtEpoch4 = null;
        FakeEngine.Install(_workspace, new FakeEngineOptions(AfterEpoch: epoch =>
        {
            string path = _workspace.PathOf($"{Folder}/learning_curve.svg");
            if (epoch == 4) seenAtEpoch4 = File.Exists(path) ? File.ReadAllText(path) : null;
            if (epoch == 7) seenAtEpoch7 = File.ReadAllText(path);
        }));

        await _workspace.RunAsync(Train(8));

        Assert.Null(seenAtEpoch4);
        Assert.NotNull(seenAtEpoch7);
        Assert.Contains("5 epochs", seenAtEpoch7);
        Assert.Contains("8 epochs, completed", _workspace.ReadFile($"{Folder}/learning_curve.svg"));
    }

    [Fact]
    public async Task An_interrupted_run_still_gets_its_plots()
    {
        using var cancel = new CancellationTokenSource();
        FakeEngine.Install(_workspace, new FakeEngineOptions(AfterEpoch: epoch => { if (epoch == 2) cancel.Cancel(); }));

        var result = await _workspace.RunAsync(cancel.Token, Train(5));

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Contains("2 epochs, interrupted", _workspace.ReadFile($"{Folder}/learning_curve.svg"));
        Assert.Contains("<td>status</td><td>interrupted</td>", _workspace.ReadFile($"{Folder}/index.html"));
    }

    [Fact]
    public async Task A_failed_run_still_gets_its_plots()
    {
        FakeEngine.Install(_workspace, new FakeEngineOptions(FailAtEpoch: 2));

        var result = await _workspace.RunAsync(Train(3));

        Assert.Equal(ExitCodes.RuntimeFailure, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("1 epochs, failed", _workspace.ReadFile($"{Folder}/diagnostics.svg"));
    }

    [Fact]
    public async Task Force_clears_old_plots_with_the_other_outputs()
    {
        _workspace.WriteFile("run/learning_curve.svg", "stale");
        _workspace.WriteFile("run/index.html", "stale");
        FakeEngine.Install(_workspace, new FakeEngineOptions(FailAtEpoch: 1));

        await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--out", "run", "--force"]);

        Assert.DoesNotContain("stale", _workspace.ReadFile("run/learning_curve.svg"));
        Assert.DoesNotContain("stale", _workspace.ReadFile("run/index.html"));
    }
}
