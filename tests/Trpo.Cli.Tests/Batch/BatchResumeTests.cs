using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trpo.Cli.Commands;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.State;
using Trpo.Core.Tracing;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Batch;

/// <summary>
/// A batch cancelled mid-run and run again goes on from each run's last checkpoint, with the real engine, and ends
/// with exactly the bytes of a batch that was never interrupted (wall times aside), aggregate outputs included.
/// </summary>
public sealed class BatchResumeTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private const string Experiment = """
        {
          "name": "resume",
          "preset": "sb3",
          "overrides": { "steps_per_epoch": 64, "hidden_sizes": [4], "train_v_iters": 1, "cg_iters": 3 },
          "environments": ["CartPole-v1"],
          "seeds": [0, 1, 2],
          "budget": { "epochs": 4 }
        }
        """;

    private const int Runs = 3, EpochsPerRun = 4;

    [Fact]
    public async Task A_cancelled_batch_rerun_resumes_from_checkpoints_and_ends_byte_identical_to_an_uninterrupted_one()
    {
        _workspace.WriteFile("e.json", Experiment);
        var epochs = 0;
        using var cancel = new CancellationTokenSource();
        _workspace.Services = services => services.AddSingleton<EpochSourceFactory>((settings, execution) =>
            new CountingSource(TrainerEpochSource.Start(settings, execution), () =>
            {
                if (Interlocked.Increment(ref epochs) == 3) cancel.Cancel();
            }));

        var stopped = await _workspace.RunAsync(cancel.Token, "batch", "e.json", "--parallel", "2", "--out", "cut");
        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.Out + stopped.Error);
        var doneBeforeCancel = epochs;
        Assert.InRange(doneBeforeCancel, 3, 4); // the other running run finishes the epoch it is in
        var cutShort = Enumerable.Range(0, Runs)
            .Select(seed => _workspace.PathOf($"cut/CartPole-v1__seed{seed}/summary.json"))
            .Where(File.Exists)
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("epochs_completed").GetInt32())
            .Count(n => n is > 0 and < EpochsPerRun);
        Assert.True(cutShort >= 1, "at least one run stopped part-way, with a checkpoint to resume from");

        var rerun = await _workspace.RunAsync("batch", "e.json", "--parallel", "2", "--out", "cut");
        Assert.True(rerun.ExitCode == ExitCodes.Ok, rerun.Out + rerun.Error);
        Assert.Equal(Runs * EpochsPerRun, epochs); // no epoch computed twice: each run went on from its checkpoint
        Assert.Contains("resumed   CartPole-v1__seed", rerun.Out);

        var whole = await _workspace.RunAsync("batch", "e.json", "--parallel", "2", "--out", "whole");
        Assert.True(whole.ExitCode == ExitCodes.Ok, whole.Out + whole.Error);
        Assert.Equal(2 * Runs * EpochsPerRun, epochs);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("aggregate", "cut")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("aggregate", "whole")).ExitCode);

        var expected = BatchFolderFiles.Scrubbed(_workspace.PathOf("whole"));
        Assert.Contains("aggregate.csv", expected.Keys);
        Assert.Contains("CartPole-v1__seed2/progress.csv", expected.Keys);
        BatchFolderFiles.AssertSame(expected, BatchFolderFiles.Scrubbed(_workspace.PathOf("cut")), "between the resumed and the uninterrupted batch");
    }

    /// <summary>The real engine, with a callback after every epoch.</summary>
    private sealed class CountingSource(IEpochSource inner, Action afterEpoch) : IEpochSource
    {
        public EpochReport RunEpoch()
        {
            var report = inner.RunEpoch();
            afterEpoch();
            return report;
        }

        public EpochTrace? LastTrace => inner.LastTrace;

        public EngineState CaptureState() => inner.CaptureState();

        public void RestoreState(EngineState state) => inner.RestoreState(state);
    }
}
