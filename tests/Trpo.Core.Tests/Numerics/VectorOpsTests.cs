using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// The element-wise VectorOps (eight lanes with AVX-512, four with 256-bit vectors, then scalar) against their scalar
/// definitions, bit for bit, for every length 0–40 (every combination of groups and tail) and in place.
/// </summary>
public class VectorOpsTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 41), 1000];

    private static long[] Bits(double[] v) => [.. v.Select(BitConverter.DoubleToInt64Bits)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaled_IsYPlusAX_ElementByElement_AlsoInPlace(int n)
    {
        var rng = TestData.Rng(31);
        var x = TestData.Gaussian(rng, n, 3.0);
        var y = TestData.Gaussian(rng, n);
        const double a = -0.7391;
        var expected = new double[n];
        for (int i = 0; i < n; i++) expected[i] = y[i] + a * x[i];
        VectorOps.AddScaled(y, a, x);
        Assert.Equal(Bits(expected), Bits(y));
        // x = y: y + a y
        for (int i = 0; i < n; i++) expected[i] = y[i] + a * y[i];
        VectorOps.AddScaled(y, a, y);
        Assert.Equal(Bits(expected), Bits(y));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Combine_IsXPlusAY_ElementByElement_IntoXYOrAnotherSpan(int n)
    {
        var rng = TestData.Rng(32);
        var x = TestData.Gaussian(rng, n);
        var y = TestData.Gaussian(rng, n, 1e-3);
        const double a = 12.5e-3;
        var expected = new double[n];
        for (int i = 0; i < n; i++) expected[i] = x[i] + a * y[i];
        var result = new double[n];
        VectorOps.Combine(x, a, y, result);
        Assert.Equal(Bits(expected), Bits(result));
        // into y (conjugate gradient's p ← r + β p) and into x
        var yInPlace = (double[])y.Clone();
        VectorOps.Combine(x, a, yInPlace, yInPlace);
        Assert.Equal(Bits(expected), Bits(yInPlace));
        var xInPlace = (double[])x.Clone();
        VectorOps.Combine(xInPlace, a, y, xInPlace);
        Assert.Equal(Bits(expected), Bits(xInPlace));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AllFinite_FindsANonFiniteValue_AtEveryIndex(int n)
    {
        var x = TestData.Gaussian(TestData.Rng(33), n);
        // finite extremes stay finite
        if (n > 0) { x[0] = double.MaxValue; x[n - 1] = -double.Epsilon; }
        if (n > 2) x[n / 2] = -0.0;
        Assert.True(VectorOps.AllFinite(x));
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001UL)) })
            for (int i = 0; i < n; i++)
            {
                double kept = x[i];
                x[i] = bad;
                Assert.False(VectorOps.AllFinite(x), $"{bad} at {i} of {n}");
                x[i] = kept;
            }
    }
}
