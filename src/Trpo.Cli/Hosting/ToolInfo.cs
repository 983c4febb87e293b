using System.Diagnostics;
using System.Reflection;
using Trpo.Cli.Configuration;

namespace Trpo.Cli.Hosting;

/// <summary>Provenance recorded in config.json: the tool's version and, when known, the source commit.</summary>
/// <param name="Version">The assembly's informational version, e.g. <c>0.1.0+3f2c...</c>.</param>
/// <param name="GitCommit">The source commit, or null when unknown.</param>
public sealed record ToolInfo(string Version, string? GitCommit)
{
    /// <summary>The informational version of the <c>trpo</c> assembly.</summary>
    public static string AssemblyVersion { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// Finds the commit, first hit wins: the <c>TRPO_GIT_COMMIT</c> variable (set by CI or scripts); the commit the
    /// SDK embedded after '+' in the informational version (the code that is running); <c>git rev-parse HEAD</c> in
    /// <paramref name="workingDirectory"/> when git and a repository are there. Never part of computed data.
    /// </summary>
    public static ToolInfo Detect(IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var fromVariable = environment.TryGetValue(ConfigLoader.GitCommitVariable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;
        return new ToolInfo(AssemblyVersion, fromVariable ?? EmbeddedCommit(AssemblyVersion) ?? GitHead(workingDirectory));
    }

    private static string? EmbeddedCommit(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+');
        var suffix = plus >= 0 ? informationalVersion[(plus + 1)..] : "";
        return suffix.Length >= 7 && suffix.All(Uri.IsHexDigit) ? suffix : null;
    }

    private static string? GitHead(string workingDirectory)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
                return null;
            if (!git.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                git.Kill();
                return null;
            }
            var output = git.StandardOutput.ReadToEnd().Trim();
            return git.ExitCode == 0 && output.Length >= 7 ? output : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null; // no git on PATH, or no repository: the commit stays unknown
        }
    }
}
