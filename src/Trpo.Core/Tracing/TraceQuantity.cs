namespace Trpo.Core.Tracing;

/// <summary>One named quantity of a trace: its values as text tokens (doubles in shortest round-trip form).</summary>
/// <param name="Name">Dotted name without spaces, e.g. <c>cg.residuals</c>.</param>
/// <param name="Values">The values, one token each.</param>
public sealed record TraceQuantity(string Name, IReadOnlyList<string> Values);
