using System.Diagnostics;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>Runs the built <c>trpo</c> (the app host copied beside the tests) as a separate process.</summary>
public static class CliProcess
{
    /// <summary>Starts <c>trpo</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>; await the task for its result.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "trpo.exe" : "trpo");
        var start = File.Exists(host)
            ? new ProcessStartInfo(host, args)
            : new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "trpo.dll"), .. args]);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRPO_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start trpo");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
