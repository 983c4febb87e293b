namespace Trpo.Core.State;

/// <summary>A captured state does not fit the engine it is restored into (another configuration, environment or version).</summary>
public sealed class IncompatibleStateException(string message) : Exception(message);
