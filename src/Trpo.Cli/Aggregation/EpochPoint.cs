namespace Trpo.Cli.Aggregation;

/// <summary>One epoch of one run as progress.csv records it (the columns aggregation uses).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="EnvSteps">Environment steps so far.</param>
/// <param name="ReturnMean">Mean return of the episodes that ended in the epoch; NaN when none did.</param>
public sealed record EpochPoint(int Epoch, long EnvSteps, double ReturnMean);
