namespace Trpo.Plots.Model;

/// <summary>Where a panel's legend is drawn.</summary>
public enum LegendPosition
{
    /// <summary>Inside, in the first corner (top right, top left, bottom right, bottom left) that covers no data; outside right (or below, when wide) if none is free.</summary>
    Auto,
    /// <summary>Inside, top left.</summary>
    TopLeft,
    /// <summary>Inside, top right.</summary>
    TopRight,
    /// <summary>Inside, bottom left.</summary>
    BottomLeft,
    /// <summary>Inside, bottom right.</summary>
    BottomRight,
    /// <summary>Outside, right of the axes.</summary>
    Right,
    /// <summary>Outside, below the axes.</summary>
    Below,
    /// <summary>No legend.</summary>
    None,
}
