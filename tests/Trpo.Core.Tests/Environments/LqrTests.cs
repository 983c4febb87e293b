using Trpo.Core.Control;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public sealed class LqrTests
{
    [Fact]
    public void Spec_IsAnUnboundedBox_WithTheHorizonAsTimeLimit()
    {
        var spec = new Lqr().Spec;

        Assert.Equal("LQR-v0", spec.Id);
        Assert.Equal(2, spec.ObservationSize);
        Assert.Equal(ActionKind.Continuous, spec.ActionKind);
        Assert.Equal(1, spec.ActionSize);
        Assert.Equal([double.NegativeInfinity], spec.ActionLow);
        Assert.Equal([double.PositiveInfinity], spec.ActionHigh);
        Assert.All(spec.ObservationHigh, h => Assert.Equal(double.PositiveInfinity, h));
        Assert.Equal(100, spec.MaxEpisodeSteps);
        Assert.Equal(["x0", "x1"], spec.StateNames);
        Assert.Null(spec.RewardThreshold);
        Assert.IsType<Lqr>(EnvironmentRegistry.Create("LQR-v0"));
        Assert.Contains("LQR-v0", EnvironmentRegistry.Ids);
    }

    [Fact]
    public void Step_OfTheDoubleIntegrator_MatchesHandComputedValues()
    {
        var env = new Lqr();
        env.SetState([0.5, -0.2], 0);
        var observation = new double[2];

        var result = env.Step([0.3], observation);

        // cost = p² + v² + 0.1 u² = 0.25 + 0.04 + 0.009 = 0.299 at the old state
        Assert.Equal(-0.299, result.Reward, 1e-15);
        // p' = p + 0.1 v + 0.005 u = 0.5 − 0.02 + 0.0015, v' = v + 0.1 u = −0.2 + 0.03
        var state = env.GetState();
        Assert.Equal(0.4815, state[0], 1e-15);
        Assert.Equal(-0.17, state[1], 1e-15);
        Assert.Equal([(double)(float)state[0], (double)(float)state[1]], observation);
        Assert.False(result.Terminated);
        Assert.False(result.Truncated);
    }

    [Fact]
    public void Step_OfACoupledSystem_MatchesHandComputedValues()
    {
        var system = new LqrSystem(
            A: new[,] { { 0.5, 1.0 }, { 0.0, 0.25 } },
            B: new[,] { { 1.0, 0.0 }, { 2.0, -1.0 } },
            Q: new[,] { { 2.0, 1.0 }, { 1.0, 4.0 } },
            R: new[,] { { 1.0, 0.5 }, { 0.5, 2.0 } },
            Horizon: 5,
            StartHigh: [1.0, 1.0]);
        var env = new Lqr(system);
        env.SetState([1.0, -2.0], 4);
        var observation = new double[2];

        var result = env.Step([0.5, 0.25], observation);

        // xᵀQx = 2 + 2·1·(−2) + 4·4 = 14; uᵀRu = 0.25 + 2·0.5·0.125 + 2·0.0625 = 0.5
        Assert.Equal(-14.5, result.Reward);
        // A x = (0.5 − 2, −0.5) ; B u = (0.5, 1 − 0.25)
        Assert.Equal([-1.0, 0.25], env.GetState());
        Assert.True(result.Truncated); // the fifth step of a five-step horizon
    }

    [Fact]
    public void Reset_DrawsEachElementUniformlyInTheStartBox_InElementOrder()
    {
        var system = LqrSystem.Default with { StartHigh = [0.5, 3.0] };
        var env = new Lqr(system);
        var observation = new double[2];

        env.Reset(Rng.ForStream(7, RngPurpose.Test), observation);

        var rng = Rng.ForStream(7, RngPurpose.Test);
        Assert.Equal([rng.NextUniform(-0.5, 0.5), rng.NextUniform(-3.0, 3.0)], env.GetState());
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void Episode_IsTruncatedAfterTheHorizon_AndNeverTerminates()
    {
        var env = new Lqr(LqrSystem.Default with { Horizon = 7 });
        var observation = new double[2];
        env.Reset(Rng.ForStream(1, RngPurpose.Test), observation);

        for (int t = 1; t <= 7; t++)
        {
            var result = env.Step([0.0], observation);
            Assert.False(result.Terminated);
            Assert.Equal(t == 7, result.Truncated);
        }
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0], observation));
    }

    [Fact]
    public void GetState_SetState_RoundTrip_ContinuesTheSameTrajectory()
    {
        var env = new Lqr();
        var observation = new double[2];
        env.Reset(Rng.ForStream(2, RngPurpose.Test), observation);
        env.Step([0.7], observation);
        var saved = env.GetState();
        int elapsed = env.ElapsedSteps;
        var first = env.Step([-0.4], observation);
        var after = env.GetState();

        var copy = new Lqr();
        copy.SetState(saved, elapsed);
        var again = copy.Step([-0.4], observation);

        Assert.Equal(after, copy.GetState());
        Assert.Equal(first, again);
        Assert.Equal(elapsed + 1, copy.ElapsedSteps);
    }

    [Fact]
    public void BadActionsAndStates_AreRejected()
    {
        var env = new Lqr();
        var observation = new double[2];
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0], observation));
        env.Reset(Rng.ForStream(1, RngPurpose.Test), observation);
        Assert.Throws<ArgumentException>(() => env.Step([0.0, 1.0], observation));
        Assert.Throws<ArgumentException>(() => env.Step([double.NaN], observation));
        Assert.Throws<ArgumentException>(() => env.Step([double.PositiveInfinity], observation));
        Assert.Throws<ArgumentException>(() => env.SetState([1.0], 0));
        Assert.Throws<ArgumentException>(() => env.SetState([1.0, double.NaN], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([1.0, 0.0], 100));
    }

    [Fact]
    public void AnInvalidSystem_IsRejectedWithTheValidationMessages()
    {
        var error = Assert.Throws<ArgumentException>(() => new Lqr(LqrSystem.Default with { Horizon = 0, StartHigh = [1.0] }));

        Assert.Contains("lqr_horizon must be between 1 and 100000 (got 0)", error.Message);
        Assert.Contains("lqr_start_high must have 2 elements", error.Message);
    }
}
