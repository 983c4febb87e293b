using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public class MountainCarTests
{
    [Fact]
    public void Spec_MatchesGymnasiumRegistrationAndSpaces()
    {
        var spec = new MountainCar().Spec;
        Assert.Equal("MountainCar-v0", spec.Id);
        Assert.Equal(2, spec.ObservationSize);
        Assert.Equal([(float)-1.2, (float)-0.07], spec.ObservationLow);
        Assert.Equal([(float)0.6, (float)0.07], spec.ObservationHigh);
        Assert.Equal(ActionKind.Discrete, spec.ActionKind);
        Assert.Equal(3, spec.ActionSize);
        Assert.Equal(200, spec.MaxEpisodeSteps);
        Assert.Equal(-110.0, spec.RewardThreshold);
        Assert.Equal(["position", "velocity"], spec.StateNames);
    }

    [Fact]
    public void Registry_CreatesMountainCar() => Assert.IsType<MountainCar>(EnvironmentRegistry.Create("MountainCar-v0"));

    [Theory]
    [InlineData(-0.5, 0.0, 2)]
    [InlineData(-0.3, 0.01, 0)]
    [InlineData(0.2, -0.02, 1)]
    public void Step_IsTheSemiImplicitUpdate_InGymnasiumsOrder(double position, double velocity, int action)
    {
        var env = new MountainCar();
        env.SetState([position, velocity], 0);
        var obs = new double[2];
        var r = env.Step([action], obs);
        double v = Math.Clamp(velocity + ((action - 1) * 0.001 + DetMath.Cos(3 * position) * -0.0025), -0.07, 0.07);
        double p = Math.Clamp(position + v, -1.2, 0.6);
        Assert.Equal([p, v], env.GetState());
        Assert.Equal([(float)p, (float)v], obs);
        Assert.Equal(new StepResult(-1.0, false, false), r);
    }

    [Fact]
    public void LeftWall_StopsTheCar_WhenItWouldMoveFurtherLeft()
    {
        var env = new MountainCar();
        env.SetState([-1.19, -0.05], 0);
        env.Step([0.0], new double[2]);
        Assert.Equal([-1.2, 0.0], env.GetState());
    }

    [Fact]
    public void ReachingTheFlag_Terminates_WithRewardMinusOne()
    {
        var env = new MountainCar();
        env.SetState([0.49, 0.03], 10);
        var r = env.Step([2.0], new double[2]);
        Assert.True(r.Terminated);
        Assert.Equal(-1.0, r.Reward);
    }

    [Fact]
    public void Truncation_HappensAtStep200()
    {
        var env = new MountainCar();
        env.SetState([-0.5, 0.0], 198);
        Assert.False(env.Step([1.0], new double[2]).Truncated);
        Assert.True(env.Step([1.0], new double[2]).Truncated);
        Assert.Throws<InvalidOperationException>(() => env.Step([1.0], new double[2]));
    }

    [Fact]
    public void Reset_DrawsOnePositionAndZeroVelocity()
    {
        var env = new MountainCar();
        var obs = new double[2];
        env.Reset(NumPyGenerator.FromSeed(3), obs);
        Assert.Equal([NumPyGenerator.FromSeed(3).NextUniform(-0.6, -0.4), 0.0], env.GetState());
        Assert.Equal([(float)env.GetState()[0], 0.0], obs);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(3.0)]
    [InlineData(1.5)]
    public void InvalidDiscreteAction_Throws(double action)
    {
        var env = new MountainCar();
        env.Reset(NumPyGenerator.FromSeed(0), new double[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step([action], new double[2]));
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var env = new MountainCar();
        var obs = new double[2];
        double[] action = [2.0];
        env.Reset(NumPyGenerator.FromSeed(1), obs);
        env.Step(action, obs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) env.Step(action, obs);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
