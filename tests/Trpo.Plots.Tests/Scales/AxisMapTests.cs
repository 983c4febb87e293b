using Trpo.Plots.Model;
using Trpo.Plots.Scales;

namespace Trpo.Plots.Tests.Scales;

public class AxisMapTests
{
    [Fact]
    public void Linear_maps_ends_and_midpoint()
    {
        var map = new AxisMap(0, 10, AxisScale.Linear, 100, 300);
        Assert.Equal(100, map.Pixel(0));
        Assert.Equal(200, map.Pixel(5));
        Assert.Equal(300, map.Pixel(10));
    }

    [Fact]
    public void A_vertical_axis_runs_upwards()
    {
        var map = new AxisMap(0, 1, AxisScale.Linear, 400, 0);
        Assert.True(map.Pixel(1) < map.Pixel(0));
    }

    [Fact]
    public void Log_maps_decades_to_equal_distances()
    {
        var map = new AxisMap(1, 1000, AxisScale.Log, 0, 300);
        Assert.Equal(100, map.Pixel(10), 9);
        Assert.Equal(200, map.Pixel(100), 9);
    }

    [Fact]
    public void Extreme_linear_ranges_do_not_overflow()
    {
        var map = new AxisMap(-1e300, 1e300, AxisScale.Linear, 0, 100);
        Assert.Equal(50, map.Pixel(0), 9);
        Assert.Equal(100, map.Pixel(1e300), 9);
    }
}
