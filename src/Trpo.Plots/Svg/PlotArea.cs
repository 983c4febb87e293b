namespace Trpo.Plots.Svg;

/// <summary>A rectangle in pixels (the axes' inner area, a legend box, a label's extent).</summary>
internal readonly record struct PlotArea(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;

    /// <summary>Whether the rectangles overlap (touching does not count).</summary>
    public bool Overlaps(PlotArea other)
        => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Whether the point lies inside (edges included).</summary>
    public bool Contains(double x, double y) => x >= Left && x <= Right && y >= Top && y <= Bottom;
}
