namespace Trpo.Cli.Hosting;

/// <summary>
/// A request to stop a run at its next safe point (the end of the current epoch, whose checkpoint is then on disk),
/// with the exit code that reports it: 130 for Ctrl+C (SIGINT), 143 for SIGTERM (128 + the signal number, as shells
/// report a process ended by that signal). The first request wins.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration _link;
    private int _exitCode = ExitCodes.Interrupted;
    private string? _name;

    /// <summary>A signal that is never raised (its exit code is 130): for callers that stop through their own token.</summary>
    public static StopSignal Never { get; } = new();

    /// <summary>A signal nobody has raised yet.</summary>
    public StopSignal() { }

    /// <summary>A signal raised (as SIGINT) when <paramref name="token"/> is cancelled: for callers that only have a token.</summary>
    public StopSignal(CancellationToken token) => _link = token.Register(() => Request("SIGINT", ExitCodes.Interrupted));

    /// <summary>Cancelled by the first request.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code of an interrupted run: that of the first request.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>The name of the first request's signal (<c>SIGINT</c>, <c>SIGTERM</c>), or null.</summary>
    public string? Name => Volatile.Read(ref _name);

    /// <summary>True once a stop was requested.</summary>
    public bool IsRequested => _source.IsCancellationRequested;

    /// <summary>Requests a stop; returns false (and changes nothing) when one was requested already.</summary>
    public bool Request(string name, int exitCode)
    {
        if (Interlocked.CompareExchange(ref _name, name, null) is not null)
            return false;
        Volatile.Write(ref _exitCode, exitCode);
        _source.Cancel();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _link.Dispose();
        _source.Dispose();
    }
}
