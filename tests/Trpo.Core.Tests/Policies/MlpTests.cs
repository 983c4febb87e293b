using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Policies;

public class MlpTests
{
    private static (Mlp net, double[] theta, double[] input) Setup(int rows, ulong seed, int[] hidden, int inSize = 3, int outSize = 2)
    {
        var net = new Mlp(inSize, hidden, outSize);
        var theta = new double[net.ParameterCount];
        var rng = TestData.Rng(seed);
        WeightInitializer.Initialize(net, theta, WeightInit.Uniform, rng, 1, 1);
        return (net, theta, TestData.Gaussian(rng, rows * inSize));
    }

    [Theory]
    [InlineData(new[] { 5 }, 1UL)]
    [InlineData(new[] { 7, 6 }, 2UL)]
    [InlineData(new[] { 4, 9, 3 }, 3UL)]
    public void Backward_MatchesFiniteDifferences_OfWeightedOutputSum(int[] hidden, ulong seed)
    {
        const int rows = 4;
        var (net, theta, input) = Setup(rows, seed, hidden);
        var rng = TestData.Rng(seed + 100);
        var weights = TestData.Gaussian(rng, rows * net.OutputSize);
        var ws = net.CreateWorkspace(rows);
        double Loss(double[] th)
        {
            var o = net.Forward(th, input, rows, net.CreateWorkspace(rows));
            double s = 0;
            for (int i = 0; i < o.Length; i++) s += weights[i] * o[i];
            return s;
        }
        net.Forward(theta, input, rows, ws);
        var grad = new double[net.ParameterCount];
        net.Backward(theta, weights, rows, ws, grad);
        for (int p = 0; p < net.ParameterCount; p++)
        {
            var e = new double[net.ParameterCount];
            e[p] = 1;
            TestData.Close(TestData.Directional(Loss, theta, e), grad[p], TestData.FiniteDifferenceTolerance, $"dL/dtheta[{p}]");
        }
    }

    [Fact]
    public void Backward_AddsIntoTheGradient_RatherThanOverwriting()
    {
        var (net, theta, input) = Setup(2, 7, [3]);
        var ws = net.CreateWorkspace(2);
        net.Forward(theta, input, 2, ws);
        var upstream = new double[] { 1, -1, 0.5, 2 };
        var once = new double[net.ParameterCount];
        net.Backward(theta, upstream, 2, ws, once);
        var twice = (double[])once.Clone();
        net.Backward(theta, upstream, 2, ws, twice);
        for (int i = 0; i < once.Length; i++) Assert.Equal(2 * once[i], twice[i], 12);
    }

    [Theory]
    [InlineData(new[] { 5 }, 11UL)]
    [InlineData(new[] { 8, 8 }, 12UL)]
    public void JacobianVectorProduct_MatchesFiniteDifferences(int[] hidden, ulong seed)
    {
        const int rows = 3;
        var (net, theta, input) = Setup(rows, seed, hidden);
        var v = TestData.Gaussian(TestData.Rng(seed + 1), net.ParameterCount);
        var ws = net.CreateWorkspace(rows);
        net.Forward(theta, input, rows, ws);
        var jv = net.JacobianVectorProduct(theta, v, rows, ws).ToArray();
        for (int o = 0; o < rows * net.OutputSize; o++)
        {
            int index = o;
            double fd = TestData.Directional(th => net.Forward(th, input, rows, net.CreateWorkspace(rows))[index], theta, v);
            TestData.Close(fd, jv[o], TestData.FiniteDifferenceTolerance, $"(Jv)[{o}]");
        }
    }

    [Fact]
    public void JacobianVectorProduct_IsTheAdjointOfBackward()
    {
        // uᵀ (J v) = (Jᵀ u)ᵀ v up to rounding
        const int rows = 5;
        var (net, theta, input) = Setup(rows, 21, [6, 4]);
        var rng = TestData.Rng(22);
        var v = TestData.Gaussian(rng, net.ParameterCount);
        var u = TestData.Gaussian(rng, rows * net.OutputSize);
        var ws = net.CreateWorkspace(rows);
        net.Forward(theta, input, rows, ws);
        double left = VectorOps.Dot(u, net.JacobianVectorProduct(theta, v, rows, ws));
        var jtu = new double[net.ParameterCount];
        net.Backward(theta, u, rows, ws, jtu);
        TestData.Close(left, VectorOps.Dot(jtu, v), 1e-12, "u^T J v");
    }

    [Fact]
    public void Forward_GivesTheSameBitsForARow_AloneOrInABatch()
    {
        const int rows = 9;
        var (net, theta, input) = Setup(rows, 31, [64, 64], inSize: 4, outSize: 3);
        var batch = net.Forward(theta, input, rows, net.CreateWorkspace(rows)).ToArray();
        for (int n = 0; n < rows; n++)
        {
            var alone = net.Forward(theta, input.AsSpan(n * 4, 4), 1, net.CreateWorkspace(1)).ToArray();
            for (int j = 0; j < 3; j++) Assert.Equal(BitConverter.DoubleToInt64Bits(batch[n * 3 + j]), BitConverter.DoubleToInt64Bits(alone[j]));
        }
    }

    [Fact]
    public void Forward_OfAOneLayerLinearNet_IsTheAffineMap()
    {
        // no hidden layer: output = W x + b exactly
        var net = new Mlp(2, [], 2);
        // θ = [Wᵀ (2×2, element [k, j] = W_jk), b]: W = [[1, 2], [3, 4]], b = [0.5, -1]
        double[] theta = [1, 3, 2, 4, 0.5, -1];
        var y = net.Forward(theta, new double[] { 1, 10 }, 1, net.CreateWorkspace(1)).ToArray();
        Assert.Equal([1 * 1 + 2 * 10 + 0.5, 3 * 1 + 4 * 10 - 1], y);
    }

    [Fact]
    public void Constructor_RejectsNonPositiveLayerSizes()
    {
        Assert.Throws<ArgumentException>(() => new Mlp(3, [0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(0, [4], 2));
    }
}
