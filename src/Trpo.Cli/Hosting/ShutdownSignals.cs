using System.Runtime.InteropServices;

namespace Trpo.Cli.Hosting;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation, so a run stops after its current epoch and
/// records itself as interrupted. A second signal is left to the runtime, which ends the process at once.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
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

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
            return; // second signal: default handling terminates the process
        context.Cancel = true;
        _error.WriteLine("stopping after the current epoch (signal again to abort now)");
        _source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _source.Dispose();
    }
}
