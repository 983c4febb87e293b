namespace Trpo.Plots.Model;

/// <summary>A dashed horizontal line across the panel at <paramref name="Y"/>, labelled at its right end.</summary>
/// <param name="Y">Where the line is drawn.</param>
/// <param name="Label">Its label, e.g. <c>δ = 0.01</c> or <c>threshold 475</c>.</param>
public sealed record ReferenceLine(double Y, string Label)
{
    /// <summary>Whether the axis range is widened to show the line (default) or the line is dropped when outside.</summary>
    public bool IncludeInRange { get; init; } = true;
}
