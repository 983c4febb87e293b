namespace Trpo.Cli.Errors;

/// <summary>
/// A mistake in what the user asked for (arguments, configuration, paths). It is reported as one line,
/// <c>error: {Message}</c>, on stderr and ends the process with <see cref="ExitCodes.BadInput"/>.
/// Messages quote the offending key and value and, where possible, say what would be accepted.
/// </summary>
public sealed class UserError : Exception
{
    /// <summary>A one-line error.</summary>
    public UserError(string message) : base(message) => Details = [];

    /// <summary>An error line followed by indented detail lines (a resume's configuration diff: one key per line).</summary>
    public UserError(string message, IReadOnlyList<string> details) : base(message) => Details = details;

    /// <summary>Lines printed under the error line, indented by two spaces.</summary>
    public IReadOnlyList<string> Details { get; }
}
