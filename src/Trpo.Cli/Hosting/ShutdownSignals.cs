using System.Runtime.InteropServices;

namespace Trpo.Cli.Hosting;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a <see cref="StopSignal"/> request, so a run stops after its
/// current epoch (whose checkpoint is on disk), says how to resume, and exits 130 or 143. A second signal is left
/// to the runtime, which ends the process at once; every file a run writes is either appended (and cut back to
/// the last checkpoint on resume) or replaced atomically, so nothing is corrupted.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _error;

    /// <summary>Starts listening; <paramref name="error"/> gets one line when the first signal arrives.</summary>
    public ShutdownSignals(TextWriter error)
    {
        _error = error;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Raised by the first signal.</summary>
    public StopSignal Stop { get; } = new();

    private void OnSignal(PosixSignalContext context)
    {
        var (name, code) = context.Signal == PosixSignal.SIGTERM ? ("SIGTERM", ExitCodes.Terminated) : ("SIGINT", ExitCodes.Interrupted);
        if (!Stop.Request(name, code))
            return; // second signal: default handling terminates the process
        context.Cancel = true;
        _error.WriteLine($"{name}: stopping after the current epoch (signal again to abort now)");
        _error.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        Stop.Dispose();
    }
}
