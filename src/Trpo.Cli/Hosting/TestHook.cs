using System.Diagnostics;
using System.Globalization;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Hosting;

/// <summary>
/// Test-only: <c>TRPO_TEST_HOOK=POINT:EPOCH[:ACTION]</c> makes <c>trpo train</c> act when epoch EPOCH reaches POINT,
/// so that the crash-safety and signal tests can hit the most delicate moments exactly instead of wherever a timer
/// lands. Points, in the order an epoch passes them:
/// <list type="bullet">
/// <item><c>config-half-written</c> (EPOCH 0, before the first epoch): the first half of config.json's temp file is on
/// disk (flushed), the rest is not: a crash while a new run records its configuration.</item>
/// <item><c>progress-half-row</c>: the first half of the epoch's progress.csv row is on disk (flushed), the rest is not:
/// the torn write a crash in the middle of appending leaves.</item>
/// <item><c>progress-row</c>: the epoch's progress.csv row is on disk; its trace block and checkpoint are not.</item>
/// <item><c>checkpoint-half-written</c>: the first half of the checkpoint's temp file is on disk (flushed), the rest is
/// not: a crash in the middle of writing the checkpoint.</item>
/// <item><c>checkpoint-written</c>: the checkpoint's temp file is complete and flushed but not yet renamed.</item>
/// <item><c>checkpoint-renamed</c>: the checkpoint is in place; older ones are not yet pruned.</item>
/// <item><c>before-summary</c>: after the last epoch's checkpoint, before summary.json (EPOCH is the run's last).</item>
/// </list>
/// Actions: <c>kill</c> (the default) kills the process with SIGKILL, exactly like <c>kill -9</c> (no cleanup, no
/// flushing); <c>pause</c> sleeps 60 s and goes on; <c>wait-for-stop</c> waits until Ctrl+C/SIGTERM asks the run to
/// stop (at most 60 s) and goes on. Each writes one line to stderr first. Unset, the hook does nothing; it is not a
/// configuration key and is never recorded.
/// </summary>
public sealed class TestHook
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TRPO_TEST_HOOK";

    /// <summary>The points, in the order an epoch passes them.</summary>
    public static IReadOnlyList<string> Points { get; } =
        ["config-half-written", "progress-half-row", "progress-row", "checkpoint-half-written", "checkpoint-written", "checkpoint-renamed", "before-summary"];

    /// <summary>The actions.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["kill", "pause", "wait-for-stop"];

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(60);

    private readonly string? _point;
    private readonly int _epoch;
    private readonly string _action;
    private readonly TextWriter? _log;
    private readonly CancellationToken _stop;
    private readonly Action _kill;

    private TestHook(string? point, int epoch, string action, TextWriter? log, CancellationToken stop, Action kill)
        => (_point, _epoch, _action, _log, _stop, _kill) = (point, epoch, action, log, stop, kill);

    /// <summary>The hook that never fires.</summary>
    public static TestHook None { get; } = new(null, 0, "kill", null, CancellationToken.None, () => { });

    /// <summary>The hook <see cref="Variable"/> asks for (or <see cref="None"/>); a malformed value is a user error.</summary>
    /// <param name="environment">The process environment.</param>
    /// <param name="log">Gets one line when the hook fires.</param>
    /// <param name="stop">Cancelled by Ctrl+C/SIGTERM (for <c>wait-for-stop</c>).</param>
    /// <param name="kill">What <c>kill</c> does; the default sends SIGKILL to this process.</param>
    public static TestHook FromEnvironment(IReadOnlyDictionary<string, string?> environment, TextWriter log, CancellationToken stop, Action? kill = null)
    {
        if (!environment.TryGetValue(Variable, out var value) || string.IsNullOrWhiteSpace(value))
            return None;
        var parts = value.Trim().Split(':');
        if (parts.Length is < 2 or > 3 || !Points.Contains(parts[0])
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || epoch < (parts[0] == "config-half-written" ? 0 : 1)
            || (parts.Length == 3 && !Actions.Contains(parts[2])))
            throw new UserError($"{Variable} must be POINT:EPOCH[:ACTION] with POINT one of {string.Join(", ", Points)} and ACTION one of {string.Join(", ", Actions)}, got '{value}'");
        return new TestHook(parts[0], epoch, parts.Length == 3 ? parts[2] : "kill", log, stop, kill ?? KillSelf);
    }

    /// <summary>
    /// For the points inside a write (<c>progress-half-row</c>, <c>checkpoint-half-written</c>): the action to run half-way
    /// through that write when <paramref name="point"/> of <paramref name="epoch"/> is the one asked for, else null, so
    /// that a run without the hook writes in one piece as always.
    /// </summary>
    public Action? Midway(string point, int epoch) => _point == point && _epoch == epoch ? () => Reached(point, epoch) : null;

    /// <summary>Acts when <paramref name="point"/> of <paramref name="epoch"/> is the one asked for.</summary>
    public void Reached(string point, int epoch)
    {
        if (_point != point || _epoch != epoch) return;
        _log?.WriteLine($"{Variable}: {_action} at {point} of epoch {epoch}");
        _log?.Flush();
        switch (_action)
        {
            case "kill": _kill(); break;
            case "pause": Thread.Sleep(LongestPause); break;
            default: _stop.WaitHandle.WaitOne(LongestPause); break;
        }
    }

    private static void KillSelf()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Unix: no finally blocks, no flushing, like kill -9
    }
}
