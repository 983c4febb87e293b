using Trpo.Cli.Checkpoints;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Numerics;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// The crash-safety promise with real processes: a <c>trpo train</c> killed with SIGKILL at any moment and resumed
/// ends byte-identical to a run that was never killed (config.json, progress.csv and summary.json up to the clock's
/// values, trace.txt). The delicate moments are hit exactly with the test-only hook <c>TRPO_TEST_HOOK</c>
/// (<see cref="TestHook"/>); the others by a plain kill -9 after a seeded random number of epochs.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class CrashResumeProcessTests(ProcessScenarios scenarios) : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string[] ScenarioArgs(string scenario) => scenario switch
    {
        "pendulum" => ProcessScenarios.Pendulum,
        "pendulum-gsde" => ProcessScenarios.PendulumGsde,
        _ => ProcessScenarios.CartPole,
    };

    /// <summary>Starts the run with the hook armed, checks it died there, resumes (with <paramref name="resumeWith"/>) and compares.</summary>
    [Theory]
    [InlineData("cartpole", "config-half-written:0", "train")]     // killed while writing config.json: train --resume starts the run
    [InlineData("cartpole", "progress-row:1", "resume")]           // the first row is on disk, no checkpoint yet: starts again at epoch 0
    [InlineData("cartpole", "progress-half-row:4", "resume")]      // half of epoch 4's row is on disk: the torn row is cut off and redone
    [InlineData("cartpole", "progress-row:3", "resume")]           // epoch 3's row is on disk, its checkpoint is not: the row is cut off and redone
    [InlineData("cartpole", "checkpoint-half-written:6", "train")] // killed in the middle of writing epoch 6's checkpoint: half a temp file
    [InlineData("cartpole", "checkpoint-written:5", "train")]      // epoch 5's checkpoint is a complete temp file, never renamed
    [InlineData("cartpole", "checkpoint-renamed:2", "resume")]     // epoch 2's checkpoint in place, older ones not yet pruned
    [InlineData("cartpole", "before-summary:8", "train")]          // every epoch done and checkpointed, summary.json never written
    [InlineData("pendulum", "checkpoint-half-written:2", "resume")]
    [InlineData("pendulum", "checkpoint-written:3", "resume")]
    [InlineData("pendulum", "progress-row:6", "train")]
    [InlineData("pendulum-gsde", "checkpoint-half-written:4", "resume")]
    public void A_run_killed_at_a_hook_point_and_resumed_is_byte_identical_to_an_uninterrupted_run(string scenario, string crashAt, string resumeWith)
    {
        var args = ScenarioArgs(scenario);
        var reference = scenarios.Reference(args);

        var crashed = CliProcess.Run(_workspace.Root, new Dictionary<string, string> { [TestHook.Variable] = crashAt }, [.. args, "--out", "run"]);
        Assert.Equal(128 + 9, crashed.ExitCode); // died by SIGKILL, at the hook
        Assert.Contains($"{TestHook.Variable}: kill at {crashAt.Replace(":", " of epoch ")}", crashed.Error);
        Assert.False(File.Exists(_workspace.PathOf("run/summary.json")));
        AssertLeftAsThePointSays(crashAt);

        var resumed = Resume(resumeWith, args);
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal("", resumed.Error);
        RunFolderComparison.AssertSameOutputs(reference, _workspace.PathOf("run"));
        AssertTwoCheckpointsLeft();
    }

    [Theory]
    [InlineData("cartpole", 1UL, 2)]
    [InlineData("cartpole", 2UL, 3)]
    [InlineData("pendulum", 3UL, 2)]
    public void A_run_killed_with_sigkill_several_times_after_seeded_random_epochs_and_resumed_each_time_is_byte_identical(string scenario, ulong seed, int kills)
    {
        var args = ScenarioArgs(scenario);
        var reference = scenarios.Reference(args);
        int epochs = int.Parse(args[Array.IndexOf(args, "--epochs") + 1]);
        var rng = Rng.ForStream(seed, RngPurpose.Test);
        var progress = _workspace.PathOf("run/progress.csv");

        string[] start = [.. args, "--out", "run"];
        for (int kill = 0; kill < kills; kill++)
        {
            // kill as soon as progress.csv holds `rows` epochs: somewhere in the trace, checkpoint or next epoch
            int rows = 1 + rng.NextBelow(epochs - 1);
            using (var process = CliProcess.Start(_workspace.Root, null, start))
            {
                if (process.WaitForLines(progress, 1 + rows)) process.Kill();
                process.WaitForExit();
            }
            start = ["resume", "run"];
        }
        var resumed = CliProcess.Run(_workspace.Root, null, "resume", "run");
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        RunFolderComparison.AssertSameOutputs(reference, _workspace.PathOf("run"));
    }

    /// <summary>The run folder is in the state the hook point describes (so each case tests the moment it names).</summary>
    private void AssertLeftAsThePointSays(string crashAt)
    {
        var (point, epoch) = (crashAt.Split(':')[0], int.Parse(crashAt.Split(':')[1]));
        if (point == "config-half-written")
        {
            // half a temp file and nothing else: trpo resume has no configuration to go on with and says so
            Assert.Equal([RunFolder.ConfigFileName + AtomicFile.TempSuffix], RunFolderComparison.OutputFiles(_workspace.PathOf("run")));
            var resume = CliProcess.Run(_workspace.Root, null, "resume", "run");
            Assert.Equal(ExitCodes.BadInput, resume.ExitCode);
            Assert.Contains("was stopped while writing its config.json, before any epoch", resume.Error);
            return;
        }
        var progress = File.ReadAllText(_workspace.PathOf("run/progress.csv"));
        var checkpoints = _workspace.PathOf($"run/{CheckpointStore.DirectoryName}");
        var complete = Directory.Exists(checkpoints)
            ? Directory.GetFiles(checkpoints, "*.ckpt").Select(p => int.Parse(Path.GetFileNameWithoutExtension(p)["epoch-".Length..])).Order().ToList()
            : [];
        var temp = Path.Combine(checkpoints, CheckpointStore.FileName(epoch) + AtomicFile.TempSuffix);
        int lines = progress.Count(c => c == '\n'); // the header and the whole rows
        switch (point)
        {
            case "progress-half-row":
                Assert.Equal(epoch, lines);
                Assert.False(progress.EndsWith('\n'), "a torn row ends the file");
                Assert.Equal(epoch - 1, complete.LastOrDefault());
                break;
            case "progress-row":
                Assert.Equal(1 + epoch, lines);
                Assert.Equal(epoch - 1, complete.LastOrDefault());
                break;
            case "checkpoint-half-written":
                Assert.Equal(epoch - 1, complete.LastOrDefault());
                Assert.Throws<CorruptCheckpointException>(() => CheckpointFile.Parse(File.ReadAllBytes(temp)));
                break;
            case "checkpoint-written":
                Assert.Equal(epoch - 1, complete.LastOrDefault());
                Assert.Equal(epoch, CheckpointFile.Parse(File.ReadAllBytes(temp)).Epoch);
                break;
            case "checkpoint-renamed":
                Assert.Equal(Enumerable.Range(Math.Max(1, epoch - 2), Math.Min(epoch, 3)), complete); // the new one and the two before it
                break;
            case "before-summary":
                Assert.Equal(1 + epoch, lines);
                Assert.Equal([epoch - 1, epoch], complete);
                break;
            default:
                Assert.Fail($"no expectation for {point}");
                break;
        }
    }

    private CliResult Resume(string how, string[] trainArgs)
        => how == "resume"
            ? CliProcess.Run(_workspace.Root, null, "resume", "run")
            : CliProcess.Run(_workspace.Root, null, [.. trainArgs, "--out", "run", "--resume"]);

    private void AssertTwoCheckpointsLeft()
    {
        var left = Directory.GetFiles(_workspace.PathOf($"run/{CheckpointStore.DirectoryName}")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, left.Count);
        Assert.All(left, name => Assert.EndsWith(".ckpt", name));
    }
}
