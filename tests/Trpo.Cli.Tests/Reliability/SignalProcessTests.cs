using System.Diagnostics;
using System.Text.Json;
using Trpo.Cli.Hosting;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// Ctrl+C and SIGTERM with real processes and real signals: the run stops after the current epoch, says how to
/// resume, exits 130 or 143 with summary.json saying "interrupted", and the resumed run is byte-identical to an
/// uninterrupted one. A second signal ends the process at once, and the run still resumes to the same bytes.
/// The signal is sent while the run is held inside epoch 3 by the test hook (<see cref="TestHook"/>), so where it
/// lands does not depend on timing.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class SignalProcessTests(ProcessScenarios scenarios) : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(SigInt, ExitCodes.Interrupted, "SIGINT")]
    [InlineData(SigTerm, ExitCodes.Terminated, "SIGTERM")]
    public void A_signal_stops_after_the_current_epoch_prints_how_to_resume_and_the_resumed_run_is_byte_identical(int signal, int exitCode, string name)
    {
        if (OperatingSystem.IsWindows()) return; // POSIX signals
        var reference = scenarios.Reference(ProcessScenarios.CartPole);

        CliResult stopped;
        var hook = new Dictionary<string, string> { [TestHook.Variable] = "progress-row:3:wait-for-stop" };
        using (var process = CliProcess.Start(_workspace.Root, hook, [.. ProcessScenarios.CartPole, "--out", "run"]))
        {
            process.WaitForError("wait-for-stop at progress-row of epoch 3");
            process.Signal(signal);
            stopped = process.WaitForExit();
        }

        Assert.True(stopped.ExitCode == exitCode, stopped.Error);
        Assert.Equal(
            [$"{TestHook.Variable}: wait-for-stop at progress-row of epoch 3",
             $"{name}: stopping after the current epoch (signal again to abort now)",
             "interrupted after 3 of 8 epochs; checkpoint saved; resume with: trpo resume run"],
            stopped.ErrorLines);
        var summary = JsonDocument.Parse(File.ReadAllText(_workspace.PathOf("run/summary.json"))).RootElement;
        Assert.Equal("interrupted", summary.GetProperty("status").GetString());
        Assert.Equal(3, summary.GetProperty("epochs_completed").GetInt32());
        Assert.Equal(1 + 3, File.ReadAllText(_workspace.PathOf("run/progress.csv")).Count(c => c == '\n'));

        var resumed = CliProcess.Run(_workspace.Root, null, "resume", "run");
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        RunFolderComparison.AssertSameOutputs(reference, _workspace.PathOf("run"));
    }

    [Fact]
    public void A_second_ctrl_c_ends_the_process_at_once_without_corrupting_anything()
    {
        if (OperatingSystem.IsWindows()) return;
        var reference = scenarios.Reference(ProcessScenarios.CartPole);

        CliResult aborted;
        var clock = new Stopwatch();
        var hook = new Dictionary<string, string> { [TestHook.Variable] = "progress-row:3:pause" }; // holds epoch 3 for 60 s
        using (var process = CliProcess.Start(_workspace.Root, hook, [.. ProcessScenarios.CartPole, "--out", "run"]))
        {
            process.WaitForError("pause at progress-row of epoch 3");
            process.Signal(SigInt);
            process.WaitForError("SIGINT: stopping after the current epoch");
            clock.Start();
            process.Signal(SigInt);
            aborted = process.WaitForExit();
            clock.Stop();
        }

        // The second SIGINT gets the runtime's default action: the process dies by the signal (reported as 128 + 2)
        // in the middle of epoch 3, whose row is on disk and whose checkpoint is not, and writes no summary.json.
        Assert.Equal(128 + SigInt, aborted.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.False(File.Exists(_workspace.PathOf("run/summary.json")), aborted.Error);
        Assert.Equal(1 + 3, File.ReadAllText(_workspace.PathOf("run/progress.csv")).Count(c => c == '\n'));

        var resumed = CliProcess.Run(_workspace.Root, null, "resume", "run");
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        RunFolderComparison.AssertSameOutputs(reference, _workspace.PathOf("run"));
    }
}
