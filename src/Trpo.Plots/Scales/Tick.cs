namespace Trpo.Plots.Scales;

/// <summary>A tick mark: where it is (in data units), its label (empty for a minor tick) and whether it is major.</summary>
/// <param name="Value">Position in data units.</param>
/// <param name="Label">The label text; empty for minor ticks.</param>
/// <param name="Major">Major ticks get a label and a grid line; minor ticks a short mark and a faint grid line.</param>
public readonly record struct Tick(double Value, string Label, bool Major = true);
