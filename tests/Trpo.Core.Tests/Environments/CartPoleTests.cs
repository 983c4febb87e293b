using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public class CartPoleTests
{
    private const int Left = 0;
    private const int Right = 1;

    /// <summary>Gymnasium v1.3.0 CartPoleEnv.step (euler), written out plainly in the source's evaluation order.</summary>
    private static double[] GymnasiumStep(double[] s, int action)
    {
        double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
        double gravity = 9.8, massCart = 1.0, massPole = 0.1, length = 0.5, forceMag = 10.0, tau = 0.02;
        double totalMass = massPole + massCart;
        double polemassLength = massPole * length;
        double force = action == 1 ? forceMag : -forceMag;
        double costheta = DetMath.Cos(theta);
        double sintheta = DetMath.Sin(theta);
        double temp = (force + polemassLength * (thetaDot * thetaDot) * sintheta) / totalMass;
        double thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - massPole * (costheta * costheta) / totalMass));
        double xacc = temp - polemassLength * thetaacc * costheta / totalMass;
        return [x + tau * xDot, xDot + tau * xacc, theta + tau * thetaDot, thetaDot + tau * thetaacc];
    }

    private static StepResult Step(CartPole env, int action, double[] obs) => env.Step([action], obs);

    [Fact]
    public void Constants_AreGymnasiums()
    {
        Assert.Equal(1.1, CartPole.TotalMass);
        Assert.Equal(0.05, CartPole.PoleMassLength);
        Assert.Equal(12 * 2 * Math.PI / 360, CartPole.AngleThreshold);
        Assert.Equal(0.20943951023931953, CartPole.AngleThreshold);
        Assert.Equal(2.4, CartPole.PositionThreshold);
        Assert.Equal(0.02, CartPole.TimeStep);
    }

    [Fact]
    public void Spec_MatchesGymnasiumRegistrationAndSpaces()
    {
        var spec = new CartPole().Spec;
        Assert.Equal("CartPole-v1", spec.Id);
        Assert.Equal(4, spec.ObservationSize);
        Assert.Equal(ActionKind.Discrete, spec.ActionKind);
        Assert.Equal(2, spec.ActionSize);
        Assert.Empty(spec.ActionLow);
        Assert.Empty(spec.ActionHigh);
        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(475.0, spec.RewardThreshold);
        double[] high = [(float)4.8, double.PositiveInfinity, (float)(0.20943951023931953 * 2), double.PositiveInfinity];
        Assert.Equal(high, spec.ObservationHigh);
        Assert.Equal(high.Select(h => -h).ToArray(), spec.ObservationLow);
        Assert.Equal(4.800000190734863, spec.ObservationHigh[0]);
        Assert.False(string.IsNullOrWhiteSpace(spec.Description));
        Assert.Same(spec, new CartPole().Spec);
    }

    [Fact]
    public void Registry_CreatesCartPole()
    {
        Assert.IsType<CartPole>(EnvironmentRegistry.Create("CartPole-v1"));
        Assert.Equal("CartPole-v1", EnvironmentRegistry.SpecOf("CartPole-v1").Id);
    }

    [Theory]
    [InlineData(0.01, -0.02, 0.03, 0.04, Left)]
    [InlineData(0.01, -0.02, 0.03, 0.04, Right)]
    [InlineData(-1.3, 0.7, -0.18, -1.9, Right)]
    [InlineData(2.0, 1.5, 0.2, 2.5, Left)]
    public void Step_FromGivenState_EqualsGymnasiumFormulaExactly(double x, double xDot, double theta, double thetaDot, int action)
    {
        var env = new CartPole();
        double[] s = [x, xDot, theta, thetaDot];
        env.SetState(s, 0);
        var obs = new double[4];
        var result = Step(env, action, obs);

        double[] expected = GymnasiumStep(s, action);
        Assert.Equal(expected, env.GetState());
        Assert.Equal(1.0, result.Reward);
        Assert.Equal(1, env.ElapsedSteps);
        for (int i = 0; i < 4; i++) Assert.Equal((double)(float)expected[i], obs[i]);
    }

    [Fact]
    public void SeveralSteps_FollowTheFormulaExactly_AndRewardOneEachStep()
    {
        var env = new CartPole();
        double[] s = [0.02, -0.01, -0.03, 0.015];
        env.SetState(s, 0);
        var obs = new double[4];
        int[] actions = [1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0];
        foreach (int a in actions)
        {
            var r = Step(env, a, obs);
            s = GymnasiumStep(s, a);
            Assert.Equal(s, env.GetState());
            Assert.Equal(1.0, r.Reward);
            Assert.False(r.Terminated);
            Assert.False(r.Truncated);
        }
        Assert.Equal(actions.Length, env.ElapsedSteps);
    }

    [Fact]
    public void Observation_IsStateRoundedToFloat32()
    {
        var env = new CartPole();
        double[] s = [0.1234567890123, -0.0987654321987, 0.0314159265358979, 0.27182818284590];
        env.SetState(s, 0);
        var obs = new double[4];
        Step(env, Right, obs);
        double[] state = env.GetState();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((double)(float)state[i], obs[i]);
            Assert.NotEqual(state[i], obs[i]); // these values are not float32-representable
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Termination_AtExactlyTheThreshold_DoesNotHappen(int index)
    {
        double threshold = index == 0 ? CartPole.PositionThreshold : CartPole.AngleThreshold;
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            var env = new CartPole();
            double[] s = new double[4];
            s[index] = sign * threshold; // zero velocities: the Euler step leaves this element unchanged
            env.SetState(s, 0);
            var r = Step(env, Left, new double[4]);
            Assert.Equal(sign * threshold, env.GetState()[index]);
            Assert.False(r.Terminated);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Termination_JustBeyondTheThreshold_Happens_WithRewardOne(int index)
    {
        double threshold = index == 0 ? CartPole.PositionThreshold : CartPole.AngleThreshold;
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            var env = new CartPole();
            double[] s = new double[4];
            s[index] = sign * Math.BitIncrement(threshold);
            env.SetState(s, 0);
            var r = Step(env, Left, new double[4]);
            Assert.True(r.Terminated);
            Assert.False(r.Truncated);
            Assert.Equal(1.0, r.Reward);
        }
    }

    [Fact]
    public void PushingOneWay_TerminatesOnTheFirstStepBeyondAThreshold_AndNotBefore()
    {
        var env = new CartPole();
        env.SetState([0.0, 0.0, 0.0, 0.0], 0);
        var obs = new double[4];
        for (int step = 1; ; step++)
        {
            var r = Step(env, Right, obs);
            double[] s = env.GetState();
            bool beyond = Math.Abs(s[0]) > CartPole.PositionThreshold || Math.Abs(s[2]) > CartPole.AngleThreshold;
            Assert.Equal(beyond, r.Terminated);
            if (r.Terminated)
            {
                Assert.True(step < 100, $"took {step} steps");
                break;
            }
        }
    }

    [Fact]
    public void Truncation_HappensAtStep500_AndNotBefore()
    {
        var env = new CartPole();
        env.SetState([0.0, 0.0, 0.0, 0.0], 498);
        var obs = new double[4];
        var r499 = Step(env, Left, obs);
        Assert.Equal(499, env.ElapsedSteps);
        Assert.False(r499.Truncated);
        Assert.False(r499.Done);
        var r500 = Step(env, Right, obs);
        Assert.Equal(500, env.ElapsedSteps);
        Assert.True(r500.Truncated);
        Assert.False(r500.Terminated);
        Assert.Equal(1.0, r500.Reward);
    }

    [Fact]
    public void TerminationOnStep500_IsBothTerminatedAndTruncated()
    {
        var env = new CartPole();
        env.SetState([3.0, 0.0, 0.0, 0.0], 499);
        var r = Step(env, Left, new double[4]);
        Assert.True(r.Terminated);
        Assert.True(r.Truncated);
    }

    [Fact]
    public void Stepping_BeforeReset_Throws()
    {
        var env = new CartPole();
        var ex = Assert.Throws<InvalidOperationException>(() => Step(env, Left, new double[4]));
        Assert.Contains("Reset", ex.Message);
    }

    [Fact]
    public void Stepping_AfterTermination_Throws()
    {
        var env = new CartPole();
        env.SetState([2.5, 0.0, 0.0, 0.0], 0);
        Assert.True(Step(env, Left, new double[4]).Terminated);
        Assert.Throws<InvalidOperationException>(() => Step(env, Left, new double[4]));
    }

    [Fact]
    public void Stepping_AfterTruncation_Throws_UntilReset()
    {
        var env = new CartPole();
        env.SetState([0.0, 0.0, 0.0, 0.0], 499);
        Assert.True(Step(env, Left, new double[4]).Truncated);
        Assert.Throws<InvalidOperationException>(() => Step(env, Left, new double[4]));
        env.Reset(Rng.ForStream(1, RngPurpose.Test), new double[4]);
        Assert.Equal(0, env.ElapsedSteps);
        Assert.False(Step(env, Left, new double[4]).Done);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(1.0000000000000002)]
    public void InvalidDiscreteAction_Throws(double action)
    {
        var env = new CartPole();
        env.Reset(Rng.ForStream(1, RngPurpose.Test), new double[4]);
        double[] before = env.GetState();
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step([action], new double[4]));
        Assert.Equal(before, env.GetState());
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void ActionOfWrongLength_Throws()
    {
        var env = new CartPole();
        env.Reset(Rng.ForStream(1, RngPurpose.Test), new double[4]);
        Assert.Throws<ArgumentException>(() => env.Step([], new double[4]));
        Assert.Throws<ArgumentException>(() => env.Step([0.0, 1.0], new double[4]));
    }

    [Fact]
    public void ObservationBufferOfWrongLength_Throws()
    {
        var env = new CartPole();
        Assert.Throws<ArgumentException>(() => env.Reset(Rng.ForStream(1, RngPurpose.Test), new double[3]));
        env.Reset(Rng.ForStream(1, RngPurpose.Test), new double[4]);
        Assert.Throws<ArgumentException>(() => env.Step([0.0], new double[5]));
    }

    [Fact]
    public void SetState_RejectsBadInput()
    {
        var env = new CartPole();
        Assert.Throws<ArgumentException>(() => env.SetState([0.0, 0.0, 0.0], 0));
        Assert.Throws<ArgumentException>(() => env.SetState([0.0, double.NaN, 0.0, 0.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([0.0, 0.0, 0.0, 0.0], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([0.0, 0.0, 0.0, 0.0], 500));
    }

    [Fact]
    public void Reset_DrawsFourUniformsInElementOrder_FromTheGivenStream()
    {
        var env = new CartPole();
        var obs = new double[4];
        env.Reset(NumPyGenerator.FromSeed(7), obs);
        var reference = NumPyGenerator.FromSeed(7);
        double[] expected = [.. Enumerable.Range(0, 4).Select(_ => reference.NextUniform(-0.05, 0.05))];
        Assert.Equal(expected, env.GetState());
        Assert.Equal(expected.Select(v => (double)(float)v).ToArray(), obs);
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void Reset_DrawsLieInMinusPoint05ToPoint05()
    {
        var env = new CartPole();
        var rng = Rng.ForStream(3, RngPurpose.Test);
        var obs = new double[4];
        for (int i = 0; i < 2000; i++)
        {
            env.Reset(rng, obs);
            foreach (double v in env.GetState())
            {
                Assert.InRange(v, -0.05, 0.05);
                Assert.True(v < 0.05);
            }
        }
    }

    [Fact]
    public void SameRngStream_GivesIdenticalTrajectories()
    {
        List<double> Run()
        {
            var env = new CartPole();
            var resetRng = NumPyGenerator.FromSeed(11);
            var actionRng = Rng.ForStream(11, RngPurpose.ActionSampling);
            var obs = new double[4];
            var trace = new List<double>();
            env.Reset(resetRng, obs);
            for (int t = 0; t < 3000; t++)
            {
                var r = env.Step([actionRng.NextBelow(2)], obs);
                trace.AddRange(obs);
                trace.AddRange(env.GetState());
                trace.Add(r.Reward);
                if (r.Done)
                {
                    trace.Add(r.Terminated ? 1 : 2);
                    env.Reset(resetRng, obs);
                    trace.AddRange(obs);
                }
            }
            return trace;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var env = new CartPole();
        var obs = new double[4];
        double[] action = [0.0];
        env.SetState([0.0, 0.0, 0.0, 0.0], 0);
        env.Step(action, obs); // warm up (JIT, static spec)
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            action[0] = obs[2] + 0.5 * obs[3] > 0 ? 1.0 : 0.0; // a crude balancing controller: never terminates here
            env.Step(action, obs);
        }
        long end = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, end - start);
    }
}
