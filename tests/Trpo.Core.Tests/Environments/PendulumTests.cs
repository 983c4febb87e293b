using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public class PendulumTests
{
    /// <summary>Gymnasium's angle_normalize for |x + pi| &lt; 4 pi, where floor(a / b) * b is exact: ((x + pi) mod 2 pi) - pi.</summary>
    private static double FlooredAngleNormalize(double x)
    {
        double a = x + Math.PI;
        double b = 2 * Math.PI;
        return a - Math.Floor(a / b) * b - Math.PI;
    }

    /// <summary>Gymnasium v1.3.0 PendulumEnv.step written out plainly: (next state, reward).</summary>
    private static (double[] State, double Reward) GymnasiumStep(double[] s, double action)
    {
        double th = s[0], thdot = s[1];
        double g = 10.0, m = 1.0, l = 1.0, dt = 0.05, maxSpeed = 8, maxTorque = 2.0;
        double u = Math.Min(Math.Max(action, -maxTorque), maxTorque);
        double an = Pendulum.AngleNormalize(th);
        double costs = an * an + 0.1 * (thdot * thdot) + 0.001 * (u * u);
        double newthdot = thdot + (3 * g / (2 * l) * DetMath.Sin(th) + 3.0 / (m * (l * l)) * u) * dt;
        newthdot = Math.Min(Math.Max(newthdot, -maxSpeed), maxSpeed);
        double newth = th + newthdot * dt;
        return ([newth, newthdot], -costs);
    }

    private static double[] Observation(double[] s) => [(float)DetMath.Cos(s[0]), (float)DetMath.Sin(s[0]), (float)s[1]];

    [Fact]
    public void Spec_MatchesGymnasiumRegistrationAndSpaces()
    {
        var spec = new Pendulum().Spec;
        Assert.Equal("Pendulum-v1", spec.Id);
        Assert.Equal(3, spec.ObservationSize);
        Assert.Equal([1.0, 1.0, 8.0], spec.ObservationHigh);
        Assert.Equal([-1.0, -1.0, -8.0], spec.ObservationLow);
        Assert.Equal(ActionKind.Continuous, spec.ActionKind);
        Assert.Equal(1, spec.ActionSize);
        Assert.Equal([-2.0], spec.ActionLow);
        Assert.Equal([2.0], spec.ActionHigh);
        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Null(spec.RewardThreshold);
        Assert.False(string.IsNullOrWhiteSpace(spec.Description));
    }

    [Fact]
    public void Registry_CreatesPendulum()
    {
        Assert.IsType<Pendulum>(EnvironmentRegistry.Create("Pendulum-v1"));
    }

    [Theory]
    [InlineData(0.3, -0.4, 1.25)]
    [InlineData(-2.9, 0.8, -0.6)]
    [InlineData(3.5, 7.2, 0.0)]
    [InlineData(-10.0, -3.3, 2.0)]
    [InlineData(17.0, 1.0, -2.0)]
    public void Step_FromGivenState_EqualsGymnasiumFormulaExactly(double theta, double thetaDot, double torque)
    {
        var env = new Pendulum();
        double[] s = [theta, thetaDot];
        env.SetState(s, 0);
        var obs = new double[3];
        var r = env.Step([torque], obs);
        var (expected, reward) = GymnasiumStep(s, torque);
        Assert.Equal(expected, env.GetState());
        Assert.Equal(reward, r.Reward);
        Assert.Equal(Observation(expected), obs);
        Assert.False(r.Terminated);
        Assert.False(r.Truncated);
    }

    [Fact]
    public void SeveralSteps_FollowTheFormulaExactly()
    {
        var env = new Pendulum();
        double[] s = [2.5, -0.7];
        env.SetState(s, 0);
        var obs = new double[3];
        double[] torques = [2.0, -1.5, 0.25, 3.0, -7.0, 0.0, 1.999, -0.001];
        foreach (double u in torques)
        {
            var r = env.Step([u], obs);
            (s, double reward) = GymnasiumStep(s, u);
            Assert.Equal(s, env.GetState());
            Assert.Equal(reward, r.Reward);
            Assert.Equal(Observation(s), obs);
        }
    }

    [Theory]
    [InlineData(5.0, 2.0)]
    [InlineData(2.0000001, 2.0)]
    [InlineData(double.PositiveInfinity, 2.0)]
    [InlineData(-3.0, -2.0)]
    [InlineData(double.NegativeInfinity, -2.0)]
    public void Torque_IsClippedToTwo_InDynamicsAndReward(double torque, double clipped)
    {
        double[] s = [0.4, -1.1];
        var a = new Pendulum();
        var b = new Pendulum();
        a.SetState(s, 0);
        b.SetState(s, 0);
        var ra = a.Step([torque], new double[3]);
        var rb = b.Step([clipped], new double[3]);
        Assert.Equal(b.GetState(), a.GetState());
        Assert.Equal(rb.Reward, ra.Reward);
        double an = Pendulum.AngleNormalize(0.4);
        Assert.Equal(-(an * an + 0.1 * (1.1 * 1.1) + 0.001 * (clipped * clipped)), ra.Reward);
    }

    [Fact]
    public void Reward_UsesTheStateBeforeTheStep_AndTheNormalizedAngle()
    {
        // theta = 2 pi + 0.5 is 0.5 from upright; theta_dot = 3.
        double theta = 2 * Math.PI + 0.5;
        var env = new Pendulum();
        env.SetState([theta, 3.0], 0);
        var r = env.Step([1.0], new double[3]);
        double an = Pendulum.AngleNormalize(theta);
        Assert.Equal(0.5, an, 1e-12);
        Assert.Equal(-(an * an + 0.1 * 9.0 + 0.001 * 1.0), r.Reward);
    }

    [Fact]
    public void Reward_AtUpsideDownFullSpeedAndTorque_IsTheDocumentedMinimum()
    {
        var env = new Pendulum();
        env.SetState([Math.PI, 8.0], 0);
        var r = env.Step([2.0], new double[3]);
        // angle_normalize(pi) = -pi: -(pi^2 + 0.1 * 64 + 0.001 * 4)
        Assert.Equal(-(Math.PI * Math.PI + 6.4 + 0.004), r.Reward, 1e-12);
        Assert.Equal(-16.2736044, r.Reward, 1e-7);
    }

    [Fact]
    public void AngularVelocity_IsClippedToEight()
    {
        var env = new Pendulum();
        env.SetState([Math.PI / 2, 7.9], 0); // sin = 1: theta_dot + (15 + 6) * 0.05 = 8.95 -> 8
        env.Step([2.0], new double[3]);
        Assert.Equal([Math.PI / 2 + 8.0 * 0.05, 8.0], env.GetState());
        env.SetState([-Math.PI / 2, -7.9], 0);
        env.Step([-2.0], new double[3]);
        Assert.Equal([-Math.PI / 2 - 8.0 * 0.05, -8.0], env.GetState());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    [InlineData(3.0)]
    [InlineData(-3.0)]
    [InlineData(4.0)]
    [InlineData(-4.0)]
    [InlineData(7.0)]
    [InlineData(-7.0)]
    [InlineData(9.0)]
    [InlineData(-9.4)]
    public void AngleNormalize_IsTheFlooredModulo(double x)
    {
        double y = Pendulum.AngleNormalize(x);
        Assert.Equal(FlooredAngleNormalize(x), y);
        Assert.InRange(y, -Math.PI, Math.PI);
    }

    [Fact]
    public void AngleNormalize_MapsPiAndMinusPiToMinusPi()
    {
        Assert.Equal(-Math.PI, Pendulum.AngleNormalize(Math.PI));
        Assert.Equal(-Math.PI, Pendulum.AngleNormalize(-Math.PI));
        Assert.Equal(0.0, Pendulum.AngleNormalize(0.0));
    }

    [Fact]
    public void AngleNormalize_OfLargeAngles_StaysInRange()
    {
        for (double x = -1000.0; x <= 1000.0; x += 0.37)
        {
            double y = Pendulum.AngleNormalize(x);
            Assert.InRange(y, -Math.PI, Math.PI);
            // x and y differ by a whole number of turns (up to rounding of the large argument).
            double turns = (x - y) / (2 * Math.PI);
            Assert.Equal(Math.Round(turns), turns, 1e-9);
        }
    }

    [Fact]
    public void Observation_IsCosSinAndVelocity_RoundedToFloat32()
    {
        var env = new Pendulum();
        env.SetState([1.0, 0.123456789], 0);
        var obs = new double[3];
        env.Step([0.0], obs);
        double[] s = env.GetState();
        Assert.Equal((double)(float)DetMath.Cos(s[0]), obs[0]);
        Assert.Equal((double)(float)DetMath.Sin(s[0]), obs[1]);
        Assert.Equal((double)(float)s[1], obs[2]);
        Assert.NotEqual(s[1], obs[2]);
    }

    [Fact]
    public void Truncation_HappensAtStep200_AndNeverTerminates()
    {
        var env = new Pendulum();
        var rng = Rng.ForStream(5, RngPurpose.Test);
        var obs = new double[3];
        env.Reset(rng, obs);
        for (int t = 1; t <= 200; t++)
        {
            var r = env.Step([rng.NextUniform(-3.0, 3.0)], obs);
            Assert.False(r.Terminated);
            Assert.Equal(t == 200, r.Truncated);
            Assert.Equal(t, env.ElapsedSteps);
            Assert.InRange(r.Reward, -16.2736045, 0.0);
        }
        Assert.Throws<InvalidOperationException>(() => env.Step([0.0], obs));
    }

    [Fact]
    public void SetState_WithElapsedSteps_TruncatesAtTheLimit()
    {
        var env = new Pendulum();
        env.SetState([0.0, 0.0], 198);
        Assert.False(env.Step([0.0], new double[3]).Truncated);
        Assert.True(env.Step([0.0], new double[3]).Truncated);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([0.0, 0.0], 200));
        Assert.Throws<ArgumentException>(() => env.SetState([0.0], 0));
        Assert.Throws<ArgumentException>(() => env.SetState([double.PositiveInfinity, 0.0], 0));
    }

    [Fact]
    public void Stepping_BeforeReset_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Pendulum().Step([0.0], new double[3]));
    }

    [Fact]
    public void NaNTorque_Throws_AndLeavesTheStateAlone()
    {
        var env = new Pendulum();
        env.SetState([0.1, 0.2], 0);
        Assert.Throws<ArgumentException>(() => env.Step([double.NaN], new double[3]));
        Assert.Equal([0.1, 0.2], env.GetState());
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void ActionOfWrongLength_Throws()
    {
        var env = new Pendulum();
        env.SetState([0.1, 0.2], 0);
        Assert.Throws<ArgumentException>(() => env.Step([], new double[3]));
        Assert.Throws<ArgumentException>(() => env.Step([0.0, 0.0], new double[3]));
        Assert.Throws<ArgumentException>(() => env.Step([0.0], new double[4]));
    }

    [Fact]
    public void Reset_DrawsThetaThenThetaDot_FromTheGivenStream_InRange()
    {
        var env = new Pendulum();
        var obs = new double[3];
        var rng = NumPyGenerator.FromSeed(9);
        var reference = NumPyGenerator.FromSeed(9);
        for (int i = 0; i < 2000; i++)
        {
            env.Reset(rng, obs);
            double[] expected = [reference.NextUniform(-Math.PI, Math.PI), reference.NextUniform(-1.0, 1.0)];
            double[] s = env.GetState();
            Assert.Equal(expected, s);
            Assert.True(s[0] >= -Math.PI && s[0] < Math.PI);
            Assert.True(s[1] >= -1.0 && s[1] < 1.0);
            Assert.Equal(Observation(s), obs);
            Assert.Equal(0, env.ElapsedSteps);
        }
    }

    [Fact]
    public void SameRngStream_GivesIdenticalTrajectories()
    {
        List<double> Run()
        {
            var env = new Pendulum();
            var resetRng = NumPyGenerator.FromSeed(13);
            var actionRng = Rng.ForStream(13, RngPurpose.ActionSampling);
            var obs = new double[3];
            var trace = new List<double>();
            env.Reset(resetRng, obs);
            for (int t = 0; t < 1000; t++)
            {
                var r = env.Step([2.5 * actionRng.NextGaussian()], obs);
                trace.AddRange(obs);
                trace.AddRange(env.GetState());
                trace.Add(r.Reward);
                if (r.Done)
                {
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
        var env = new Pendulum();
        var obs = new double[3];
        double[] action = [0.5];
        env.SetState([1.0, 0.0], 0);
        env.Step(action, obs); // warm up
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            action[0] = i * 0.1 - 2.5;
            env.Step(action, obs);
        }
        long end = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, end - start);
    }
}
