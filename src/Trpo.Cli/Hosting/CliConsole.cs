namespace Trpo.Cli.Hosting;

/// <summary>Where a command writes: results and progress to <paramref name="Out"/>, errors to <paramref name="Error"/>.</summary>
/// <param name="Out">Standard output (or a test's writer).</param>
/// <param name="Error">Standard error (or a test's writer).</param>
/// <param name="Interactive">True when <paramref name="Out"/> is a terminal: progress is drawn as a bar instead of lines.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>True when <paramref name="stdout"/> is the process's own, undirected console output.</summary>
    public static bool IsTerminal(TextWriter stdout, IReadOnlyDictionary<string, string?> environment)
        => ReferenceEquals(stdout, Console.Out)
           && !Console.IsOutputRedirected
           && !string.Equals(environment.GetValueOrDefault("TERM"), "dumb", StringComparison.Ordinal);
}
