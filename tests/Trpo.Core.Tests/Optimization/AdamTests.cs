using Trpo.Core.Optimization;

namespace Trpo.Core.Tests.Optimization;

public class AdamTests
{
    [Fact]
    public void Step_FirstUpdateIsLearningRateTimesSignOfGradient_UpToEpsilon()
    {
        // t = 1: m̂ = g, v̂ = g², step = lr g / (|g| + ε)
        var adam = new Adam(2, 0.1, 1e-8);
        double[] theta = [1.0, 1.0];
        adam.Step(theta, [3.0, -0.5]);
        Assert.Equal(1.0 - 0.1 * 3 / (3 + 1e-8), theta[0], 14);
        Assert.Equal(1.0 + 0.1 * 0.5 / (0.5 + 1e-8), theta[1], 14);
        Assert.Equal(1, adam.Steps);
    }

    [Fact]
    public void Step_MinimisesAQuadratic()
    {
        var adam = new Adam(1, 0.05, 1e-8);
        double[] x = [5.0];
        for (int i = 0; i < 2000; i++) adam.Step(x, [2 * (x[0] - 1.5)]);
        Assert.Equal(1.5, x[0], 3);
    }

    [Fact]
    public void Step_KeepsBiasCorrectionPowersAsRunningProducts()
    {
        var adam = new Adam(1, 0.1, 1e-8);
        double[] x = [0.0];
        for (int i = 0; i < 3; i++) adam.Step(x, [1.0]);
        Assert.Equal(0.9 * 0.9 * 0.9, adam.Beta1Power);
        Assert.Equal(0.999 * 0.999 * 0.999, adam.Beta2Power);
    }

    public static TheoryData<int> Sizes => [.. Enumerable.Range(0, 41), 4485];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Step_GivesThePlainScalarUpdateBitForBit_OverSeveralSteps(int size)
    {
        // sizes 0-40 and a critic's: the eight-lane body (AVX-512), a group of four and the scalar tail in every combination
        var rng = TestData.Rng(77);
        var theta = TestData.Gaussian(rng, size);
        var expected = (double[])theta.Clone();
        var adam = new Adam(size, 1e-3, 1e-5);
        var m = new double[size];
        var v = new double[size];
        double beta1Power = 1.0, beta2Power = 1.0;
        for (int step = 0; step < 5; step++)
        {
            var g = TestData.Gaussian(rng, size);
            adam.Step(theta, g);
            // PyTorch's arrangement, written out once more
            beta1Power *= 0.9;
            beta2Power *= 0.999;
            double stepSize = 1e-3 / (1.0 - beta1Power);
            double sqrtCorrection2 = Math.Sqrt(1.0 - beta2Power);
            for (int i = 0; i < size; i++)
            {
                m[i] = 0.9 * m[i] + (1.0 - 0.9) * g[i];
                v[i] = 0.999 * v[i] + (1.0 - 0.999) * g[i] * g[i];
                expected[i] -= stepSize * (m[i] / (Math.Sqrt(v[i]) / sqrtCorrection2 + 1e-5));
            }
        }
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), theta.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(m.Select(BitConverter.DoubleToInt64Bits), adam.M.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(v.Select(BitConverter.DoubleToInt64Bits), adam.V.Select(BitConverter.DoubleToInt64Bits));
    }
}
