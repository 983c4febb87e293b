namespace Trpo.Core.Tracing;

/// <summary>Every recorded intermediate of one epoch, in the order the algorithm computes them.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Quantities">The quantities, in algorithm order.</param>
public sealed record EpochTrace(int Epoch, IReadOnlyList<TraceQuantity> Quantities);
