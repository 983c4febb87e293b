using Trpo.Plots.Model;

namespace Trpo.Plots.Scales;

/// <summary>Maps data values on [Lo, Hi] to pixel positions on [From, To] (To &lt; From for a vertical axis).</summary>
/// <param name="Lo">Data value at <paramref name="From"/>.</param>
/// <param name="Hi">Data value at <paramref name="To"/>.</param>
/// <param name="Scale">Linear or log.</param>
/// <param name="From">Pixel of <paramref name="Lo"/>.</param>
/// <param name="To">Pixel of <paramref name="Hi"/>.</param>
internal sealed record AxisMap(double Lo, double Hi, AxisScale Scale, double From, double To)
{
    private readonly double _logLo = Scale == AxisScale.Log ? Math.Log10(Lo) : 0;
    private readonly double _logHi = Scale == AxisScale.Log ? Math.Log10(Hi) : 0;

    /// <summary>The pixel of <paramref name="value"/> (a drawable value; log axes need value &gt; 0).</summary>
    public double Pixel(double value)
    {
        double t = Scale == AxisScale.Log
            ? (Math.Log10(value) - _logLo) / (_logHi - _logLo)
            : (value / 2 - Lo / 2) / (Hi / 2 - Lo / 2); // halves: no overflow even for ±1e300
        return From + t * (To - From);
    }

    /// <summary>Whether <paramref name="value"/> lies within the axis range.</summary>
    public bool Contains(double value) => value >= Math.Min(Lo, Hi) && value <= Math.Max(Lo, Hi);
}
