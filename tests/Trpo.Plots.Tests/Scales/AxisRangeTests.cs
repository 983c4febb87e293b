using Trpo.Plots.Model;
using Trpo.Plots.Scales;

namespace Trpo.Plots.Tests.Scales;

public class AxisRangeTests
{
    private static readonly Axis Linear = new();
    private static readonly Axis Log = new() { Scale = AxisScale.Log };

    [Fact]
    public void Data_range_gets_a_four_percent_margin_on_each_side()
    {
        var (lo, hi) = AxisRange.Resolve(Linear, [0.0, 100]);
        Assert.Equal(-4, lo, 12);
        Assert.Equal(104, hi, 12);
    }

    [Fact]
    public void A_constant_series_is_widened_by_ten_percent_and_zero_by_one()
    {
        Assert.Equal((450.0, 550.0), AxisRange.Resolve(Linear, [500.0, 500, 500]));
        Assert.Equal((-1.0, 1.0), AxisRange.Resolve(Linear, [0.0]));
    }

    [Fact]
    public void No_drawable_data_gives_a_unit_range()
    {
        Assert.Equal((0.0, 1.0), AxisRange.Resolve(Linear, [double.NaN, double.PositiveInfinity]));
        Assert.Equal((1.0, 10.0), AxisRange.Resolve(Log, [-1.0, 0, double.NaN]));
    }

    [Fact]
    public void Values_beyond_the_drawable_limit_count_as_not_finite()
    {
        var (lo, hi) = AxisRange.Resolve(Linear, [1.0, 2, 1e305]);
        Assert.True(hi < 3);
        Assert.True(lo > 0.9);
    }

    [Fact]
    public void Huge_ranges_stay_finite()
    {
        var (lo, hi) = AxisRange.Resolve(Linear, [-1e300, 1e300]);
        Assert.True(double.IsFinite(lo) && double.IsFinite(hi) && lo < -1e300 && hi > 1e300);
    }

    [Fact]
    public void A_log_axis_ignores_non_positive_values_and_widens_a_single_value_by_half_a_decade()
    {
        var (lo, hi) = AxisRange.Resolve(Log, [-5.0, 0, 10]);
        Assert.Equal(10 / Math.Sqrt(10), lo, 12);
        Assert.Equal(10 * Math.Sqrt(10), hi, 12);
    }

    [Fact]
    public void Fixed_limits_replace_the_data_ends_without_margin()
    {
        Assert.Equal((0.0, 1.0), AxisRange.Resolve(new Axis { Min = 0, Max = 1 }, [0.2, 0.4]));
        var (lo, hi) = AxisRange.Resolve(new Axis { Min = 0 }, [0.2, 10]);
        Assert.Equal(0, lo);
        Assert.Equal(10 + 0.4, hi, 12);
    }

    [Fact]
    public void A_categorical_axis_spans_half_a_category_beyond_each_end()
        => Assert.Equal((-0.5, 2.5), AxisRange.Resolve(new Axis { Categories = ["a", "b", "c"] }, []));

    [Fact]
    public void Min_above_max_is_rejected()
        => Assert.Throws<ArgumentException>(() => AxisRange.Resolve(new Axis { Min = 2, Max = 1, Label = "y" }, []));
}
