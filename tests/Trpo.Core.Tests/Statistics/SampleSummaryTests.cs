using Trpo.Core.Statistics;

namespace Trpo.Core.Tests.Statistics;

public sealed class SampleSummaryTests
{
    [Fact]
    public void Of_gives_mean_sample_std_standard_error_min_and_max_of_a_known_sample()
    {
        // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; s^2 = 32/7
        var s = SampleSummary.Of([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(8, s.Count);
        Assert.Equal(5, s.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.Std, 15);
        Assert.Equal(Math.Sqrt(32.0 / 7 / 8), s.StandardError, 15);
        Assert.Equal((2.0, 9.0), (s.Min, s.Max));
    }

    [Fact]
    public void One_value_has_a_mean_but_no_spread_and_none_has_nothing()
    {
        var one = SampleSummary.Of([3.5]);
        Assert.Equal((1, 3.5, 3.5, 3.5), (one.Count, one.Mean, one.Min, one.Max));
        Assert.True(double.IsNaN(one.Std) && double.IsNaN(one.StandardError));

        var none = SampleSummary.Of([]);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.Mean) && double.IsNaN(none.Std) && double.IsNaN(none.Min) && double.IsNaN(none.Max));
    }

    [Fact]
    public void Non_finite_values_are_rejected()
        => Assert.Throws<ArgumentException>(() => SampleSummary.Of([1, double.NaN]));
}
