using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Policies;

public class WeightInitializerTests
{
    [Theory]
    [InlineData(5, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    public void Orthogonal_GivesOrthonormalRowsOrColumns_TimesGain(int rows, int cols)
    {
        var w = new double[rows * cols];
        WeightInitializer.Orthogonal(w, rows, cols, 2.0, TestData.Rng(1));
        // W Wᵀ = gain² I when rows ≤ cols, Wᵀ W = gain² I otherwise
        int m = Math.Min(rows, cols);
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                double s = 0;
                for (int t = 0; t < Math.Max(rows, cols); t++)
                    s += rows <= cols ? w[a * cols + t] * w[b * cols + t] : w[t * cols + a] * w[t * cols + b];
                Assert.Equal(a == b ? 4.0 : 0.0, s, 12);
            }
    }

    [Fact]
    public void Uniform_StaysWithinOneOverSqrtFanIn()
    {
        var net = new Mlp(16, [9], 2);
        var theta = new double[net.ParameterCount];
        WeightInitializer.Initialize(net, theta, WeightInit.Uniform, TestData.Rng(2), 1, 1);
        for (int i = net.WeightOffset(0); i < net.WeightOffset(1); i++) Assert.InRange(Math.Abs(theta[i]), 0, 0.25);
        for (int i = net.WeightOffset(1); i < theta.Length; i++) Assert.InRange(Math.Abs(theta[i]), 0, 1 / 3.0);
        Assert.Contains(theta, t => Math.Abs(t) > 0.2); // not all squeezed near zero
    }

    [Fact]
    public void Orthogonal_ZeroesBiases_AndScalesTheOutputLayerByItsGain()
    {
        var net = new Mlp(4, [8], 2);
        var theta = new double[net.ParameterCount];
        WeightInitializer.Initialize(net, theta, WeightInit.Orthogonal, TestData.Rng(3), Math.Sqrt(2), 0.01);
        for (int i = net.BiasOffset(0); i < net.BiasOffset(0) + 8; i++) Assert.Equal(0.0, theta[i]);
        for (int i = net.BiasOffset(1); i < theta.Length; i++) Assert.Equal(0.0, theta[i]);
        var head = theta.AsSpan(net.WeightOffset(1), 16).ToArray();
        Assert.All(head, x => Assert.InRange(Math.Abs(x), 0, 0.01 + 1e-15));
        Assert.Equal(2 * 0.01 * 0.01, VectorOps.Dot(head, head), 12); // two orthonormal rows times gain²
    }
}
