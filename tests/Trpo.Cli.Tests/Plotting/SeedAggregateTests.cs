using Trpo.Cli.Plotting;

namespace Trpo.Cli.Tests.Plotting;

public class SeedAggregateTests
{
    [Fact]
    public void Mean_sample_std_standard_error_min_and_max_over_seeds()
    {
        var curve = SeedAggregate.Compute([Tables.With("kl", 1, 10), Tables.With("kl", 2, 20), Tables.With("kl", 3, 60)], "kl");
        Assert.Equal([1L, 2], curve.Epochs);
        Assert.Equal([100.0, 200], curve.EnvSteps);
        Assert.Equal([2.0, 30], curve.Mean);
        Assert.Equal(1, curve.Std[0], 15);
        Assert.Equal(Math.Sqrt(700), curve.Std[1], 12);
        Assert.Equal(1 / Math.Sqrt(3), curve.StandardError[0], 15);
        Assert.Equal([1.0, 10], curve.Min);
        Assert.Equal([3.0, 60], curve.Max);
        Assert.Equal([3, 3], curve.Count);
        var (lower, upper) = curve.Band(BandKind.Std);
        Assert.Equal(1, lower[0], 15);
        Assert.Equal(3, upper[0], 15);
    }

    [Fact]
    public void Non_finite_values_are_left_out_of_the_statistics()
    {
        var curve = SeedAggregate.Compute([Tables.With("return_mean", double.NaN), Tables.With("return_mean", 4), Tables.With("return_mean", 6)], "return_mean");
        Assert.Equal([5.0], curve.Mean);
        Assert.Equal([2], curve.Count);
        var none = SeedAggregate.Compute([Tables.With("return_mean", double.NaN)], "return_mean");
        Assert.True(double.IsNaN(none.Mean[0]));
    }

    [Fact]
    public void One_seed_has_no_standard_deviation()
        => Assert.True(double.IsNaN(SeedAggregate.Compute([Tables.With("kl", 1, 2)], "kl").Std[0]));

    [Fact]
    public void Seeds_are_aligned_by_epoch_and_cut_to_the_epochs_they_all_have()
    {
        var curve = SeedAggregate.Compute([Tables.With("kl", 1, 2, 3, 4), Tables.With("kl", 3, 4)], "kl");
        Assert.Equal([1L, 2], curve.Epochs);
        Assert.Equal([2.0, 3], curve.Mean);
        Assert.Equal(4, curve.LongestRun);
        Assert.Equal(2, curve.Seeds);
    }
}
