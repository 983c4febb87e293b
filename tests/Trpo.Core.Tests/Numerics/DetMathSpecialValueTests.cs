using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>Special values as C99 Annex F and IEEE 754 define them; signed zeros compared bit for bit.</summary>
public sealed class DetMathSpecialValueTests
{
    private const double MinSubnormal = double.Epsilon;          // 2^-1074
    private const double ExpOverflowThreshold = 709.782712893384; // largest x with finite exp(x)

    private static void AssertBitEqual(double expected, double actual) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) ||
                    (double.IsNaN(expected) && double.IsNaN(actual)),
            $"expected {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16}), got {actual:R} (0x{BitConverter.DoubleToInt64Bits(actual):X16})");

    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(710.0, double.PositiveInfinity)]
    [InlineData(1000.0, double.PositiveInfinity)]
    [InlineData(-746.0, 0.0)]
    [InlineData(-1000.0, 0.0)]
    [InlineData(-745.1332191019411, MinSubnormal)]     // rounds up to 2^-1074
    [InlineData(-745.1332191019412, 0.0)]              // just below 2^-1075: rounds to +0
    [InlineData(MinSubnormal, 1.0)]
    [InlineData(1.0, 2.718281828459045)]
    public void Exp_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Exp(x));

    [Fact]
    public void Exp_OverflowsExactlyAboveTheThreshold()
    {
        Assert.Equal(1.7976931348622732E+308, DetMath.Exp(ExpOverflowThreshold));
        Assert.Equal(double.PositiveInfinity, DetMath.Exp(Math.BitIncrement(ExpOverflowThreshold)));
    }

    [Fact]
    public void Exp_GivesGraduallyUnderflowingSubnormals_RoundedOnce()
    {
        // Subnormal results are rounded directly to the 2^-1074 grid: equal to the correctly rounded reference.
        for (int i = 0; i <= 200; i++)
        {
            double x = -708.4 - i * (745.13 - 708.4) / 200;
            double result = DetMath.Exp(x);
            Assert.InRange(result, double.Epsilon, 2.2250738585072014E-308);
            AssertBitEqual(ReferenceMath.Exp(x).RoundToDouble(), result);
        }
    }

    [Theory]
    [InlineData(0.0, double.NegativeInfinity)]
    [InlineData(-1.0, double.NaN)]
    [InlineData(-MinSubnormal, double.NaN)]
    [InlineData(double.NegativeInfinity, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(1.0, 0.0)]                               // +0, not -0
    [InlineData(MinSubnormal, -744.4400719213812)]
    [InlineData(double.MaxValue, 709.782712893384)]
    [InlineData(2.0, 0.6931471805599453)]
    public void Log_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Log(x));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(double.NegativeInfinity, -1.0)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(MinSubnormal, MinSubnormal)]
    [InlineData(-MinSubnormal, -MinSubnormal)]
    [InlineData(20.0, 1.0)]
    [InlineData(-1e300, -1.0)]
    [InlineData(1e-10, 1e-10)]
    public void Tanh_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Tanh(x));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(double.PositiveInfinity, double.NaN)]
    [InlineData(double.NegativeInfinity, double.NaN)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(MinSubnormal, MinSubnormal)]
    [InlineData(-MinSubnormal, -MinSubnormal)]
    [InlineData(1e22, -0.8522008497671888)]            // the classic argument-reduction check
    public void Sin_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Sin(x));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(double.PositiveInfinity, double.NaN)]
    [InlineData(double.NegativeInfinity, double.NaN)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(MinSubnormal, 1.0)]
    [InlineData(1e22, 0.523214785395139)]
    public void Cos_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Cos(x));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, -1.0)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(MinSubnormal, MinSubnormal)]
    [InlineData(710.0, double.PositiveInfinity)]
    [InlineData(-50.0, -1.0)]
    [InlineData(1e-300, 1e-300)]
    public void Expm1_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Expm1(x));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(-1.0, double.NegativeInfinity)]
    [InlineData(-2.0, double.NaN)]
    [InlineData(double.NegativeInfinity, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(MinSubnormal, MinSubnormal)]
    [InlineData(-MinSubnormal, -MinSubnormal)]
    public void Log1p_ReturnsIeeeValues_ForSpecialArguments(double x, double expected) => AssertBitEqual(expected, DetMath.Log1p(x));

    [Fact]
    public void SignedZeros_AreHandledAsC99Says()
    {
        // Kept out of the theories: xunit treats 0.0 and -0.0 as the same inline data.
        const double negativeZero = -0.0;
        AssertBitEqual(1.0, DetMath.Exp(negativeZero));
        AssertBitEqual(double.NegativeInfinity, DetMath.Log(negativeZero));
        AssertBitEqual(negativeZero, DetMath.Tanh(negativeZero));
        AssertBitEqual(negativeZero, DetMath.Sin(negativeZero));
        AssertBitEqual(1.0, DetMath.Cos(negativeZero));
        AssertBitEqual(negativeZero, DetMath.Expm1(negativeZero));
        AssertBitEqual(negativeZero, DetMath.Log1p(negativeZero));
        AssertBitEqual(0.0, DetMath.Tanh(0.0));
        AssertBitEqual(0.0, DetMath.Sin(0.0));
        AssertBitEqual(0.0, DetMath.Log(1.0));
        AssertBitEqual(0.0, DetMath.Exp(double.NegativeInfinity));
    }

    [Fact]
    public void OddAndEvenFunctions_AreExactlySymmetric()
    {
        var rng = Rng.ForStream(11, RngPurpose.Test);
        for (int i = 0; i < 5000; i++)
        {
            double x = Math.ScaleB(1.0 + rng.NextDouble(), rng.NextBelow(80) - 40);
            AssertBitEqual(-DetMath.Sin(x), DetMath.Sin(-x));
            AssertBitEqual(DetMath.Cos(x), DetMath.Cos(-x));
            AssertBitEqual(-DetMath.Tanh(x), DetMath.Tanh(-x));
        }
    }

    [Fact]
    public void Results_AreInRange_AndMonotoneWhereTheFunctionIs()
    {
        var rng = Rng.ForStream(12, RngPurpose.Test);
        for (int i = 0; i < 5000; i++)
        {
            double x = rng.NextUniform(-30, 30);
            double next = Math.BitIncrement(x);
            Assert.True(DetMath.Exp(x) <= DetMath.Exp(next));
            Assert.True(DetMath.Tanh(x) <= DetMath.Tanh(next));
            Assert.InRange(DetMath.Tanh(x), -1.0, 1.0);
            Assert.InRange(DetMath.Sin(x * 1e6), -1.0, 1.0);
            Assert.InRange(DetMath.Cos(x * 1e6), -1.0, 1.0);
            double y = Math.Abs(x) + 1e-3;
            Assert.True(DetMath.Log(y) <= DetMath.Log(Math.BitIncrement(y)));
        }
    }
}
