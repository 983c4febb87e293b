using System.Text.Json;
using System.Text.RegularExpressions;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Commands;

/// <summary>
/// <c>trpo train</c> end to end with a fake engine (<see cref="FakeEngine"/>): what the host does with each epoch,
/// independent of the TRPO implementation. The same checks against the real engine are in TrainEndToEndTests.
/// </summary>
public sealed class TrainCommandTests : IDisposable
{
    private const string Folder = "runs/CartPole-v1__spinningup__seed0";
    private static readonly string[] Train3Epochs = ["train", "--env", "CartPole-v1", "--epochs", "3", "--set", "steps_per_epoch=64"];
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string[] ProgressLines() => _workspace.ReadFile($"{Folder}/progress.csv").Split('\n');

    private JsonElement Summary() => JsonDocument.Parse(_workspace.ReadFile($"{Folder}/summary.json")).RootElement.Clone();

    [Fact]
    public async Task Completed_run_exits_0_and_prints_the_run_folder_last()
    {
        FakeEngine.Install(_workspace);

        var result = await _workspace.RunAsync(Train3Epochs);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal($"run folder: {_workspace.PathOf(Folder)}", lines[^1]);
    }

    [Fact]
    public async Task Progress_csv_has_the_fixed_header_and_one_exact_row_per_epoch()
    {
        FakeEngine.Install(_workspace);

        await _workspace.RunAsync(Train3Epochs);

        var lines = ProgressLines();
        Assert.Equal(
            "epoch,env_steps,episodes,return_mean,return_std,return_min,return_max,length_mean,kl,entropy," +
            "surrogate_improvement,backtracks,accepted_step_fraction,cg_residual,curvature,value_loss,explained_variance," +
            "skip_reason,wall_seconds",
            lines[0]);
        Assert.Equal(5, lines.Length); // header, 3 rows, and the empty string after the final LF
        Assert.Equal("", lines[^1]);
        Assert.Equal("1,64,2,10.5,1.25,9.25,11.75,32,0.0087,0.6931471805599453,0.30000000000000004,1,0.8,1E-11,0.02,12.3,-0.5,,",
            ProgressCsv.WithoutWallSeconds(lines[1]));
        Assert.Equal("2,128,0,NaN,NaN,NaN,NaN,NaN,0,0.6931471805599453,0,10,0,1E-11,-1.5,12.3,-0.5,\"curvature <= 0, step skipped\",",
            ProgressCsv.WithoutWallSeconds(lines[2]));
        Assert.StartsWith("3,192,2,31.5,", lines[3]);
    }

    [Fact]
    public async Task Wall_seconds_is_a_non_decreasing_round_trip_double()
    {
        FakeEngine.Install(_workspace);

        await _workspace.RunAsync(Train3Epochs);

        var walls = ProgressLines()[1..^1].Select(l => double.Parse(l[(l.LastIndexOf(',') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, walls.Count);
        Assert.All(walls, w => Assert.True(w >= 0));
        Assert.Equal(walls.Order(), walls);
    }

    [Fact]
    public async Task Summary_records_a_completed_run_with_final_and_best_return()
    {
        FakeEngine.Install(_workspace);

        await _workspace.RunAsync(Train3Epochs);

        var summary = Summary();
        Assert.Equal(
            ["best_return_mean", "env", "env_steps", "epochs", "epochs_completed", "final_return_mean", "preset", "seed", "status", "wall_seconds"],
            summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        Assert.Equal("CartPole-v1", summary.GetProperty("env").GetString());
        Assert.Equal(3, summary.GetProperty("epochs_completed").GetInt32());
        Assert.Equal(192, summary.GetProperty("env_steps").GetInt64());
        Assert.Equal(31.5, summary.GetProperty("final_return_mean").GetDouble());
        Assert.Equal(31.5, summary.GetProperty("best_return_mean").GetDouble());
        Assert.True(summary.GetProperty("wall_seconds").GetDouble() >= 0);
        Assert.False(File.Exists(_workspace.PathOf($"{Folder}/summary.json.tmp")));
    }

    [Fact]
    public async Task Final_return_is_null_when_the_last_epoch_finished_no_episode()
    {
        FakeEngine.Install(_workspace);

        await _workspace.RunAsync("train", "--env", "CartPole-v1", "--epochs", "2");

        Assert.Equal(JsonValueKind.Null, Summary().GetProperty("final_return_mean").ValueKind);
        Assert.Equal(10.5, Summary().GetProperty("best_return_mean").GetDouble());
    }

    [Fact]
    public async Task Redirected_output_gets_one_plain_line_per_epoch()
    {
        FakeEngine.Install(_workspace);

        var result = await _workspace.RunAsync(Train3Epochs);

        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(EpochLinePattern("epoch 1/3  steps 64  return 10.5 ± 1.2  kl 0.0087  step 0.800  vloss 12.3"), lines[0]);
        Assert.Matches(EpochLinePattern("epoch 2/3  steps 128  return n/a  kl 0.0000  step 0.000  vloss 12.3", "  skipped: curvature <= 0, step skipped"), lines[1]);
        Assert.Matches(EpochLinePattern("epoch 3/3  steps 192  return 31.5 ± 1.2  kl 0.0087  step 0.800  vloss 12.3"), lines[2]);
    }

    [Fact]
    public async Task Cancellation_stops_after_the_current_epoch_records_interrupted_and_exits_130()
    {
        using var cancel = new CancellationTokenSource();
        FakeEngine.Install(_workspace, new FakeEngineOptions(AfterEpoch: epoch => { if (epoch == 2) cancel.Cancel(); }));

        var result = await _workspace.RunAsync(cancel.Token, "train", "--env", "CartPole-v1", "--epochs", "5");

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Equal([$"interrupted after 2 of 5 epochs; checkpoint saved; resume with: trpo resume {Folder}"], result.ErrorLines);
        Assert.Equal(4, ProgressLines().Length); // header, 2 rows, final empty string
        Assert.Equal("interrupted", Summary().GetProperty("status").GetString());
        Assert.Equal(2, Summary().GetProperty("epochs_completed").GetInt32());
        Assert.EndsWith($"run folder: {_workspace.PathOf(Folder)}\n", result.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Engine_failure_exits_1_with_one_line_and_records_the_failed_run()
    {
        FakeEngine.Install(_workspace, new FakeEngineOptions(FailAtEpoch: 2));

        var result = await _workspace.RunAsync(Train3Epochs);

        Assert.Equal(ExitCodes.RuntimeFailure, result.ExitCode);
        Assert.Equal(
            [$"error: training failed after 1 of 3 epochs: InvalidOperationException: boom; run folder: {_workspace.PathOf(Folder)}"],
            result.ErrorLines);
        Assert.Equal("failed", Summary().GetProperty("status").GetString());
        Assert.Equal(3, ProgressLines().Length); // header, 1 row, final empty string
    }

    [Fact]
    public async Task Engine_failure_with_verbose_adds_the_details()
    {
        FakeEngine.Install(_workspace, new FakeEngineOptions(FailAtEpoch: 1));

        var result = await _workspace.RunAsync([.. Train3Epochs, "--verbose"]);

        Assert.Equal(ExitCodes.RuntimeFailure, result.ExitCode);
        Assert.StartsWith("error: training failed after 0 of 3 epochs", result.ErrorLines[0]);
        Assert.Contains(result.ErrorLines, l => l.Contains("System.InvalidOperationException: boom", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Running_the_same_command_twice_with_force_gives_the_same_progress_apart_from_wall_seconds()
    {
        FakeEngine.Install(_workspace);

        await _workspace.RunAsync(Train3Epochs);
        var first = ProgressLines().Select(ProgressCsv.WithoutWallSeconds).ToList();
        var again = await _workspace.RunAsync([.. Train3Epochs, "--force"]);

        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal(first, ProgressLines().Select(ProgressCsv.WithoutWallSeconds));
    }

    private static string EpochLinePattern(string stable, string suffix = "")
        => "^" + Regex.Escape(stable) + @"  \(\d+\.\d s\)" + Regex.Escape(suffix) + "$";
}
