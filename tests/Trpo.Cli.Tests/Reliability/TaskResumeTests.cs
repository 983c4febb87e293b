using System.Text.Json;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// The tasks beyond Gymnasium (LQR-v0, CartPoleSwingUp-v0, Reacher2D-v0) under crash and resume: their environment
/// state is in the checkpoint, so a run resumed after a crash in its last epoch ends byte-identical to the
/// uninterrupted one, LQR-v0's cost gap in summary.json included; an LQR-v0 run's own system (<c>lqr_*</c> keys)
/// is what <c>trpo resume</c> goes on with.
/// </summary>
public sealed class TaskResumeTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string[] Tiny(string env, params string[] sets)
    {
        var args = new List<string> { "train", "--env", env, "--epochs", "3", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4", "--set", "train_v_iters=1", "--trace" };
        foreach (var set in sets) args.AddRange(["--set", set]);
        return [.. args];
    }

    private async Task Complete(string[] command, string folder)
    {
        var result = await _workspace.RunAsync([.. command, "--out", folder]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
    }

    /// <summary>What a crash in epoch 3 leaves: part of its row and trace block on disk, its checkpoint and summary.json not.</summary>
    private void CrashDuringTheLastEpoch(string folder)
    {
        File.Delete(_workspace.PathOf($"{folder}/checkpoint/{CheckpointStore.FileName(3)}"));
        File.Delete(_workspace.PathOf($"{folder}/summary.json"));
        File.AppendAllText(_workspace.PathOf($"{folder}/progress.csv"), "3,192,1,-17.5,0");
        File.AppendAllText(_workspace.PathOf($"{folder}/trace.txt"), "epoch 3\nbatch.obs_sha256 ab");
    }

    public static TheoryData<string, string[]> Tasks() => new()
    {
        { "LQR-v0", [] },
        { "LQR-v0", ["lqr_a=0.9,0.2;0,0.8", "lqr_horizon=40", "lqr_start_high=2,0.5"] },
        { "CartPoleSwingUp-v0", [] },
        { "Reacher2D-v0", [] },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public async Task A_run_resumed_after_a_crash_in_its_last_epoch_ends_byte_identical_to_the_uninterrupted_one(string env, string[] sets)
    {
        var command = Tiny(env, sets);
        await Complete(command, "ref/run");
        await Complete(command, "run");
        CrashDuringTheLastEpoch("run");

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal("", resumed.Error);
        Assert.StartsWith("epoch 3/3  ", resumed.Out); // only the lost epoch is computed again
        RunFolderComparison.AssertSameOutputs(_workspace.PathOf("ref/run"), _workspace.PathOf("run"));
        using var summary = JsonDocument.Parse(File.ReadAllText(_workspace.PathOf("run/summary.json")));
        Assert.Equal(env == "LQR-v0", summary.RootElement.TryGetProperty("lqr_cost_gap", out _));
    }

    [Fact]
    public async Task Trpo_plot_on_a_finished_run_of_each_new_task_remakes_the_plots_train_wrote()
    {
        foreach (var env in new[] { "LQR-v0", "CartPoleSwingUp-v0", "Reacher2D-v0" })
        {
            await Complete(Tiny(env), env);
            var written = File.ReadAllBytes(_workspace.PathOf($"{env}/learning_curve.svg"));
            File.Delete(_workspace.PathOf($"{env}/learning_curve.svg"));

            var plotted = await _workspace.RunAsync("plot", env);

            Assert.True(plotted.ExitCode == ExitCodes.Ok, plotted.Error);
            Assert.Equal(written, File.ReadAllBytes(_workspace.PathOf($"{env}/learning_curve.svg")));
        }
    }
}
