using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// The built <c>trpo</c> run as a real child process (<c>dotnet trpo.dll</c> from the test's output folder), so that
/// crash and signal tests can kill it with SIGKILL or signal it like a user would. The child sees the test's
/// environment without any <c>TRPO_*</c> variable, plus the ones a test adds.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>Path of the built CLI, copied beside the tests by the project reference.</summary>
    public static string TrpoDll => Path.Combine(AppContext.BaseDirectory, "trpo.dll");

    /// <summary>Starts <c>trpo</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        SignalDisposition.EnsureChildrenCanBeInterrupted();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TrpoDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRPO_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cli._out) cli._out.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (cli._error) cli._error.Append(e.Data).Append('\n'); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs <c>trpo</c> to its end.</summary>
    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        return process.WaitForExit();
    }

    /// <summary>Runs <c>trpo</c> to its end without blocking the caller's thread.</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args)
        => Task.Run(() => Run(workingDirectory, null, args));

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Waits for the process to end and returns its exit code and output (a process ended by signal N reports 128 + N).</summary>
    public CliResult WaitForExit()
    {
        if (!_process.WaitForExit(Patience))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"trpo did not finish within {Patience}: {_error}");
        }
        _process.WaitForExit(); // drains the redirected streams
        lock (_out) lock (_error) return new CliResult(_process.ExitCode, _out.ToString(), _error.ToString());
    }

    /// <summary>Waits until <paramref name="path"/> has at least <paramref name="lines"/> complete lines (or the process ends).</summary>
    public bool WaitForLines(string path, int lines)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (_process.HasExited) return false;
            if (File.Exists(path) && CountLines(path) >= lines) return true;
            Thread.Sleep(5);
        }
        throw new TimeoutException($"{path} did not reach {lines} lines");
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/> to stderr.</summary>
    public void WaitForError(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            lock (_error)
                if (_error.ToString().Contains(text, StringComparison.Ordinal)) return;
            if (_process.HasExited) throw new InvalidOperationException($"trpo ended before writing '{text}' to stderr: {_error}");
            Thread.Sleep(5);
        }
        throw new TimeoutException($"trpo did not write '{text}' to stderr");
    }

    /// <summary>kill -9.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Sends <paramref name="signal"/> (e.g. 2 for SIGINT, 15 for SIGTERM).</summary>
    public void Signal(int signal)
    {
        if (SignalDisposition.Kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastWin32Error()}");
    }

    private static int CountLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            int count = 0, b;
            while ((b = stream.ReadByte()) >= 0) if (b == '\n') count++;
            return count;
        }
        catch (IOException) { return 0; }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}

/// <summary>
/// POSIX signal plumbing for the process tests. A process started in the background by a non-interactive shell
/// inherits SIGINT as ignored, and so would every child it starts (the .NET runtime honours an inherited "ignore"
/// and never sees Ctrl+C). When the test host is such a process, its SIGINT is reset to the default before children
/// are started, so that the SIGINT tests test trpo, not the shell that started the suite.
/// </summary>
internal static class SignalDisposition
{
    private static readonly Lock Gate = new();
    private static bool _checked;

    public static void EnsureChildrenCanBeInterrupted()
    {
        lock (Gate)
        {
            if (_checked || !OperatingSystem.IsLinux()) return;
            _checked = true;
            var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            if (ignored is not null && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << (2 - 1))) != 0)
                SetSignal(2, IntPtr.Zero); // SIG_DFL; the runtime has no SIGINT handler of its own here, as it was ignored
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetSignal(int signal, IntPtr handler);
}
