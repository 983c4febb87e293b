using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public class AcrobotTests
{
    [Fact]
    public void Spec_MatchesGymnasiumRegistrationAndSpaces()
    {
        var spec = new Acrobot().Spec;
        Assert.Equal("Acrobot-v1", spec.Id);
        Assert.Equal(6, spec.ObservationSize);
        Assert.Equal([1.0, 1.0, 1.0, 1.0, (float)(4 * Math.PI), (float)(9 * Math.PI)], spec.ObservationHigh);
        Assert.Equal(spec.ObservationHigh.Select(h => -h), spec.ObservationLow);
        Assert.Equal(ActionKind.Discrete, spec.ActionKind);
        Assert.Equal(3, spec.ActionSize);
        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(-100.0, spec.RewardThreshold);
        Assert.Equal(["theta1", "theta2", "dtheta1", "dtheta2"], spec.StateNames);
    }

    [Fact]
    public void Registry_CreatesAcrobot() => Assert.IsType<Acrobot>(EnvironmentRegistry.Create("Acrobot-v1"));

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(-3.0, -3.0)]
    [InlineData(Math.PI, Math.PI)]
    [InlineData(-Math.PI, -Math.PI)]
    public void Wrap_LeavesAnglesInRangeAlone(double x, double expected)
        => Assert.Equal(expected, Acrobot.Wrap(x, -Math.PI, Math.PI));

    [Fact]
    public void Wrap_SubtractsOrAddsTwoPiUntilInRange()
    {
        double twoPi = Math.PI - -Math.PI;
        Assert.Equal(4.0 - twoPi, Acrobot.Wrap(4.0, -Math.PI, Math.PI));
        Assert.Equal(-4.0 + twoPi, Acrobot.Wrap(-4.0, -Math.PI, Math.PI));
        Assert.Equal(20.0 - twoPi - twoPi - twoPi, Acrobot.Wrap(20.0, -Math.PI, Math.PI));
    }

    [Fact]
    public void Reset_DrawsFourUniformsRoundedToFloat32_InStateOrder()
    {
        var env = new Acrobot();
        var obs = new double[6];
        env.Reset(NumPyGenerator.FromSeed(5), obs);
        var reference = NumPyGenerator.FromSeed(5);
        double[] expected = [.. Enumerable.Range(0, 4).Select(_ => (double)(float)reference.NextUniform(-0.1, 0.1))];
        Assert.Equal(expected, env.GetState());
        Assert.Equal((float)expected[2], obs[4]);
        Assert.Equal((float)expected[3], obs[5]);
        Assert.Equal((float)DetMath.Cos(expected[0]), obs[0]);
        Assert.Equal((float)DetMath.Sin(expected[1]), obs[3]);
    }

    [Fact]
    public void Observation_IsCosSinOfBothAnglesAndTheVelocities_RoundedToFloat32()
    {
        var env = new Acrobot();
        env.SetState([0.3, -1.1, 2.0, -5.0], 0);
        var obs = new double[6];
        env.Step([1.0], obs);
        double[] s = env.GetState();
        Assert.Equal([(float)DetMath.Cos(s[0]), (float)DetMath.Sin(s[0]), (float)DetMath.Cos(s[1]), (float)DetMath.Sin(s[1]), (float)s[2], (float)s[3]], obs);
    }

    [Fact]
    public void HangingAtRestWithoutTorque_DriftsOnlyByTheRoundingOfCosMinusHalfPi_AsInGymnasium()
    {
        // cos(0 - pi/2) is 6.1e-17, not 0, in float64; Gymnasium 1.3.0 from [0, 0, 0, 0] with action 1 gives
        // [-7.61073181518892e-18, 5.854409088606863e-18, -7.610731815188921e-17, 5.854409088606864e-17].
        var env = new Acrobot();
        env.SetState([0.0, 0.0, 0.0, 0.0], 0);
        var r = env.Step([1.0], new double[6]);
        Assert.Equal([-7.61073181518892e-18, 5.854409088606863e-18, -7.610731815188921e-17, 5.854409088606864e-17], env.GetState());
        Assert.Equal(new StepResult(-1.0, false, false), r);
    }

    [Fact]
    public void Velocities_AreClippedToFourPiAndNinePi_AfterTheStep()
    {
        var env = new Acrobot();
        env.SetState([0.0, 3.1, -12.5, 28.0], 0); // the "spin" fixture's start: both velocities hit the clip
        env.Step([1.0], new double[6]);
        double[] s = env.GetState();
        Assert.Equal(-4 * Math.PI, s[2]);
        Assert.Equal(9 * Math.PI, s[3]);
        Assert.InRange(s[0], -Math.PI, Math.PI);
        Assert.InRange(s[1], -Math.PI, Math.PI);
    }

    [Fact]
    public void ReachingTheLine_Terminates_WithRewardZero()
    {
        var env = new Acrobot();
        // both links pointing up: -cos(pi) - cos(pi + 0) = 2 > 1 after any small step
        env.SetState([Math.PI - 0.01, 0.0, 0.0, 0.0], 7);
        var r = env.Step([1.0], new double[6]);
        Assert.True(r.Terminated);
        Assert.False(r.Truncated);
        Assert.Equal(0.0, r.Reward);
        Assert.Throws<InvalidOperationException>(() => env.Step([1.0], new double[6]));
    }

    [Fact]
    public void Truncation_HappensAtStep500_AndNotBefore()
    {
        var env = new Acrobot();
        env.SetState([0.0, 0.0, 0.0, 0.0], 498);
        Assert.False(env.Step([1.0], new double[6]).Truncated);
        var last = env.Step([1.0], new double[6]);
        Assert.True(last.Truncated);
        Assert.Equal(500, env.ElapsedSteps);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(3.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void InvalidDiscreteAction_Throws(double action)
    {
        var env = new Acrobot();
        env.Reset(NumPyGenerator.FromSeed(0), new double[6]);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step([action], new double[6]));
    }

    [Fact]
    public void BadCalls_Throw()
    {
        var env = new Acrobot();
        Assert.Throws<InvalidOperationException>(() => env.Step([1.0], new double[6]));
        env.Reset(NumPyGenerator.FromSeed(0), new double[6]);
        Assert.Throws<ArgumentException>(() => env.Step([1.0, 0.0], new double[6]));
        Assert.Throws<ArgumentException>(() => env.Step([1.0], new double[4]));
        Assert.Throws<ArgumentException>(() => env.SetState([0.0, 0.0, 0.0], 0));
        Assert.Throws<ArgumentException>(() => env.SetState([0.0, double.PositiveInfinity, 0.0, 0.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.SetState([0.0, 0.0, 0.0, 0.0], 500));
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var env = new Acrobot();
        var obs = new double[6];
        double[] action = [2.0];
        env.Reset(NumPyGenerator.FromSeed(1), obs);
        env.Step(action, obs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) env.Step(action, obs);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
