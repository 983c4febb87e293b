using Trpo.Core.Tracing;

namespace Trpo.Cli.Golden;

/// <summary>How one scenario compared with its golden trace.</summary>
public enum GoldenStatus
{
    /// <summary>Bit-identical.</summary>
    Match,
    /// <summary>No golden yet: the received trace was written for review.</summary>
    New,
    /// <summary>Differs: the received trace was written and the first divergence reported.</summary>
    Mismatch,
    /// <summary>A golden folder with no scenario of that name.</summary>
    Dangling,
}

/// <summary>The result of verifying one scenario (or finding one dangling folder).</summary>
/// <param name="Scenario">Scenario (or folder) name.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Divergence">The first divergence, for <see cref="GoldenStatus.Mismatch"/>.</param>
/// <param name="ReceivedPath">Where the received trace was written, if it was.</param>
public sealed record GoldenOutcome(string Scenario, GoldenStatus Status, TraceDivergence? Divergence, string? ReceivedPath)
{
    /// <summary>True for a match.</summary>
    public bool Passed => Status == GoldenStatus.Match;

    /// <summary>One line for the report.</summary>
    public string Describe() => Status switch
    {
        GoldenStatus.Match => $"ok        {Scenario}",
        GoldenStatus.New => $"NEW       {Scenario}: no golden trace yet; wrote {ReceivedPath} (review it, then: trpo golden accept {Scenario})",
        GoldenStatus.Mismatch => $"MISMATCH  {Divergence!.Describe(Scenario)}; wrote {ReceivedPath} (if the change is intended: trpo golden accept {Scenario})",
        _ => $"DANGLING  {Scenario}: golden folder with no scenario of that name (delete it, or restore the scenario)",
    };
}
