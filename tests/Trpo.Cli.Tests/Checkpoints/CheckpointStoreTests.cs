using Trpo.Cli.Checkpoints;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _workspace.Dispose();

    private CheckpointStore Store() => new(PhysicalFileSystem.Instance, _workspace.PathOf("checkpoint"), "run/checkpoint", TestHook.None);

    private static Checkpoint At(int epoch) => SampleCheckpoints.At(epoch);

    private string[] Files() => Directory.GetFiles(_workspace.PathOf("checkpoint")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Saving_keeps_the_newest_two_checkpoints_and_removes_stray_temp_files()
    {
        var store = Store();
        store.Save(At(1));
        _workspace.WriteFile("checkpoint/epoch-000002.ckpt.tmp", "half a file");
        store.Save(At(2));
        store.Save(At(3));
        Assert.Equal(["epoch-000002.ckpt", "epoch-000003.ckpt"], Files());
        Assert.Equal(3, store.LoadNewest(_warnings.Add)!.Epoch);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Saving_removes_leftovers_newer_than_the_epoch_saved()
    {
        var store = Store();
        store.Save(At(1));
        store.Save(At(2));
        _workspace.WriteFile("checkpoint/epoch-000009.ckpt", "garbage from another life");
        store.Save(At(3));
        Assert.Equal(["epoch-000002.ckpt", "epoch-000003.ckpt"], Files());
    }

    [Fact]
    public void A_truncated_newest_checkpoint_falls_back_to_the_previous_one_with_one_warning()
    {
        var store = Store();
        store.Save(At(4));
        store.Save(At(5));
        var newest = _workspace.PathOf("checkpoint/epoch-000005.ckpt");
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..^7]);

        var loaded = store.LoadNewest(_warnings.Add);

        Assert.Equal(4, loaded!.Epoch);
        var warning = Assert.Single(_warnings);
        Assert.Matches(@"^warning: checkpoint 'run/checkpoint/epoch-000005\.ckpt' is unusable: it is truncated \(\d+ of \d+ body bytes\); using 'run/checkpoint/epoch-000004\.ckpt' instead$", warning);
    }

    [Fact]
    public void When_every_checkpoint_is_damaged_each_gets_a_warning_and_the_run_starts_again()
    {
        var store = Store();
        store.Save(At(1));
        store.Save(At(2));
        _workspace.WriteFile("checkpoint/epoch-000001.ckpt", "garbage");
        _workspace.WriteFile("checkpoint/epoch-000002.ckpt", "");

        Assert.Null(store.LoadNewest(_warnings.Add));
        Assert.Equal(2, _warnings.Count);
        Assert.All(_warnings, w => Assert.EndsWith("; no usable checkpoint is left, so the run starts again from epoch 0", w));
    }

    [Fact]
    public void A_checkpoint_whose_name_and_content_disagree_is_unusable()
    {
        var store = Store();
        store.Save(At(1));
        File.Copy(_workspace.PathOf("checkpoint/epoch-000001.ckpt"), _workspace.PathOf("checkpoint/epoch-000007.ckpt"));
        Assert.Equal(1, store.LoadNewest(_warnings.Add)!.Epoch);
        Assert.Contains("it holds epoch 1, not 7", Assert.Single(_warnings));
    }

    [Fact]
    public void A_checkpoint_of_another_format_version_is_a_user_error()
    {
        Directory.CreateDirectory(_workspace.PathOf("checkpoint"));
        File.WriteAllBytes(_workspace.PathOf("checkpoint/epoch-000003.ckpt"), CheckpointFile.Serialize(At(3), formatVersion: 9));
        var ex = Assert.Throws<UserError>(() => Store().LoadNewest(_warnings.Add));
        Assert.Equal("checkpoint 'run/checkpoint/epoch-000003.ckpt' cannot be resumed: it has format version 9; this trpo reads version 1; resume it with the trpo that wrote it, or start over with --force", ex.Message);
    }

    [Fact]
    public void An_empty_or_missing_folder_has_no_checkpoint()
        => Assert.Null(Store().LoadNewest(_warnings.Add));
}
