namespace Trpo.Cli.Errors;

/// <summary>
/// A file of the run folder could not be written (disk full, permission denied). Reported as one line on stderr and
/// ends the process with <see cref="ExitCodes.OutputFailure"/>; nothing already written is lost.
/// </summary>
public sealed class OutputFailure(string message, Exception inner) : Exception(message, inner);
