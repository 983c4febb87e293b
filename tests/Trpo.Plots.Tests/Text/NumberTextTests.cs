using Trpo.Plots.Text;

namespace Trpo.Plots.Tests.Text;

public class NumberTextTests
{
    [Theory]
    [InlineData(15, -1, "1.5")]
    [InlineData(-2, 3, "−2000")]
    [InlineData(5, -3, "0.005")]
    [InlineData(0, -2, "0.00")]
    [InlineData(0, 4, "0")]
    [InlineData(120, -1, "12.0")]
    [InlineData(-25, -2, "−0.25")]
    public void Decimal_writes_n_times_ten_to_the_p_exactly(long n, int p, string expected)
        => Assert.Equal(expected, NumberText.Decimal(n, p));

    [Theory]
    [InlineData(15, -6, "1.5e−5")]
    [InlineData(2, -7, "2e−7")]
    [InlineData(-3000, 12, "−3e15")]
    [InlineData(0, 5, "0")]
    public void Scientific_writes_mantissa_and_exponent(long n, int p, string expected)
        => Assert.Equal(expected, NumberText.Scientific(n, p));

    [Theory]
    [InlineData(-10, "10⁻¹⁰")]
    [InlineData(0, "10⁰")]
    [InlineData(23, "10²³")]
    public void PowerOfTen_uses_superscript_digits(int exponent, string expected)
        => Assert.Equal(expected, NumberText.PowerOfTen(exponent));

    [Fact]
    public void Normalize_moves_trailing_zeros_into_the_exponent()
        => Assert.Equal((15L, -1), NumberText.Normalize(1500, -3));
}
