namespace Trpo.Cli.Plotting;

/// <summary>The progress tables of one configuration's seeds, with the label its band gets in a legend.</summary>
/// <param name="Label">E.g. <c>delta=0.02</c>.</param>
/// <param name="Seeds">One progress table per seed (at least one).</param>
public sealed record ConfigCurves(string Label, IReadOnlyList<ProgressTable> Seeds)
{
    /// <summary>The curves of a run group.</summary>
    public static ConfigCurves Of(RunGroup group) => new(group.Label, group.Progress);
}
