using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Policies;

public class StochasticPolicyTests
{
    private sealed record Case(StochasticPolicy Policy, double[] Theta, double[] Obs, double[] Actions, int Rows);

    private static Case Make(ActionKind kind, int actionSize, ulong seed, int rows = 6)
    {
        var policy = new StochasticPolicy(3, kind, actionSize, [5, 4]);
        var theta = new double[policy.ParameterCount];
        var rng = TestData.Rng(seed);
        policy.Initialize(theta, WeightInit.Uniform, -0.3, rng);
        // make log σ differ per dimension so the test sees each one
        for (int i = policy.Network.ParameterCount; i < theta.Length; i++) theta[i] += 0.1 * (i - policy.Network.ParameterCount);
        var obs = TestData.Gaussian(rng, rows * 3);
        var outputs = policy.Evaluate(theta, obs, rows, policy.Network.CreateWorkspace(rows)).ToArray();
        var actions = new double[rows * policy.ActionWidth];
        var rngs = Enumerable.Range(0, rows).Select(i => Rng.ForStream(seed, RngPurpose.Test, (ulong)i + 1)).ToArray();
        policy.Sample(theta, outputs, rows, rngs, actions);
        return new Case(policy, theta, obs, actions, rows);
    }

    public static TheoryData<ActionKind, int> Kinds => new() { { ActionKind.Discrete, 3 }, { ActionKind.Continuous, 2 } };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WeightedLogProbGradient_MatchesFiniteDifferences(ActionKind kind, int actionSize)
    {
        var c = Make(kind, actionSize, 40);
        var weights = TestData.Gaussian(TestData.Rng(41), c.Rows);
        double Objective(double[] th)
        {
            var outs = c.Policy.Evaluate(th, c.Obs, c.Rows, c.Policy.Network.CreateWorkspace(c.Rows)).ToArray();
            var lp = new double[c.Rows];
            c.Policy.LogProbs(outs, c.Policy.LogStd(th), c.Actions, c.Rows, lp);
            return VectorOps.Dot(weights, lp);
        }
        var ws = c.Policy.Network.CreateWorkspace(c.Rows);
        var outputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, ws).ToArray();
        var g = new double[c.Policy.ParameterCount];
        c.Policy.WeightedLogProbGradient(c.Theta, outputs, c.Actions, weights, c.Rows, ws, new double[c.Rows * actionSize], g);
        for (int p = 0; p < g.Length; p++)
        {
            var e = new double[g.Length];
            e[p] = 1;
            TestData.Close(TestData.Directional(Objective, c.Theta, e), g[p], TestData.FiniteDifferenceTolerance, $"g[{p}]");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FisherVectorProduct_MatchesTheNumericalHessianOfTheMeanKl(ActionKind kind, int actionSize)
    {
        // uᵀ (F v) = ∂²/∂a∂b KL(π_old ‖ π_{θ + a u + b v}) at 0, by central differences of the KL's gradient
        // along v, where the gradient along u is itself a central difference: a different route from J^T M J.
        var c = Make(kind, actionSize, 50);
        var rng = TestData.Rng(51);
        var u = TestData.Gaussian(rng, c.Policy.ParameterCount);
        var v = TestData.Gaussian(rng, c.Policy.ParameterCount);
        var ws = c.Policy.Network.CreateWorkspace(c.Rows);
        var oldOutputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, ws).ToArray();
        var oldLogStd = c.Policy.LogStd(c.Theta).ToArray();
        double Kl(double[] th)
        {
            var outs = c.Policy.Evaluate(th, c.Obs, c.Rows, c.Policy.Network.CreateWorkspace(c.Rows)).ToArray();
            return c.Policy.MeanKl(oldOutputs, oldLogStd, outs, c.Policy.LogStd(th), c.Rows);
        }
        const double h = 1e-4;
        double Mixed(double[] x, double[] a, double[] b)
        {
            double At(double sa, double sb)
            {
                var y = (double[])x.Clone();
                for (int i = 0; i < y.Length; i++) y[i] += sa * a[i] + sb * b[i];
                return Kl(y);
            }
            return (At(h, h) - At(h, -h) - At(-h, h) + At(-h, -h)) / (4 * h * h);
        }
        var fv = new double[c.Policy.ParameterCount];
        c.Policy.FisherVectorProduct(c.Theta, oldOutputs, c.Rows, ws, v, 0.0, fv);
        TestData.Close(Mixed(c.Theta, u, v), VectorOps.Dot(u, fv), 1e-5, "u^T F v");
        TestData.Close(Mixed(c.Theta, v, v), VectorOps.Dot(v, fv), 1e-5, "v^T F v");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FisherVectorProduct_AddsDampingTimesV(ActionKind kind, int actionSize)
    {
        var c = Make(kind, actionSize, 60);
        var v = TestData.Gaussian(TestData.Rng(61), c.Policy.ParameterCount);
        var ws = c.Policy.Network.CreateWorkspace(c.Rows);
        var outs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, ws).ToArray();
        var plain = new double[v.Length];
        var damped = new double[v.Length];
        c.Policy.FisherVectorProduct(c.Theta, outs, c.Rows, ws, v, 0.0, plain);
        c.Policy.FisherVectorProduct(c.Theta, outs, c.Rows, ws, v, 0.25, damped);
        for (int i = 0; i < v.Length; i++) Assert.Equal(plain[i] + 0.25 * v[i], damped[i], 12);
        Assert.True(VectorOps.Dot(v, plain) > 0, "the Fisher matrix is positive semi-definite and v is generic");
    }

    [Fact]
    public void Initialize_SetsTheLogStdOfAGaussianPolicy()
    {
        var policy = new StochasticPolicy(3, ActionKind.Continuous, 2, [4]);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, WeightInit.Orthogonal, -0.5, TestData.Rng(1));
        Assert.Equal([-0.5, -0.5], policy.LogStd(theta).ToArray());
        Assert.Equal(policy.Network.ParameterCount + 2, policy.ParameterCount);
    }
}
