using Trpo.Core.Control;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;

namespace Trpo.Core.Tests.Control;

public sealed class LqrPolicyEvaluationTests
{
    private static readonly LqrOptimum Optimum = new(LqrSystem.Default);

    [Fact]
    public void StartStates_AreFixed_AndDrawnFromTheStartBox()
    {
        var first = LqrPolicyEvaluation.StartStates(LqrSystem.Default, 50);
        var again = LqrPolicyEvaluation.StartStates(LqrSystem.Default, 50);

        Assert.Equal(first, again);
        Assert.Equal(100, first.Length);
        Assert.All(first, x => Assert.InRange(x, -1.0, 1.0));
        // the same numbers Reset draws from that stream
        var rng = Rng.ForStream(0, RngPurpose.Evaluation);
        var observation = new double[2];
        var env = new Lqr();
        env.Reset(rng, observation);
        Assert.Equal(first[..2], env.GetState());
    }

    [Fact]
    public void TheTimeVaryingRiccatiController_HasNoGap()
    {
        // u_t = −K_t x_t: the controller is called once per step, so it can count the steps
        int t = 0;
        BatchController optimal = (observations, rows, actions) =>
        {
            LqrPolicyEvaluation.LinearFeedback(Optimum.FiniteHorizon.Gains[t])(observations, rows, actions);
            t++;
        };

        var gap = LqrPolicyEvaluation.Evaluate(Optimum, optimal, 40);

        Assert.Equal(40, gap.StartStates);
        // the controller sees float32 observations; at the optimum that costs only second-order terms
        Assert.InRange(gap.Gap, -1e-12, 1e-9);
        Assert.Equal(Optimum.ExpectedOptimalCost, gap.ExpectedOptimalCost);
    }

    [Fact]
    public void TheStationaryRiccatiController_CostsWhatItsLyapunovRecursionSays()
    {
        var gap = LqrPolicyEvaluation.Evaluate(Optimum, LqrPolicyEvaluation.LinearFeedback(Optimum.Stationary.Gain), 40);

        Assert.Equal(gap.StationaryCost, gap.PolicyCost, gap.StationaryCost * 1e-7);
        Assert.InRange(gap.Gap, -1e-12, 1e-7);
    }

    [Fact]
    public void ZeroAction_CostsTheUncontrolledDrift_AGapOfAboutTwoHundred()
    {
        var zero = new double[1, 2];
        var drift = Riccati.FixedGainCostToGo(LqrSystem.Default.A, LqrSystem.Default.B, LqrSystem.Default.Q, LqrSystem.Default.R, zero, 100);
        var starts = LqrPolicyEvaluation.StartStates(LqrSystem.Default, 30);
        double expected = 0.0;
        for (int i = 0; i < 30; i++) expected += DenseMatrix.QuadraticForm(drift, starts.AsSpan(2 * i, 2)) / 30;

        var gap = LqrPolicyEvaluation.Evaluate(Optimum, (_, rows, actions) => actions[..rows].Clear(), 30);

        // zero action: the observations' float32 rounding plays no part, the states are exact up to summation order
        Assert.Equal(expected, gap.PolicyCost, expected * 1e-12);
        Assert.InRange(gap.Gap, 100, 400);
    }

    [Fact]
    public void APolicy_IsEvaluatedAtItsMeanAction()
    {
        var policy = new StochasticPolicy(2, ActionKind.Continuous, 1, [4]);
        var theta = new double[policy.ParameterCount];
        policy.Initialize(theta, Trpo.Core.Training.WeightInit.Uniform, logStdInit: 5.0, Rng.ForStream(3, RngPurpose.Test));
        // the same network without log σ in θ evaluated by hand
        var workspace = policy.Network.CreateWorkspace(1);
        BatchController byHand = (observations, rows, actions) =>
        {
            for (int row = 0; row < rows; row++)
                actions[row] = policy.Evaluate(theta, observations.Slice(2 * row, 2), 1, workspace)[0];
        };

        var fromPolicy = LqrPolicyEvaluation.Evaluate(Optimum, policy, theta, 10);
        var fromHand = LqrPolicyEvaluation.Evaluate(Optimum, byHand, 10);

        // a huge σ changes nothing: no noise is sampled
        Assert.Equal(fromHand.PolicyCost, fromPolicy.PolicyCost);
        Assert.True(fromPolicy.Gap > 0);
    }
}
