using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>The span overload of tanh (four lanes at a time) must give exactly the scalar function's bits.</summary>
public class DetMathTanhSpanTests
{
    private static void AssertSameBitsAsScalar(double[] x)
    {
        var y = new double[x.Length];
        DetMath.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            long expected = BitConverter.DoubleToInt64Bits(DetMath.Tanh(x[i]));
            long actual = BitConverter.DoubleToInt64Bits(y[i]);
            Assert.True(expected == actual, $"tanh({x[i]:R}) at index {i}: scalar {DetMath.Tanh(x[i]):R}, span {y[i]:R}");
        }
    }

    [Fact]
    public void SpanTanh_EqualsScalarTanh_OnRandomArgumentsOfEveryScale()
    {
        var rng = TestData.Rng(4242);
        var x = new double[60_003]; // not a multiple of 4: the scalar tail runs too
        for (int i = 0; i < x.Length; i++)
        {
            // |x| from 2^-40 to 2^6: tiny, the m = 0 band near 0, the table range and saturation
            double magnitude = Math.Pow(2.0, -40 + 46 * rng.NextDouble());
            x[i] = rng.NextDouble() < 0.5 ? -magnitude : magnitude;
        }
        AssertSameBitsAsScalar(x);
        AssertSameBitsAsScalar(TestData.Gaussian(rng, 20_000, 3.0));
    }

    [Fact]
    public void SpanTanh_EqualsScalarTanh_OnSpecialAndBoundaryArguments()
    {
        const double twoPowMinus27 = 7.450580596923828125E-9;
        // the tiny cut, the branch point 0.125, the saturation threshold, the first table edge of the reduction of 2|x|, ...
        double[] edges = [0.0, twoPowMinus27, 0.125, TanhAccuracyTests.Saturation, 20.0, 0.5 * Math.Log(2) / 256, 1e-3, 1.0, double.Epsilon, 1e-310, double.MaxValue];
        var x = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0 };
        foreach (double e in edges)
            foreach (double v in new[] { e, Math.BitDecrement(e), Math.BitIncrement(e) })
                if (double.IsFinite(v)) { x.Add(v); x.Add(-v); }
        // every lane position for each special value: shift the list through a 4-lane window
        for (int shift = 0; shift < 4; shift++)
            AssertSameBitsAsScalar([.. Enumerable.Repeat(0.25, shift), .. x]);
    }

    [Fact]
    public void SpanTanh_WorksInPlace()
    {
        var x = TestData.Gaussian(TestData.Rng(7), 37);
        var expected = x.Select(DetMath.Tanh).ToArray();
        DetMath.Tanh(x, x);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void SpanTanh_WithTheCallersScratch_GivesTheScalarBits_InPlace()
    {
        // the forward pass's call: in place, 64 and 300 elements, a scratch that held other data before
        var rng = TestData.Rng(99);
        foreach (int length in new[] { 3, 64, 300 })
        {
            var x = TestData.Gaussian(rng, length, 2.0);
            var expected = x.Select(DetMath.Tanh).ToArray();
            var scratch = TestData.Gaussian(rng, DetMath.TanhScratchLength);
            DetMath.Tanh(x, x, scratch);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void SpanTanh_EqualsScalarTanh_ForEveryTailLength_InPlaceAndNot()
    {
        // lengths 0-7 and a few longer ones, into a separate array and in place (x = y), arguments in both branches
        var rng = TestData.Rng(98);
        foreach (int length in new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 64, 67, 129, 300 })
        {
            var x = TestData.Gaussian(rng, length, 1.0);
            var expected = x.Select(DetMath.Tanh).ToArray();
            var y = new double[length];
            DetMath.Tanh(x, y);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), y.Select(BitConverter.DoubleToInt64Bits));
            DetMath.Tanh(x, x);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
