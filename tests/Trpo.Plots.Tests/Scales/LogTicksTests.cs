using Trpo.Plots.Scales;

namespace Trpo.Plots.Tests.Scales;

public class LogTicksTests
{
    private static string[] Majors(double lo, double hi, int maxTicks)
        => LogTicks.Compute(lo, hi, maxTicks).Where(t => t.Major).Select(t => t.Label).ToArray();

    [Fact]
    public void Decades_in_the_readable_range_get_plain_labels()
        => Assert.Equal(["0.01", "0.1", "1", "10", "100", "1000"], Majors(0.005, 2000, 8));

    [Fact]
    public void Decades_outside_the_readable_range_get_powers_of_ten()
        => Assert.Equal(["10⁻¹⁰", "10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰"], Majors(1e-10, 1, 6));

    [Fact]
    public void Many_decades_are_thinned_to_a_stride()
    {
        var labels = Majors(1e-30, 1e30, 6);
        Assert.InRange(labels.Length, 2, 7);
        Assert.Contains("10⁰", labels);
    }

    [Fact]
    public void Few_decades_get_unlabelled_minor_ticks_at_two_to_nine()
    {
        var minors = LogTicks.Compute(1, 100, 6).Where(t => !t.Major).Select(t => t.Value).ToList();
        Assert.Equal([2.0, 3, 4, 5, 6, 7, 8, 9, 20, 30, 40, 50, 60, 70, 80, 90], minors.Order());
        Assert.All(LogTicks.Compute(1, 100, 6).Where(t => !t.Major), t => Assert.Equal("", t.Label));
    }

    [Fact]
    public void Less_than_a_decade_gets_one_two_five_ticks()
        => Assert.Equal(["0.005", "0.01", "0.02"], Majors(0.004, 0.03, 6));

    [Fact]
    public void A_narrow_range_inside_one_decade_falls_back_to_finer_ticks()
    {
        var labels = Majors(3.1, 3.9, 6);
        Assert.True(labels.Length >= 2, string.Join(", ", labels));
    }
}
