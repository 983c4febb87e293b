using Trpo.Core.Numerics;
using Trpo.Core.Statistics;

namespace Trpo.Core.Tests.Statistics;

public sealed class BootstrapIntervalTests
{
    [Fact]
    public void The_interval_is_deterministic_bit_for_bit()
    {
        double[] values = [481.5, 500, 212.25, 499.75, 377];

        var first = BootstrapInterval.OfMean(values);
        var second = BootstrapInterval.OfMean(values.ToArray());

        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Low), BitConverter.DoubleToInt64Bits(second.Low));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.High), BitConverter.DoubleToInt64Bits(second.High));
    }

    [Fact]
    public void The_interval_lies_within_the_sample_range_and_holds_the_mean()
    {
        double[] values = [481.5, 500, 212.25, 499.75, 377];
        var mean = values.Average();

        var (low, high) = BootstrapInterval.OfMean(values);

        Assert.InRange(low, values.Min(), mean);
        Assert.InRange(high, mean, values.Max());
        Assert.True(high - low > 0);
    }

    [Fact]
    public void A_constant_sample_and_a_single_value_give_a_point_and_an_empty_sample_gives_nan()
    {
        Assert.Equal((7.0, 7.0), BootstrapInterval.OfMean([7, 7, 7]));
        Assert.Equal((-3.0, -3.0), BootstrapInterval.OfMean([-3]));
        var (low, high) = BootstrapInterval.OfMean([]);
        Assert.True(double.IsNaN(low) && double.IsNaN(high));
    }

    [Fact]
    public void For_a_large_normal_sample_the_interval_matches_the_normal_approximation()
    {
        // n = 400 standard normals: the 95% interval of the mean is about mean ± 1.96 s / sqrt(n) = ± 0.098
        var rng = Rng.ForStream(11, RngPurpose.Test);
        var values = Enumerable.Range(0, 400).Select(_ => rng.NextGaussian()).ToArray();
        var mean = values.Average();
        var s = SampleSummary.Of(values).Std;
        var halfWidth = 1.96 * s / Math.Sqrt(values.Length);

        var (low, high) = BootstrapInterval.OfMean(values);

        Assert.Equal(mean - halfWidth, low, 0.1 * halfWidth);
        Assert.Equal(mean + halfWidth, high, 0.1 * halfWidth);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 1.0)]
    [InlineData(0.1, 0.4)]
    [InlineData(0.975, 3.9)]
    [InlineData(1.0, 4.0)]
    public void Quantiles_interpolate_linearly_between_order_statistics(double q, double expected)
        => Assert.Equal(expected, BootstrapInterval.Quantile([0, 1, 2, 3, 4], q), 12);
}
