using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// A disk that fills up (simulated through <see cref="FaultyFileSystem"/>) in the middle of a write stops the run with
/// exit code 74 and one line saying what to do; nothing already written is lost, and once there is room again the
/// run resumes and ends byte-identical to one that never failed.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const string Folder = "runs/CartPole-v1__spinningup__seed0";
    /// <summary>The run that never failed, in a folder of the same name (the plots name a run after its folder).</summary>
    private const string Reference = "ref/CartPole-v1__spinningup__seed0";
    private static readonly string[] Tiny =
        ["train", "--env", "CartPole-v1", "--epochs", "3", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4", "--set", "train_v_iters=1", "--trace"];

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<CliResult> RunWith(FaultyFileSystem files)
    {
        var reference = await _workspace.RunAsync([.. Tiny, "--out", Reference]);
        Assert.True(reference.ExitCode == ExitCodes.Ok, reference.Error);
        FaultyFileSystem.Install(_workspace, files);
        var result = await _workspace.RunAsync(Tiny);
        _workspace.Services = null; // room again
        return result;
    }

    private async Task AssertResumesToTheReference()
    {
        var resumed = await _workspace.RunAsync("resume", Folder);
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        RunFolderComparison.AssertSameOutputs(_workspace.PathOf(Reference), _workspace.PathOf(Folder));
    }

    private static string Lost(int lastCheckpoint)
        => $"error: cannot write run folder '{Folder}': No space left on device; epochs up to the last checkpoint ({lastCheckpoint}) are kept: fix it and run 'trpo resume {Folder}'";

    [Fact]
    public async Task Disk_full_in_the_middle_of_a_progress_row_keeps_the_earlier_epochs_and_the_run_resumes_identical()
    {
        // writes to progress.csv: the header, epoch 1's row, then epoch 2's row, which gets half-way
        var result = await RunWith(new FaultyFileSystem { FailingFile = "progress.csv", WritesBeforeFailure = 2 });

        Assert.Equal(ExitCodes.OutputFailure, result.ExitCode);
        Assert.Equal([Lost(1)], result.ErrorLines);
        var progress = _workspace.ReadFile($"{Folder}/progress.csv");
        Assert.False(progress.EndsWith('\n'), "the half row is there, as a full disk leaves it");
        Assert.Equal(2, progress.Count(c => c == '\n'));
        await AssertResumesToTheReference();
    }

    [Fact]
    public async Task Disk_full_while_writing_a_checkpoint_keeps_the_previous_checkpoint_and_leaves_no_temp_file()
    {
        var result = await RunWith(new FaultyFileSystem { FailingFile = "epoch-000002.ckpt.tmp" });

        Assert.Equal(ExitCodes.OutputFailure, result.ExitCode);
        Assert.Equal([Lost(1)], result.ErrorLines);
        Assert.Equal(["epoch-000001.ckpt"], Directory.GetFiles(_workspace.PathOf($"{Folder}/checkpoint")).Select(Path.GetFileName));
        await AssertResumesToTheReference();
    }

    [Fact]
    public async Task Disk_full_while_writing_the_last_epochs_checkpoint_is_reported_before_the_summary_and_keeps_the_one_before()
    {
        // the checkpoint is written beside the next epoch's computation; after the last epoch there is none, and the run waits for it
        var result = await RunWith(new FaultyFileSystem { FailingFile = "epoch-000003.ckpt.tmp" });

        Assert.Equal(ExitCodes.OutputFailure, result.ExitCode);
        Assert.Equal([Lost(2)], result.ErrorLines);
        Assert.Equal(["epoch-000001.ckpt", "epoch-000002.ckpt"], Directory.GetFiles(_workspace.PathOf($"{Folder}/checkpoint")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("\"status\": \"failed\"", _workspace.ReadFile($"{Folder}/summary.json"));
        await AssertResumesToTheReference();
    }

    [Fact]
    public async Task Disk_full_while_writing_the_summary_keeps_every_epoch_and_resume_writes_it()
    {
        var result = await RunWith(new FaultyFileSystem { FailingFile = "summary.json.tmp" });

        Assert.Equal(ExitCodes.OutputFailure, result.ExitCode);
        Assert.Equal([$"error: cannot write '{Folder}/summary.json': No space left on device; every epoch is checkpointed: fix it and run 'trpo resume {Folder}'"], result.ErrorLines);
        Assert.False(File.Exists(_workspace.PathOf($"{Folder}/summary.json")));
        Assert.False(File.Exists(_workspace.PathOf($"{Folder}/summary.json.tmp")));
        await AssertResumesToTheReference();
    }

    [Fact]
    public async Task Disk_full_while_writing_config_json_leaves_neither_it_nor_its_temp_file()
    {
        var result = await RunWith(new FaultyFileSystem { FailingFile = "config.json.tmp" });

        Assert.Equal(ExitCodes.OutputFailure, result.ExitCode);
        Assert.Equal([$"error: cannot write run folder '{Folder}': No space left on device"], result.ErrorLines);
        Assert.Empty(Directory.GetFiles(_workspace.PathOf(Folder)));
    }

    [Fact]
    public async Task A_folder_without_write_permission_is_reported_before_anything_runs()
    {
        var result = await RunWith(new FaultyFileSystem { DenyDirectory = _workspace.PathOf("runs") });

        Assert.Equal(ExitCodes.OutputFailure, result.ExitCode);
        Assert.Equal([$"error: cannot write run folder '{Folder}': Access to the path 'CartPole-v1__spinningup__seed0' is denied."], result.ErrorLines);
        Assert.False(Directory.Exists(_workspace.PathOf(Folder)));
    }
}
