using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public class MountainCarContinuousTests
{
    [Fact]
    public void Spec_MatchesGymnasiumRegistrationAndSpaces()
    {
        var spec = new MountainCarContinuous().Spec;
        Assert.Equal("MountainCarContinuous-v0", spec.Id);
        Assert.Equal(2, spec.ObservationSize);
        Assert.Equal(ActionKind.Continuous, spec.ActionKind);
        Assert.Equal(1, spec.ActionSize);
        Assert.Equal([-1.0], spec.ActionLow);
        Assert.Equal([1.0], spec.ActionHigh);
        Assert.Equal(999, spec.MaxEpisodeSteps);
        Assert.Equal(90.0, spec.RewardThreshold);
    }

    [Fact]
    public void Registry_CreatesMountainCarContinuous()
        => Assert.IsType<MountainCarContinuous>(EnvironmentRegistry.Create("MountainCarContinuous-v0"));

    [Fact]
    public void Step_ComputesInFloat64_ThenStoresTheStateAsFloat32()
    {
        var env = new MountainCarContinuous();
        env.SetState([-0.5, 0.0], 0);
        var obs = new double[2];
        var r = env.Step([0.7], obs);
        double v = 0.0 + (0.7 * 0.0015 - 0.0025 * DetMath.Cos(3 * -0.5));
        double p = -0.5 + v;
        Assert.Equal([(double)(float)p, (float)v], env.GetState());
        Assert.Equal(env.GetState(), obs);
        Assert.Equal(0.0 - 0.7 * 0.7 * 0.1, r.Reward);
    }

    [Fact]
    public void ForceIsClipped_ButTheCostUsesTheUnclippedAction()
    {
        var clipped = new MountainCarContinuous();
        var beyond = new MountainCarContinuous();
        clipped.SetState([-0.4, 0.01], 0);
        beyond.SetState([-0.4, 0.01], 0);
        var rClipped = clipped.Step([1.0], new double[2]);
        var rBeyond = beyond.Step([3.0], new double[2]);
        Assert.Equal(clipped.GetState(), beyond.GetState());
        Assert.Equal(-0.1, rClipped.Reward);
        Assert.Equal(-(3.0 * 3.0 * 0.1), rBeyond.Reward);
    }

    [Fact]
    public void ReachingTheFlag_Terminates_WithOneHundredMinusTheCost()
    {
        var env = new MountainCarContinuous();
        env.SetState([0.44, 0.02], 50);
        var r = env.Step([0.5], new double[2]);
        Assert.True(r.Terminated);
        Assert.Equal(100.0 - 0.5 * 0.5 * 0.1, r.Reward);
    }

    [Fact]
    public void LeftWall_StopsTheCar()
    {
        var env = new MountainCarContinuous();
        env.SetState([-1.18, -0.06], 0);
        env.Step([-1.0], new double[2]);
        Assert.Equal([(double)(float)-1.2, 0.0], env.GetState());
    }

    [Fact]
    public void Truncation_HappensAtStep999()
    {
        var env = new MountainCarContinuous();
        env.SetState([-0.5, 0.0], 997);
        Assert.False(env.Step([0.0], new double[2]).Truncated);
        Assert.True(env.Step([0.0], new double[2]).Truncated);
    }

    [Fact]
    public void Reset_KeepsTheFloat64StartPosition_AndZeroVelocity()
    {
        var env = new MountainCarContinuous();
        var obs = new double[2];
        env.Reset(NumPyGenerator.FromSeed(3), obs);
        double position = NumPyGenerator.FromSeed(3).NextUniform(-0.6, -0.4);
        Assert.Equal([position, 0.0], env.GetState());
        Assert.Equal([(float)position, 0.0], obs);
    }

    [Fact]
    public void NaNOrWrongLengthAction_Throws()
    {
        var env = new MountainCarContinuous();
        env.Reset(NumPyGenerator.FromSeed(0), new double[2]);
        Assert.Throws<ArgumentException>(() => env.Step([double.NaN], new double[2]));
        Assert.Throws<ArgumentException>(() => env.Step([0.1, 0.2], new double[2]));
    }

    [Fact]
    public void Step_DoesNotAllocate()
    {
        var env = new MountainCarContinuous();
        var obs = new double[2];
        double[] action = [0.3];
        env.Reset(NumPyGenerator.FromSeed(1), obs);
        env.Step(action, obs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) env.Step(action, obs);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
