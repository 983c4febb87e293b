using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// The span overload of tanh must give exactly the scalar function's bits on every path: eight lanes (two groups per loop
/// iteration, then one) where Vector512 is accelerated, a group of four in the four-lane stages, the scalar tail; on a CPU
/// without AVX-512 the four-lane stages take every group (TanhVectorWidthIndependenceTests runs that path, and the scalar one,
/// in child processes).
/// </summary>
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
        // every lane position for each special value: shift the list through a 16-element window (two groups of eight)
        for (int shift = 0; shift < 16; shift++)
            AssertSameBitsAsScalar([.. Enumerable.Repeat(0.25, shift), .. x]);
    }

    [Fact]
    public void SpanTanh_EqualsScalarTanh_WithEachSpecialValue_AtEveryIndex_OfEveryPath()
    {
        // lengths 23 (elements 0-15 in the two-group loop, 16-19 a group of four, 20-22 scalar), 13 (0-7 one group of eight,
        // 8-11 four, 12 scalar) and 8; the rest of the array in both branches
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.125, Math.BitDecrement(0.125),
            -0.125, TanhAccuracyTests.Saturation, Math.BitDecrement(TanhAccuracyTests.Saturation), -TanhAccuracyTests.Saturation,
            7.450580596923828125E-9, Math.BitDecrement(7.450580596923828125E-9), double.Epsilon, -1e-310, double.MaxValue, -double.MaxValue, 20.0];
        var rng = TestData.Rng(97);
        foreach (int length in new[] { 23, 13, 8 })
        {
            var background = TestData.Gaussian(rng, length, 0.5);
            foreach (double special in specials)
                for (int position = 0; position < length; position++)
                {
                    var x = (double[])background.Clone();
                    x[position] = special;
                    AssertSameBitsAsScalar(x);
                }
        }
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
        foreach (int length in new[] { 3, 12, 64, 300 })
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
        // lengths 0-40 (none, one or two groups of eight, the two-group loop, a group of four, the scalar tail in every
        // combination) and longer ones across the four-lane stages' block of 128, into a separate array and in place (x = y),
        // arguments in both branches
        var rng = TestData.Rng(98);
        foreach (int length in Enumerable.Range(0, 41).Concat([63, 64, 67, 124, 127, 128, 129, 132, 135, 136, 255, 256, 257, 300]))
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
