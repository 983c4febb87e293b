using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Environments;

public class EnvironmentReplayTests
{
    [Fact]
    public void Run_RecordsTheStartThenEveryStep_AndStopsAtTheEpisodeEnd()
    {
        var env = new MountainCar();
        var obs = new double[2];
        env.SetState([0.45, 0.06], 0);
        env.Observe(obs);
        double[][] actions = [[2.0], [2.0], [2.0], [2.0]];

        var replay = EnvironmentReplay.Run(env, obs, actions);

        Assert.Equal(ReplayEnd.Terminated, replay.End);
        Assert.Equal(2, replay.Steps.Count); // the first push reaches the flag
        Assert.Equal(3, replay.UnusedActions);
        Assert.Equal(new ReplayStep(0, null, [0.45, 0.06], [(float)0.45, (float)0.06], null, false, false).State, replay.Steps[0].State);
        Assert.Null(replay.Steps[0].Action);
        Assert.Null(replay.Steps[0].Reward);
        Assert.Equal(-1.0, replay.Steps[1].Reward);
        Assert.True(replay.Steps[1].Terminated);
        Assert.Equal(env.GetState(), replay.Steps[1].State);
    }

    [Fact]
    public void Run_WhenTheActionsRunOut_SaysSo()
    {
        var env = new Pendulum();
        var obs = new double[3];
        env.Reset(NumPyGenerator.FromSeed(3), obs);
        var replay = EnvironmentReplay.Run(env, obs, [[0.5], [-0.5]]);
        Assert.Equal(ReplayEnd.ActionsExhausted, replay.End);
        Assert.Equal(3, replay.Steps.Count);
        Assert.Equal(0, replay.UnusedActions);
    }

    [Fact]
    public void Run_RejectsAnActionOutsideTheSpace_NamingIt()
    {
        var env = new Acrobot();
        var obs = new double[6];
        env.Reset(NumPyGenerator.FromSeed(0), obs);
        var error = Assert.Throws<ArgumentException>(() => EnvironmentReplay.Run(env, obs, [[1.0], [3.0]]));
        Assert.StartsWith("action 2: 3 is not an action of Discrete(3) (0..2)", error.Message);
    }

    [Theory]
    [InlineData(new[] { 0.0 }, null)]
    [InlineData(new[] { 2.0 }, null)]
    [InlineData(new[] { 3.0 }, "3 is not an action of Discrete(3) (0..2)")]
    [InlineData(new[] { 0.5 }, "0.5 is not an action of Discrete(3) (0..2)")]
    [InlineData(new[] { double.NaN }, "NaN is not an action of Discrete(3) (0..2)")]
    [InlineData(new[] { 1.0, 1.0 }, "expected one integer in 0..2, got 2 values")]
    public void DescribeInvalidAction_OfADiscreteSpace(double[] action, string? expected)
        => Assert.Equal(expected, new Acrobot().Spec.DescribeInvalidAction(action));

    [Theory]
    [InlineData(new[] { -1.0 }, null)]
    [InlineData(new[] { 1.0 }, null)]
    [InlineData(new[] { 1.0000001 }, "1.0000001 is outside the action space [-1, 1]")]
    [InlineData(new[] { double.NaN }, "NaN is outside the action space [-1, 1]")]
    [InlineData(new double[0], "expected 1 comma-separated numbers, got 0")]
    public void DescribeInvalidAction_OfABox(double[] action, string? expected)
        => Assert.Equal(expected, new MountainCarContinuous().Spec.DescribeInvalidAction(action));

    public static TheoryData<string> Ids => [Acrobot.Id, CartPole.Id, MountainCar.Id, MountainCarContinuous.Id, Pendulum.Id];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Observe_WritesWhatTheLastStepWrote_AndEveryStateHasAName(string id)
    {
        var env = EnvironmentRegistry.Create(id);
        var stepped = new double[env.Spec.ObservationSize];
        var observed = new double[env.Spec.ObservationSize];
        env.Reset(NumPyGenerator.FromSeed(1), stepped);
        env.Observe(observed);
        Assert.Equal(stepped, observed);
        double[] action = env.Spec.ActionKind == ActionKind.Discrete ? [1.0] : [.. env.Spec.ActionLow.Select(l => l / 2)];
        env.Step(action, stepped);
        env.Observe(observed);
        Assert.Equal(stepped, observed);
        Assert.Equal(env.GetState().Length, env.Spec.StateNames.Count);
    }
}
