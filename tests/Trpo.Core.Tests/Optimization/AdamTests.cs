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
}
