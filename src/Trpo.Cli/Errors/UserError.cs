namespace Trpo.Cli.Errors;

/// <summary>
/// A mistake in what the user asked for (arguments, configuration, paths). It is reported as one line,
/// <c>error: {Message}</c>, on stderr and ends the process with <see cref="ExitCodes.BadInput"/>.
/// Messages quote the offending key and value and, where possible, say what would be accepted.
/// </summary>
public sealed class UserError(string message) : Exception(message);
