namespace Trpo.Plots.Model;

/// <summary>How an axis maps values to positions.</summary>
public enum AxisScale
{
    /// <summary>Position proportional to the value.</summary>
    Linear,

    /// <summary>
    /// Position proportional to log10 of the value. Values ≤ 0 cannot be placed: on a line they leave a gap
    /// (and are counted in a note); the lower edge of a band that reaches ≤ 0 is clamped to the axis bottom.
    /// </summary>
    Log,
}
