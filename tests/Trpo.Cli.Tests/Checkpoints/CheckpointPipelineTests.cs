using Trpo.Cli.Checkpoints;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Checkpoints;

/// <summary>
/// <see cref="CheckpointPipeline"/>: a checkpoint is written while the caller goes on, one at a time and in order, and
/// its failure reaches the caller at the next wait; <c>trpo train</c> computes the next epoch meanwhile.
/// </summary>
public sealed class CheckpointPipelineTests : IDisposable
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private CheckpointPipeline Pipeline(IFileSystem files)
        => new(new CheckpointStore(files, _workspace.PathOf("checkpoint"), "run/checkpoint", TestHook.None), lastSaved: 0);

    private static Checkpoint At(int epoch) => SampleCheckpoints.At(epoch);

    private string[] Files() => Directory.GetFiles(_workspace.PathOf("checkpoint")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public async Task Begin_returns_while_the_checkpoint_is_still_being_written_and_Wait_puts_it_in_place()
    {
        var files = new GatedFileSystem { GatedFile = "epoch-000001.ckpt.tmp" };
        var pipeline = Pipeline(files);

        await Task.Run(() => pipeline.Begin(At(1))).WaitAsync(Prompt); // a Begin that waited for the write would time out here
        Assert.Equal(0, pipeline.LastSaved);
        Assert.False(File.Exists(_workspace.PathOf("checkpoint/epoch-000001.ckpt")));

        files.Gate.Set();
        pipeline.Wait();

        Assert.Equal(1, pipeline.LastSaved);
        Assert.Equal(["epoch-000001.ckpt"], Files());
    }

    [Fact]
    public async Task The_next_checkpoint_starts_only_after_the_previous_one_is_in_place()
    {
        var files = new GatedFileSystem { GatedFile = "epoch-000001.ckpt.tmp" };
        var pipeline = Pipeline(files);
        pipeline.Begin(At(1));

        var second = Task.Run(() => pipeline.Begin(At(2)));
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(second.IsCompleted, "the second Begin did not wait for the first checkpoint");
        files.Gate.Set();
        await second.WaitAsync(Prompt);
        pipeline.Wait();

        Assert.Equal(2, pipeline.LastSaved);
        Assert.Equal(["waiting epoch-000001.ckpt.tmp", "create epoch-000001.ckpt.tmp", "move epoch-000001.ckpt",
            "create epoch-000002.ckpt.tmp", "move epoch-000002.ckpt"], files.Events);
    }

    [Fact]
    public void What_follows_a_checkpoint_runs_once_it_is_in_place_and_is_waited_for_with_it()
    {
        var pipeline = Pipeline(PhysicalFileSystem.Instance);
        bool? inPlace = null;

        pipeline.Begin(At(1), () => inPlace = File.Exists(_workspace.PathOf("checkpoint/epoch-000001.ckpt")));
        pipeline.Wait();

        Assert.True(inPlace);
    }

    [Fact]
    public void A_checkpoint_that_cannot_be_written_fails_the_next_wait_and_the_last_saved_epoch_stays()
    {
        var pipeline = Pipeline(new FaultyFileSystem { FailingFile = "epoch-000002.ckpt.tmp" });
        pipeline.Begin(At(1));
        pipeline.Begin(At(2));

        var failure = Assert.Throws<IOException>(pipeline.Wait);

        Assert.Equal("No space left on device", failure.Message);
        Assert.Equal(1, pipeline.LastSaved);
        Assert.Equal(["epoch-000001.ckpt"], Files()); // no temp file left behind
        pipeline.Wait(); // reported once
    }

    [Fact]
    public void Waiting_after_a_failure_drops_a_file_error_but_not_a_bug()
    {
        var full = Pipeline(new FaultyFileSystem { FailingFile = "epoch-000001.ckpt.tmp" });
        full.Begin(At(1));
        full.WaitAfterFailure();
        Assert.Equal(0, full.LastSaved);

        var buggy = Pipeline(PhysicalFileSystem.Instance);
        buggy.Begin(At(1), () => throw new InvalidOperationException("a bug"));
        Assert.Throws<InvalidOperationException>(buggy.WaitAfterFailure);
    }

    [Fact]
    public async Task Train_computes_the_next_epoch_while_the_previous_checkpoint_is_written()
    {
        var files = new GatedFileSystem { GatedFile = "epoch-000001.ckpt.tmp" };
        // epoch 1's checkpoint is held until epoch 2 has been computed: a train loop that saved in line would never get there
        FakeEngine.Install(_workspace, new FakeEngineOptions(AfterEpoch: epoch =>
        {
            files.Events.Enqueue($"epoch {epoch} computed");
            if (epoch == 2) files.Gate.Set();
        }));
        GatedFileSystem.Install(_workspace, files);

        var result = await _workspace.RunAsync("train", "--env", "CartPole-v1", "--epochs", "3", "--set", "steps_per_epoch=64");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var events = files.Events.ToList();
        int At(string what) => events.IndexOf(what) is >= 0 and var i ? i : throw new Xunit.Sdk.XunitException($"no '{what}' in {string.Join(", ", events)}");
        Assert.True(At("epoch 1 computed") < At("epoch 2 computed"));
        Assert.True(At("epoch 2 computed") < At("create epoch-000001.ckpt.tmp"), "epoch 1's checkpoint was written before epoch 2 ran");
        Assert.True(At("move epoch-000001.ckpt") < At("create epoch-000002.ckpt.tmp"), "two checkpoints were written at once");
        Assert.True(At("move epoch-000001.ckpt") < At("epoch 3 computed"));
        Assert.Equal(3, File.ReadAllLines(_workspace.PathOf("runs/CartPole-v1__spinningup__seed0/progress.csv")).Length - 1);
    }
}
