using Trpo.Plots.Scales;

namespace Trpo.Plots.Tests.Scales;

public class LinearTicksTests
{
    private static string[] Labels(double lo, double hi, int maxTicks, bool integers = false)
        => LinearTicks.Compute(lo, hi, maxTicks, integers).Select(t => t.Label).ToArray();

    [Fact]
    public void Zero_to_one_hundred_in_five_intervals_has_steps_of_twenty()
        => Assert.Equal(["0", "20", "40", "60", "80", "100"], Labels(0, 100, 5));

    [Theory]
    [InlineData(7, 5, 2, 0)]       // 1.4 → 2
    [InlineData(0.3, 3, 1, -1)]    // 0.1 → 0.1
    [InlineData(0.31, 3, 2, -1)]   // 0.103 → 0.2
    [InlineData(450, 4, 2, 2)]     // 112.5 → 200
    [InlineData(4.5e6, 10, 5, 5)]  // 450k → 500k
    public void Step_is_the_smallest_one_two_five_step_at_least_span_over_intervals(double span, int intervals, long mantissa, int exponent)
        => Assert.Equal((mantissa, exponent), LinearTicks.Step(span, intervals));

    [Fact]
    public void Labels_are_exact_decimals_with_shared_decimals()
    {
        Assert.Equal(["0.0", "0.1", "0.2", "0.3"], Labels(0, 0.3, 3));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], Labels(0, 1, 5));
        Assert.Equal(["0.000", "0.005", "0.010"], Labels(0, 0.01, 2));
    }

    [Fact]
    public void Large_values_use_short_si_suffixes()
    {
        Assert.Equal(["0", "20k", "40k", "60k", "80k", "100k"], Labels(0, 100_000, 5));
        Assert.Equal(["0", "0.5M", "1.0M", "1.5M", "2.0M"], Labels(0, 2e6, 4));
        Assert.Equal(["0", "2000", "4000", "6000", "8000"], Labels(0, 8000, 4));
    }

    [Fact]
    public void Small_values_below_a_ten_thousandth_use_scientific_notation()
        => Assert.Equal(["1e−7", "1.5e−7", "2e−7", "2.5e−7", "3e−7"], Labels(1e-7, 3e-7, 4));

    [Fact]
    public void Negative_labels_use_the_minus_sign()
        => Assert.Equal(["−1000", "−500", "0"], Labels(-1250, 10, 4));

    [Fact]
    public void Integer_ticks_never_step_below_one()
        => Assert.Equal(["0", "1", "2"], Labels(0, 2, 10, integers: true));

    [Fact]
    public void Tick_values_are_the_nearest_doubles_to_their_labels()
    {
        var ticks = LinearTicks.Compute(0, 0.3, 3);
        Assert.Equal([0, 0.1, 0.2, 0.3], ticks.Select(t => t.Value));
    }

    [Fact]
    public void Ticks_stay_inside_the_range_and_within_the_count_for_many_ranges()
    {
        // a deterministic spread of ranges: magnitudes 1e-12 .. 1e12, both signs, spans from 1e-6 to 1e3 of the magnitude
        for (int m = -12; m <= 12; m += 3)
            foreach (double relativeSpan in (double[])[1e-6, 0.01, 0.37, 1, 13, 1000])
                foreach (double sign in (double[])[-1, 1])
                    for (int maxTicks = 1; maxTicks <= 10; maxTicks += 3)
                    {
                        double lo = sign * 1.7 * Math.Pow(10, m), hi = lo + relativeSpan * Math.Pow(10, m);
                        var ticks = LinearTicks.Compute(lo, hi, maxTicks);
                        Assert.InRange(ticks.Count, 1, maxTicks + 1);
                        double tolerance = (hi - lo) * 1e-6;
                        Assert.All(ticks, t => Assert.InRange(t.Value, lo - tolerance, hi + tolerance));
                        Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
                    }
    }
}
