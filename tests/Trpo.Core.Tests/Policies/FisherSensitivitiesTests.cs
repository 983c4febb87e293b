using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Policies;

/// <summary>
/// The Fisher-vector product through output sensitivities (Mlp.Sensitivities.cs) against the forward-mode and reverse
/// passes it replaces (still the large-batch path): the same F v up to rounding, thread-count independent bits, no
/// allocation per product, and the rule that picks it.
/// </summary>
public class FisherSensitivitiesTests
{
    private const int Rows = 700; // three chunks, the last one partial

    /// <summary>
    /// Relative to the largest |(F v)_i|: the two routes sum the same terms in different orders, each a few hundred
    /// roundings deep over 700 rows (≈ 1e-14); a wrong sensitivity or a missing term is off by O(1).
    /// </summary>
    private const double RoundingTolerance = 1e-11;

    private sealed record Case(StochasticPolicy Policy, double[] Theta, double[] OldOutputs, MlpWorkspace Workspace, double[] V);

    private static Case Make(ActionKind kind, int actionSize, int[] hidden, bool gsde, ulong seed, int threads = 1)
    {
        var policy = new StochasticPolicy(4, kind, actionSize, hidden, stateDependentNoise: gsde);
        var theta = new double[policy.ParameterCount];
        var rng = TestData.Rng(seed);
        // uniform weights of scale 1 push some units into tanh's flat tails, so 1 − a² varies widely
        policy.Initialize(theta, WeightInit.Uniform, -0.3, rng);
        int p = policy.Network.ParameterCount;
        for (int i = p; i < theta.Length; i++) theta[i] += 0.05 * (i - p);
        var obs = TestData.Gaussian(rng, Rows * 4, 1.5);
        var ws = policy.CreateWorkspace(Rows, new Workers(threads));
        var oldOutputs = policy.Evaluate(theta, obs, Rows, ws).ToArray();
        return new Case(policy, theta, oldOutputs, ws, TestData.Gaussian(rng, policy.ParameterCount));
    }

    private static double[] Product(Case c, FisherRoute route, out bool bySensitivities)
    {
        var fisher = new FisherOperator(c.Policy, route);
        fisher.Prepare(c.Theta, c.OldOutputs, Rows, c.Workspace, 0.0);
        var result = new double[c.Policy.ParameterCount];
        fisher.Apply(c.V, result);
        bySensitivities = fisher.BySensitivities;
        return result;
    }

    public static TheoryData<ActionKind, int, int[], bool> Shapes => new()
    {
        { ActionKind.Discrete, 2, [64, 64], false },
        { ActionKind.Discrete, 5, [16, 16, 16], false },
        { ActionKind.Discrete, 3, [32], false },
        { ActionKind.Continuous, 1, [64, 64], false },
        { ActionKind.Continuous, 3, [16, 16, 16], false },
        { ActionKind.Continuous, 2, [32], false },
        { ActionKind.Continuous, 2, [64, 64], true },
        { ActionKind.Continuous, 1, [16, 16, 16], true },
        { ActionKind.Continuous, 2, [13, 7, 5], true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheProductBySensitivities_EqualsTheForwardModeAndReversePasses(ActionKind kind, int actionSize, int[] hidden, bool gsde)
    {
        var c = Make(kind, actionSize, hidden, gsde, 70);
        var expected = Product(c, FisherRoute.Passes, out bool slowPath);
        var actual = Product(c, FisherRoute.Sensitivities, out bool fastPath);
        Assert.False(slowPath);
        Assert.True(fastPath);
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 1e-3, $"a degenerate product ({scale}) would not test anything");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= RoundingTolerance * scale,
                $"(F v)[{i}]: passes {expected[i]:R}, sensitivities {actual[i]:R}, scale {scale:R}");
        // with one hidden layer nothing is stored and the route is the passes' kernels, bit for bit; deeper, the stored
        // sensitivities round differently somewhere (not by accident the same code)
        if (hidden.Length == 1) Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        else Assert.NotEqual(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void TheProductBySensitivities_GivesTheSameBits_WhateverTheThreads(int threads)
    {
        foreach (bool gsde in new[] { false, true })
        {
            var kind = gsde ? ActionKind.Continuous : ActionKind.Discrete;
            var one = Product(Make(kind, 2, [16, 16, 16], gsde, 71), FisherRoute.ByRule, out bool oneFast);
            var many = Product(Make(kind, 2, [16, 16, 16], gsde, 71, threads), FisherRoute.ByRule, out bool manyFast);
            Assert.True(oneFast && manyFast);
            Assert.Equal(one.Select(BitConverter.DoubleToInt64Bits), many.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Apply_BySensitivities_AllocatesNothing()
    {
        var c = Make(ActionKind.Discrete, 2, [64, 64], false, 72);
        var fisher = new FisherOperator(c.Policy);
        fisher.Prepare(c.Theta, c.OldOutputs, Rows, c.Workspace, 0.1);
        Assert.True(fisher.BySensitivities);
        var result = new double[c.Policy.ParameterCount];
        // steady state: past the JIT's tier-up of the non-kernel methods (which may allocate while compiling)
        for (int i = 0; i < 100; i++) fisher.Apply(c.V, result);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) fisher.Apply(c.V, result);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void TheRule_PicksSensitivities_OnlyForCachedActivations_TwoHiddenLayers_ANarrowOutput_AndTheMemoryBudget()
    {
        var cartPole = new Mlp(4, [64, 64], 2);
        Assert.True(cartPole.FisherBySensitivities(2048, cachesActivations: true));
        Assert.False(cartPole.FisherBySensitivities(2048, cachesActivations: false));
        // rows × k × (Σ hidden but the last) × 8 bytes over the budget
        long rowsOverBudget = MlpWorkspace.ActivationCacheBytes / (2 * 64 * sizeof(double)) + 1;
        Assert.True(cartPole.FisherBySensitivities((int)rowsOverBudget - 1, cachesActivations: true));
        Assert.False(cartPole.FisherBySensitivities((int)rowsOverBudget, cachesActivations: true));
        // no hidden layer: nothing to precompute
        Assert.False(new Mlp(4, [], 2).FisherBySensitivities(2048, cachesActivations: true));
        // k Σ_h width_h against M − m_0: 40 · 128 = 5120 < 64 · 64 + 64 · 40 = 6656; 70 · 128 = 8960 ≥ 4096 + 4480 = 8576
        Assert.True(new Mlp(4, [64, 64], 40).FisherBySensitivities(256, cachesActivations: true));
        Assert.False(new Mlp(4, [64, 64], 70).FisherBySensitivities(256, cachesActivations: true));
        // one hidden layer: k · h = M − m_0, the two routes cost the same FLOPs and the passes need no extra memory
        Assert.False(new Mlp(4, [32], 2).FisherBySensitivities(256, cachesActivations: true));
    }

    [Fact]
    public void AWorkspaceThatDoesNotCacheActivations_KeepsTheForwardModeAndReversePasses()
    {
        var policy = new StochasticPolicy(4, ActionKind.Discrete, 2, [16, 16]);
        var theta = new double[policy.ParameterCount];
        var rng = TestData.Rng(73);
        policy.Initialize(theta, WeightInit.Uniform, 0, rng);
        var obs = TestData.Gaussian(rng, Rows * 4);
        var ws = policy.CreateWorkspace(Rows, cacheActivations: false);
        var outputs = policy.Evaluate(theta, obs, Rows, ws).ToArray();
        var fisher = new FisherOperator(policy);
        fisher.Prepare(theta, outputs, Rows, ws, 0.1);
        Assert.False(fisher.BySensitivities);
    }
}
