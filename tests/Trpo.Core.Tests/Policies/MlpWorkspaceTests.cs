using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Policies;

/// <summary>Caching or recomputing activations, and the thread count, must not change a bit of any pass.</summary>
public class MlpWorkspaceTests
{
    private const int Rows = 700; // three chunks, the last one partial

    private sealed record Passes(double[] Outputs, double[] Gradient, double[] Tangents, double[] Fused);

    private sealed class TimesTwo : IOutputMap
    {
        public void Map(int start, int count, ReadOnlySpan<double> jv, Span<double> u, Span<double> scratch)
        {
            for (int i = 0; i < jv.Length; i++) u[i] = 2.0 * jv[i] + start;
        }
    }

    private static Passes Run(int threads, bool cache)
    {
        var net = new Mlp(3, [16, 9], 2);
        var rng = TestData.Rng(5);
        var theta = new double[net.ParameterCount];
        WeightInitializer.Initialize(net, theta, WeightInit.Uniform, rng, 1, 1);
        var input = TestData.Gaussian(rng, Rows * 3);
        var upstream = TestData.Gaussian(rng, Rows * 2);
        var tangent = TestData.Gaussian(rng, net.ParameterCount);
        var ws = net.CreateWorkspace(Rows, new Workers(threads), cacheActivations: cache);
        Assert.Equal(cache, ws.CachesActivations);
        var outputs = net.Forward(theta, input, Rows, ws).ToArray();
        var gradient = TestData.Gaussian(rng, net.ParameterCount);
        net.Backward(theta, upstream, Rows, ws, gradient);
        var tangents = net.JacobianVectorProduct(theta, tangent, Rows, ws).ToArray();
        var fused = new double[net.ParameterCount];
        net.JacobianTransposeMapJacobian(theta, tangent, Rows, ws, new TimesTwo(), fused);
        return new Passes(outputs, gradient, tangents, fused);
    }

    private static void AssertSameBits(Passes expected, Passes actual)
    {
        static IEnumerable<long> Bits(double[] x) => x.Select(BitConverter.DoubleToInt64Bits);
        Assert.Equal(Bits(expected.Outputs), Bits(actual.Outputs));
        Assert.Equal(Bits(expected.Gradient), Bits(actual.Gradient));
        Assert.Equal(Bits(expected.Tangents), Bits(actual.Tangents));
        Assert.Equal(Bits(expected.Fused), Bits(actual.Fused));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(7, true)]
    public void EveryPass_GivesTheSameBits_WhateverTheThreadsAndCaching(int threads, bool cache)
        => AssertSameBits(Run(1, cache: true), Run(threads, cache));

    [Fact]
    public void TheFusedPass_EqualsForwardModeThenTheMapThenTheReversePass()
    {
        var net = new Mlp(4, [8], 3);
        var rng = TestData.Rng(9);
        var theta = new double[net.ParameterCount];
        WeightInitializer.Initialize(net, theta, WeightInit.Uniform, rng, 1, 1);
        var input = TestData.Gaussian(rng, Rows * 4);
        var tangent = TestData.Gaussian(rng, net.ParameterCount);
        var ws = net.CreateWorkspace(Rows);
        net.Forward(theta, input, Rows, ws);
        var jv = net.JacobianVectorProduct(theta, tangent, Rows, ws).ToArray();
        var u = new double[jv.Length];
        for (int c = 0; c * Workers.ChunkRows < Rows; c++)
        {
            int start = c * Workers.ChunkRows, count = Math.Min(Workers.ChunkRows, Rows - start);
            new TimesTwo().Map(start, count, jv.AsSpan(start * 3, count * 3), u.AsSpan(start * 3, count * 3), []);
        }
        var expected = new double[net.ParameterCount];
        net.Backward(theta, u, Rows, ws, expected);
        var fused = new double[net.ParameterCount];
        net.JacobianTransposeMapJacobian(theta, tangent, Rows, ws, new TimesTwo(), fused);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), fused.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void AWorkspaceTooLargeForTheCacheBudget_RecomputesInsteadOfCaching()
    {
        var net = new Mlp(2, [64, 64], 1);
        long rowsOverBudget = MlpWorkspace.ActivationCacheBytes / (128 * sizeof(double)) + 1;
        var ws = net.CreateWorkspace((int)rowsOverBudget);
        Assert.False(ws.CachesActivations);
        Assert.True(net.CreateWorkspace(4096).CachesActivations);
    }
}
