using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Policies;

/// <summary>
/// gSDE's policy (StochasticPolicy with state-dependent noise): the gradient and the Fisher-vector product against
/// finite differences of the log-probabilities and of the KL with the features held at θ_old's (detached, as in sb3),
/// and the distribution of the sampled actions against the variance it claims.
/// </summary>
public class StateDependentNoiseTests
{
    private const int ObservationSize = 3, ActionSize = 2;
    private sealed record Case(StochasticPolicy Policy, double[] Theta, double[] Obs, double[] Actions, int Rows);

    private static Case Make(ulong seed, int rows = 6)
    {
        var policy = new StochasticPolicy(ObservationSize, ActionKind.Continuous, ActionSize, [5, 4], stateDependentNoise: true);
        var theta = new double[policy.ParameterCount];
        var rng = TestData.Rng(seed);
        policy.Initialize(theta, WeightInit.Uniform, -0.3, rng);
        // make every log σ_ij differ so the test sees each one
        int p = policy.Network.ParameterCount;
        for (int i = p; i < theta.Length; i++) theta[i] += 0.15 * (i - p) - 0.4;
        var obs = TestData.Gaussian(rng, rows * ObservationSize);
        var outputs = policy.Evaluate(theta, obs, rows, policy.CreateWorkspace(rows)).ToArray();
        var noise = new ExplorationNoise(rows, policy.FeatureSize, ActionSize, -1, seed);
        var actions = new double[rows * ActionSize];
        for (int n = 0; n < rows; n++)
        {
            noise.Draw(n, policy.LogStd(theta));
            noise.Act(n, outputs.AsSpan(n * policy.OutputWidth, policy.OutputWidth), actions.AsSpan(n * ActionSize, ActionSize));
        }
        return new Case(policy, theta, obs, actions, rows);
    }

    /// <summary>[μ_θ | f_θold] rows: the means at <paramref name="theta"/>, the features frozen at <paramref name="frozen"/>'s (sb3's detach).</summary>
    private static double[] WithFrozenFeatures(Case c, double[] theta, double[] frozen)
    {
        var outputs = c.Policy.Evaluate(theta, c.Obs, c.Rows, c.Policy.CreateWorkspace(c.Rows)).ToArray();
        int w = c.Policy.OutputWidth;
        for (int n = 0; n < c.Rows; n++) Array.Copy(frozen, n * w + ActionSize, outputs, n * w + ActionSize, c.Policy.FeatureSize);
        return outputs;
    }

    [Fact]
    public void TheParameters_AreTheNetworkAndAFeaturesByActionsLogStdMatrix_InitialisedToLogStdInit()
    {
        var policy = new StochasticPolicy(ObservationSize, ActionKind.Continuous, ActionSize, [5, 4], stateDependentNoise: true);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, WeightInit.Orthogonal, -2.0, TestData.Rng(1));
        Assert.Equal(4, policy.FeatureSize);
        Assert.Equal(ActionSize + 4, policy.OutputWidth);
        Assert.Equal(policy.Network.ParameterCount + 4 * ActionSize, policy.ParameterCount);
        Assert.All(policy.LogStd(theta).ToArray(), x => Assert.Equal(-2.0, x));
    }

    [Fact]
    public void Evaluate_GivesTheNetworksMeansFollowedByItsLastHiddenLayer()
    {
        var c = Make(5);
        var outputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, c.Policy.CreateWorkspace(c.Rows)).ToArray();
        var means = c.Policy.Network.Forward(c.Policy.NetworkParameters(c.Theta), c.Obs, c.Rows, c.Policy.Network.CreateWorkspace(c.Rows)).ToArray();
        // the last hidden layer by hand: tanh(W2 tanh(W1 s + b1) + b2)
        var net = c.Policy.Network;
        for (int n = 0; n < c.Rows; n++)
        {
            double[] a = c.Obs.AsSpan(n * ObservationSize, ObservationSize).ToArray();
            for (int l = 0; l < net.LayerCount - 1; l++)
            {
                var z = new double[net.LayerOutput(l)];
                for (int j = 0; j < z.Length; j++)
                {
                    double s = c.Theta[net.BiasOffset(l) + j];
                    for (int k = 0; k < a.Length; k++) s += c.Theta[net.WeightOffset(l) + k * z.Length + j] * a[k];
                    z[j] = Math.Tanh(s);
                }
                a = z;
            }
            var row = outputs.AsSpan(n * c.Policy.OutputWidth, c.Policy.OutputWidth);
            Assert.Equal(means.AsSpan(n * ActionSize, ActionSize).ToArray(), row[..ActionSize].ToArray());
            for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], row[ActionSize + i], 1e-14);
        }
    }

    [Fact]
    public void WeightedLogProbGradient_MatchesFiniteDifferences_WithTheFeaturesDetached()
    {
        var c = Make(40);
        var weights = TestData.Gaussian(TestData.Rng(41), c.Rows);
        var ws = c.Policy.CreateWorkspace(c.Rows);
        var oldOutputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, ws).ToArray();
        double Objective(double[] th)
        {
            var lp = new double[c.Rows];
            c.Policy.LogProbs(WithFrozenFeatures(c, th, oldOutputs), c.Policy.LogStd(th), c.Actions, c.Rows, lp);
            return VectorOps.Dot(weights, lp);
        }
        var g = new double[c.Policy.ParameterCount];
        c.Policy.WeightedLogProbGradient(c.Theta, oldOutputs, c.Actions, weights, c.Rows, ws, new double[c.Rows * ActionSize], g);
        for (int p = 0; p < g.Length; p++)
        {
            var e = new double[g.Length];
            e[p] = 1;
            TestData.Close(TestData.Directional(Objective, c.Theta, e), g[p], TestData.FiniteDifferenceTolerance, $"g[{p}]");
        }
        Assert.Contains(g[c.Policy.Network.ParameterCount..], x => Math.Abs(x) > 1e-3); // the log σ matrix is really exercised
    }

    public static TheoryData<string> Directions => new() { "all", "network", "log_std" };

    [Theory]
    [MemberData(nameof(Directions))]
    public void FisherVectorProduct_MatchesTheNumericalHessianOfTheMeanKl_WithTheFeaturesDetached(string block)
    {
        // uᵀ (F v) = ∂²/∂a∂b KL(π_old ‖ π_{θ + a u + b v}) at 0 by central differences, the features of both
        // policies held at θ_old's: the Hessian sb3's double backprop computes, by a route other than J^T M J
        var c = Make(50);
        var rng = TestData.Rng(51);
        int p = c.Policy.Network.ParameterCount;
        double[] Direction()
        {
            var x = TestData.Gaussian(rng, c.Policy.ParameterCount);
            if (block == "network") Array.Clear(x, p, x.Length - p);
            if (block == "log_std") Array.Clear(x, 0, p);
            return x;
        }
        var u = Direction();
        var v = Direction();
        var ws = c.Policy.CreateWorkspace(c.Rows);
        var oldOutputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, ws).ToArray();
        var oldLogStd = c.Policy.LogStd(c.Theta).ToArray();
        double Kl(double[] th) => c.Policy.MeanKl(oldOutputs, oldLogStd, WithFrozenFeatures(c, th, oldOutputs), c.Policy.LogStd(th), c.Rows);
        const double h = 1e-4;
        double Mixed(double[] a, double[] b)
        {
            double At(double sa, double sb)
            {
                var y = (double[])c.Theta.Clone();
                for (int i = 0; i < y.Length; i++) y[i] += sa * a[i] + sb * b[i];
                return Kl(y);
            }
            return (At(h, h) - At(h, -h) - At(-h, h) + At(-h, -h)) / (4 * h * h);
        }
        var fv = new double[c.Policy.ParameterCount];
        c.Policy.FisherVectorProduct(c.Theta, oldOutputs, c.Rows, ws, v, 0.0, fv);
        TestData.Close(Mixed(u, v), VectorOps.Dot(u, fv), 1e-5, "u^T F v");
        TestData.Close(Mixed(v, v), VectorOps.Dot(v, fv), 1e-5, "v^T F v");
        Assert.True(VectorOps.Dot(v, fv) > 1e-3, $"v^T F v = {VectorOps.Dot(v, fv):R} is not trivially small");
    }

    [Fact]
    public void MeanKl_IsZeroBetweenAPolicyAndItself_AndPositiveWhenOnlyTheLogStdMatrixMoves()
    {
        var c = Make(55);
        var outputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, c.Policy.CreateWorkspace(c.Rows)).ToArray();
        var logStd = c.Policy.LogStd(c.Theta).ToArray();
        Assert.Equal(0.0, c.Policy.MeanKl(outputs, logStd, outputs, logStd, c.Rows), 15);
        var moved = logStd.Select(x => x + 0.1).ToArray();
        double kl = c.Policy.MeanKl(outputs, logStd, outputs, moved, c.Rows);
        // every σ_ij scaled by e^0.1 scales each v_j − ε_v by e^0.2: KL ≈ Σ_j ½ (r − 1 − log r) per row, r = v/v'
        Assert.InRange(kl, 0.5 * ActionSize * (Math.Exp(-0.2) - 1 + 0.2) * 0.9, 0.5 * ActionSize * (Math.Exp(-0.2) - 1 + 0.2) * 1.0001);
    }

    [Fact]
    public void SampledActions_HaveTheMeanAndTheStateDependentVarianceTheDistributionStates()
    {
        // a = μ + Eᵀ f with E_ij ~ N(0, σ_ij²) redrawn for every sample: mean μ_j, variance Σ_i f_i² σ_ij² = v_j − ε_v,
        // and no correlation between action dimensions (E's columns are independent)
        var c = Make(60, rows: 2);
        var outputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, c.Policy.CreateWorkspace(c.Rows)).ToArray();
        var logStd = c.Policy.LogStd(c.Theta);
        var noise = new ExplorationNoise(1, c.Policy.FeatureSize, ActionSize, -1, 61);
        const int draws = 40000;
        int w = c.Policy.OutputWidth;
        for (int n = 0; n < c.Rows; n++)
        {
            var row = outputs.AsSpan(n * w, w);
            var expectedVariances = new double[ActionSize];
            var weightVariances = new double[logStd.Length];
            StateDependentNoise.WeightVariances(logStd, weightVariances);
            StateDependentNoise.Variances(row[ActionSize..], weightVariances, expectedVariances);
            var sum = new double[ActionSize];
            var squares = new double[ActionSize];
            double cross = 0.0;
            var action = new double[ActionSize];
            for (int t = 0; t < draws; t++)
            {
                noise.Draw(0, logStd);
                noise.Act(0, row, action);
                for (int j = 0; j < ActionSize; j++)
                {
                    double e = action[j] - row[j];
                    sum[j] += e;
                    squares[j] += e * e;
                }
                cross += (action[0] - row[0]) * (action[1] - row[1]);
            }
            for (int j = 0; j < ActionSize; j++)
            {
                double variance = expectedVariances[j] - StateDependentNoise.VarianceEpsilon;
                // 5 standard errors: of the mean sqrt(v/N), of the variance v sqrt(2/N)
                Assert.InRange(sum[j] / draws, -5 * Math.Sqrt(variance / draws), 5 * Math.Sqrt(variance / draws));
                Assert.InRange(squares[j] / draws, variance * (1 - 5 * Math.Sqrt(2.0 / draws)), variance * (1 + 5 * Math.Sqrt(2.0 / draws)));
            }
            double scale = Math.Sqrt((expectedVariances[0] - StateDependentNoise.VarianceEpsilon) * (expectedVariances[1] - StateDependentNoise.VarianceEpsilon));
            Assert.InRange(cross / draws, -5 * scale / Math.Sqrt(draws), 5 * scale / Math.Sqrt(draws));
        }
    }

    [Fact]
    public void TheVariance_DependsOnTheState()
    {
        var c = Make(70);
        var outputs = c.Policy.Evaluate(c.Theta, c.Obs, c.Rows, c.Policy.CreateWorkspace(c.Rows)).ToArray();
        var weightVariances = new double[c.Policy.LogStd(c.Theta).Length];
        StateDependentNoise.WeightVariances(c.Policy.LogStd(c.Theta), weightVariances);
        var v0 = new double[ActionSize];
        var v1 = new double[ActionSize];
        c.Policy.GsdeVariances(outputs, 0, weightVariances, v0);
        c.Policy.GsdeVariances(outputs, 1, weightVariances, v1);
        Assert.NotEqual(v0[0], v1[0]);
        // log-prob and entropy use that variance: H = Σ_j ½ log(2πe v_j)
        double h0 = StateDependentNoise.Entropy(v0);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * v0[0]) + 0.5 * Math.Log(2 * Math.PI * Math.E * v0[1]), h0, 12);
    }

    [Fact]
    public void APolicyWithDiscreteActions_CannotUseStateDependentNoise()
    {
        Assert.Throws<ArgumentException>(() => new StochasticPolicy(4, ActionKind.Discrete, 2, [4], stateDependentNoise: true));
    }

    [Fact]
    public void ASampleFrequencyOfZero_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExplorationNoise(1, 4, 1, 0, 0));
    }
}
