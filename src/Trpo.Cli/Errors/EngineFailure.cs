namespace Trpo.Cli.Errors;

/// <summary>
/// The engine threw after the input was accepted. Reported as one line on stderr (the inner exception's details
/// only with <c>--verbose</c>) and ends the process with <see cref="ExitCodes.RuntimeFailure"/>.
/// </summary>
public sealed class EngineFailure(string message, Exception inner) : Exception(message, inner);
