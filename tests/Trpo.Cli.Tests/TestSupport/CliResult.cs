namespace Trpo.Cli.Tests.TestSupport;

/// <summary>What one in-process run of <c>trpo</c> produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The stderr lines, without the trailing empty one.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
}
