using System.Diagnostics;
using System.Globalization;
using Trpo.Cli.Errors;

namespace Trpo.Cli.Hosting;

/// <summary>
/// Test-only: <c>TRPO_TEST_CRASH_AT=POINT:EPOCH</c> makes <c>trpo train</c> kill itself with SIGKILL (no cleanup,
/// exactly like <c>kill -9</c>) when epoch EPOCH reaches POINT, so that the crash-safety tests can crash at the
/// most delicate moments rather than wherever a timer lands. Points, in the order an epoch passes them:
/// <list type="bullet">
/// <item><c>progress-row</c>: the epoch's progress.csv row is on disk; its trace block and checkpoint are not.</item>
/// <item><c>checkpoint-written</c>: the checkpoint's temp file is complete and flushed but not yet renamed.</item>
/// <item><c>checkpoint-renamed</c>: the checkpoint is in place; older ones are not yet pruned.</item>
/// <item><c>before-summary</c>: after the last epoch's checkpoint, before summary.json (EPOCH is the run's last).</item>
/// </list>
/// Unset, it does nothing. It is not a configuration key and is never recorded.
/// </summary>
public sealed class CrashHook
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TRPO_TEST_CRASH_AT";

    /// <summary>The points, in the order an epoch passes them.</summary>
    public static IReadOnlyList<string> Points { get; } = ["progress-row", "checkpoint-written", "checkpoint-renamed", "before-summary"];

    private readonly string? _point;
    private readonly int _epoch;
    private readonly TextWriter? _log;
    private readonly Action _crash;

    private CrashHook(string? point, int epoch, TextWriter? log, Action crash) => (_point, _epoch, _log, _crash) = (point, epoch, log, crash);

    /// <summary>The hook that never fires.</summary>
    public static CrashHook None { get; } = new(null, 0, null, () => { });

    /// <summary>The hook <see cref="Variable"/> asks for (or <see cref="None"/>); a malformed value is a user error.</summary>
    /// <param name="environment">The process environment.</param>
    /// <param name="log">Gets one line just before the crash.</param>
    /// <param name="crash">What crashing does; the default kills the process with SIGKILL.</param>
    public static CrashHook FromEnvironment(IReadOnlyDictionary<string, string?> environment, TextWriter log, Action? crash = null)
    {
        if (!environment.TryGetValue(Variable, out var value) || string.IsNullOrWhiteSpace(value))
            return None;
        var parts = value.Trim().Split(':');
        if (parts.Length != 2 || !Points.Contains(parts[0])
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || epoch < 1)
            throw new UserError($"{Variable} must be POINT:EPOCH with POINT one of {string.Join(", ", Points)}, got '{value}'");
        return new CrashHook(parts[0], epoch, log, crash ?? KillSelf);
    }

    /// <summary>Crashes when <paramref name="point"/> of <paramref name="epoch"/> is the one asked for.</summary>
    public void Reached(string point, int epoch)
    {
        if (_point != point || _epoch != epoch) return;
        _log?.WriteLine($"{Variable}: crashing at {point} of epoch {epoch}");
        _log?.Flush();
        _crash();
    }

    private static void KillSelf()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Unix: no finally blocks, no flushing, like kill -9
    }
}
