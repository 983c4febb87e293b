namespace Trpo.Cli.Plotting;

/// <summary>
/// Runs of one configuration that differ only in their seed (and metadata): the unit a band across seeds is drawn for.
/// </summary>
/// <param name="Runs">The runs, by seed.</param>
/// <param name="Differences">What sets this group apart from the others it was grouped with, e.g. <c>delta=0.02</c>; empty when it is alone.</param>
public sealed record RunGroup(IReadOnlyList<RunRecord> Runs, string Differences)
{
    /// <summary>The environment of the group's runs (null when no run says).</summary>
    public string? Env => Runs.Select(r => r.Env).FirstOrDefault(e => e is not null);

    /// <summary>A label for legends: the differences, else the environment and preset, else the folder name.</summary>
    public string Label => Differences.Length > 0 ? Differences
        : Runs[0].Config is null ? Runs[0].Name
        : string.Join(" ", new[] { Env, Runs[0].Preset }.Where(s => s is not null));

    /// <summary>The progress tables of the runs, in seed order.</summary>
    public IReadOnlyList<ProgressTable> Progress => Runs.Select(r => r.Progress).ToList();
}
