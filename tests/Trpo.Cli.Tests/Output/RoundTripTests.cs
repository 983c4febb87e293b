using Trpo.Cli.Output;

namespace Trpo.Cli.Tests.Output;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e-10, "1E-10")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Doubles_are_written_shortest_round_trip_and_invariant(double value, string expected)
        => Assert.Equal(expected, RoundTrip.Format(value));

    [Fact]
    public void The_text_parses_back_to_the_same_bits()
    {
        foreach (var value in new[] { Math.PI, 1.0 / 3, double.Epsilon, double.MaxValue, -123456.789e-300 })
            Assert.Equal(
                BitConverter.DoubleToInt64Bits(value),
                BitConverter.DoubleToInt64Bits(double.Parse(RoundTrip.Format(value), System.Globalization.CultureInfo.InvariantCulture)));
    }
}
