using Trpo.Cli.Checkpoints;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// Resuming in-process: what a crash can leave behind (a half row, a damaged checkpoint) is repaired on resume and
/// the run ends byte-identical to the uninterrupted one; what does not belong to the run is refused.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly string[] Tiny =
        ["train", "--env", "CartPole-v1", "--epochs", "4", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4", "--set", "train_v_iters=1", "--trace"];

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task Complete(string folder)
    {
        var result = await _workspace.RunAsync([.. Tiny, "--out", folder]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
    }

    private string Checkpoint(string folder, int epoch) => _workspace.PathOf($"{folder}/checkpoint/{CheckpointStore.FileName(epoch)}");

    /// <summary>The state a crash in epoch 4 leaves: epoch 4's row and trace block (or half of them) on disk, its checkpoint and summary.json not.</summary>
    private void CrashDuringTheLastEpoch(string folder)
    {
        File.Delete(Checkpoint(folder, 4));
        File.Delete(_workspace.PathOf($"{folder}/summary.json"));
        File.AppendAllText(_workspace.PathOf($"{folder}/progress.csv"), "5,320,1,17.5,0,17");
        File.AppendAllText(_workspace.PathOf($"{folder}/trace.txt"), "epoch 5\nbatch.obs_sha256 ab");
    }

    /// <summary>The uninterrupted run: in <c>ref/run</c>, as the plots name a run after its folder.</summary>
    private const string Reference = "ref/run";

    private void AssertSameAsReference(string folder) => RunFolderComparison.AssertSameOutputs(_workspace.PathOf(Reference), _workspace.PathOf(folder));

    [Fact]
    public async Task Resume_cuts_what_a_crash_left_of_an_unfinished_epoch_and_ends_identical()
    {
        await Complete(Reference);
        await Complete("run");
        CrashDuringTheLastEpoch("run");

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal("", resumed.Error);
        Assert.StartsWith("epoch 4/4  ", resumed.Out); // only the lost epoch is computed again
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task A_gsde_run_resumed_after_a_crash_ends_byte_identical_to_the_uninterrupted_one()
    {
        // gSDE adds the exploration matrices' streams to the checkpoint; sde_sample_freq 4 redraws inside each rollout
        string[] gsde = ["train", "--env", "Pendulum-v1", "--epochs", "4", "--preset", "sb3", "--set", "steps_per_epoch=64", "--set", "num_envs=2",
            "--set", "hidden_sizes=4", "--set", "train_v_iters=1", "--set", "use_sde=true", "--set", "sde_sample_freq=4", "--trace"];
        foreach (var folder in new[] { Reference, "run" })
        {
            var result = await _workspace.RunAsync([.. gsde, "--out", folder]);
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        }
        CrashDuringTheLastEpoch("run");

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.StartsWith("epoch 4/4  ", resumed.Out); // epoch 4 is collected again from the restored streams
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task A_truncated_newest_checkpoint_falls_back_to_the_previous_one_with_one_warning_and_ends_identical()
    {
        await Complete(Reference);
        await Complete("run");
        File.Delete(_workspace.PathOf("run/summary.json"));
        File.WriteAllBytes(Checkpoint("run", 4), File.ReadAllBytes(Checkpoint("run", 4))[..^100]);

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Matches(@"^warning: checkpoint 'run/checkpoint/epoch-000004\.ckpt' is unusable: it is truncated \(\d+ of \d+ body bytes\); using 'run/checkpoint/epoch-000003\.ckpt' instead$",
            Assert.Single(resumed.ErrorLines));
        Assert.StartsWith("epoch 4/4  ", resumed.Out);
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task A_corrupted_newest_checkpoint_is_caught_by_its_checksum_and_the_previous_one_is_used()
    {
        await Complete(Reference);
        await Complete("run");
        var bytes = File.ReadAllBytes(Checkpoint("run", 4));
        bytes[bytes.Length / 2] ^= 0x20; // one flipped bit in the middle of the state
        File.WriteAllBytes(Checkpoint("run", 4), bytes);
        File.Delete(_workspace.PathOf("run/summary.json"));

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal("warning: checkpoint 'run/checkpoint/epoch-000004.ckpt' is unusable: its checksum does not match (the file was altered or damaged); using 'run/checkpoint/epoch-000003.ckpt' instead",
            Assert.Single(resumed.ErrorLines));
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task With_every_checkpoint_damaged_the_run_starts_again_from_epoch_0_and_still_ends_identical()
    {
        await Complete(Reference);
        await Complete("run");
        File.WriteAllText(Checkpoint("run", 3), "");
        File.WriteAllText(Checkpoint("run", 4), "{}");

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal(2, resumed.ErrorLines.Count);
        Assert.All(resumed.ErrorLines, l => Assert.EndsWith("no usable checkpoint is left, so the run starts again from epoch 0", l));
        Assert.StartsWith("epoch 1/4  ", resumed.Out);
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task Resuming_a_completed_run_computes_nothing_and_leaves_its_outputs_as_they_were()
    {
        await Complete(Reference);
        await Complete("run");

        var resumed = await _workspace.RunAsync("resume", "run");

        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal([$"run folder: {_workspace.PathOf("run")}"], resumed.Out.TrimEnd('\n').Split('\n'));
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task Train_with_resume_into_a_missing_folder_starts_the_run()
    {
        await Complete(Reference);

        var result = await _workspace.RunAsync([.. Tiny, "--out", "run", "--resume"]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task Train_with_resume_goes_on_from_the_checkpoint_when_the_options_are_the_same()
    {
        await Complete(Reference);
        await Complete("run");
        CrashDuringTheLastEpoch("run");

        var result = await _workspace.RunAsync([.. Tiny, "--out", "run", "--resume", "--threads", "3"]); // threads change no bit

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.StartsWith("epoch 4/4  ", result.Out);
        AssertSameAsReference("run");
    }

    [Fact]
    public async Task Force_deletes_the_old_checkpoints_so_a_later_resume_cannot_pick_them_up()
    {
        await Complete("run");

        var forced = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--epochs", "1", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4", "--out", "run", "--force"]);

        Assert.True(forced.ExitCode == ExitCodes.Ok, forced.Error);
        Assert.Equal(["epoch-000001.ckpt"], Directory.GetFiles(_workspace.PathOf("run/checkpoint")).Select(Path.GetFileName));
        Assert.False(File.Exists(_workspace.PathOf("run/trace.txt")));
    }
}
