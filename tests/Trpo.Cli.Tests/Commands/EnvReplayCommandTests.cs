using System.Globalization;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Cli.Tests.Commands;

/// <summary><c>trpo env replay</c>: steps an environment through a file of actions and writes every step as CSV.</summary>
public sealed class EnvReplayCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string[] Fields(string line) => line.Split(',');

    [Fact]
    public async Task A_seeded_replay_starts_where_gymnasium_resets_and_writes_one_row_per_step()
    {
        _workspace.WriteFile("actions.txt", "0\n2\n\n1\n");

        var result = await _workspace.RunAsync("env", "replay", "--env", "Acrobot-v1", "--seed", "123", "--actions", "actions.txt");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("step,action,state_theta1,state_theta2,state_dtheta1,state_dtheta2,obs_0,obs_1,obs_2,obs_3,obs_4,obs_5,reward,terminated,truncated", lines[0]);
        Assert.Equal(5, lines.Length); // header, start, three steps (the blank line is skipped)

        var env = new Acrobot();
        var obs = new double[6];
        env.Reset(NumPyGenerator.FromSeed(123), obs);
        string[] start = Fields(lines[1]);
        Assert.Equal(["0", ""], start[..2]);
        Assert.Equal(env.GetState(), start[2..6].Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        Assert.Equal(obs, start[6..12].Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        Assert.Equal(["", "0", "0"], start[12..]);

        double[] actions = [0, 2, 1];
        for (int i = 0; i < 3; i++)
        {
            var r = env.Step([actions[i]], obs);
            string[] row = Fields(lines[2 + i]);
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(((int)actions[i]).ToString(CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(env.GetState(), row[2..6].Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
            Assert.Equal(obs, row[6..12].Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
            Assert.Equal(r.Reward, double.Parse(row[12], CultureInfo.InvariantCulture));
            Assert.Equal(["0", "0"], row[13..]);
        }
        Assert.Equal(["replay: the 3 actions ran out after step 3; the episode had not ended"], result.ErrorLines);
    }

    [Fact]
    public async Task A_replay_from_a_state_stops_at_termination_and_says_so()
    {
        _workspace.WriteFile("push.txt", string.Join("\n", Enumerable.Repeat("1", 30)));

        var result = await _workspace.RunAsync("env", "replay", "--env", "CartPole-v1", "--state", "0,0,0.2,0.5", "--actions", "push.txt", "--out", "replay.csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = _workspace.ReadFile("replay.csv").TrimEnd('\n').Split('\n');
        Assert.Equal("step,action,state_x,state_x_dot,state_theta,state_theta_dot,obs_0,obs_1,obs_2,obs_3,reward,terminated,truncated", lines[0]);
        Assert.Equal("0,,0,0,0.2,0.5," + string.Join(",", new[] { 0.0, 0.0, 0.2, 0.5 }.Select(v => ((double)(float)v).ToString("R", CultureInfo.InvariantCulture))) + ",,0,0", lines[1]);
        string[] last = Fields(lines[^1]);
        Assert.Equal(["1", "0"], last[^2..]);
        int steps = lines.Length - 2;
        Assert.Equal([$"replay: CartPole-v1 terminated at step {steps}; {30 - steps} of 30 actions not used"], result.ErrorLines);

        var env = new CartPole();
        env.SetState([0, 0, 0.2, 0.5], 0);
        var obs = new double[4];
        for (int i = 0; i < steps; i++) env.Step([1.0], obs);
        Assert.Equal(env.GetState(), last[2..6].Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_continuous_replay_runs_to_the_time_limit()
    {
        _workspace.WriteFile("torques.txt", string.Join("\n", Enumerable.Range(0, 205).Select(i => (i % 5 - 2).ToString(CultureInfo.InvariantCulture) + ".5e-1")));

        var result = await _workspace.RunAsync("env", "replay", "--env", "Pendulum-v1", "--seed", "0", "--actions", "torques.txt");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(202, lines.Length);
        Assert.Equal("step,action,state_theta,state_theta_dot,obs_0,obs_1,obs_2,reward,terminated,truncated", lines[0]);
        Assert.Equal(["0", "1"], Fields(lines[^1])[^2..]);
        Assert.Equal(["replay: Pendulum-v1 truncated at step 200 (time limit 200); 5 of 205 actions not used"], result.ErrorLines);
    }

    [Theory]
    [InlineData("3\n", "error: a.txt:1: 3 is not an action of Discrete(3) (0..2)")]
    [InlineData("1\n-1\n", "error: a.txt:2: -1 is not an action of Discrete(3) (0..2)")]
    [InlineData("1\n1.5\n", "error: a.txt:2: expected an integer action of Discrete(3), got '1.5'")]
    [InlineData("0\n\nleft\n", "error: a.txt:3: expected an integer action of Discrete(3), got 'left'")]
    [InlineData("", "error: actions file 'a.txt' has no actions (one per line)")]
    [InlineData("\n  \n", "error: actions file 'a.txt' has no actions (one per line)")]
    public async Task Bad_discrete_actions_are_one_line_errors_naming_file_and_line(string actions, string expected)
    {
        _workspace.WriteFile("a.txt", actions);
        var result = await _workspace.RunAsync("env", "replay", "--env", "MountainCar-v0", "--seed", "1", "--actions", "a.txt", "--out", "r.csv");
        Assertions.RejectedWith(result, expected);
        Assert.Equal("", result.Out);
        Assert.False(File.Exists(_workspace.PathOf("r.csv")), "nothing is written on bad input");
    }

    [Theory]
    [InlineData("0.5\n1.5\n", "error: a.txt:2: 1.5 is outside the action space [-1, 1]")]
    [InlineData("0.5\nabc\n", "error: a.txt:2: expected a number, got 'abc'")]
    [InlineData("0.5,0.1\n", "error: a.txt:1: expected 1 comma-separated numbers, got 2")]
    [InlineData("NaN\n", "error: a.txt:1: expected a number, got 'NaN'")]
    public async Task Bad_continuous_actions_are_one_line_errors_naming_file_and_line(string actions, string expected)
    {
        _workspace.WriteFile("a.txt", actions);
        var result = await _workspace.RunAsync("env", "replay", "--env", "MountainCarContinuous-v0", "--seed", "1", "--actions", "a.txt");
        Assertions.RejectedWith(result, expected);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData(new[] { "--state", "0,0,0" }, "error: --state has 3 values; CartPole-v1's state has 4 (x, x_dot, theta, theta_dot)")]
    [InlineData(new[] { "--state", "0,0,x,0" }, "error: --state value 3 (theta) must be a finite number, got 'x'")]
    [InlineData(new[] { "--state", "0,0,Infinity,0" }, "error: --state value 3 (theta) must be a finite number, got 'Infinity'")]
    [InlineData(new[] { "--seed", "-1" }, "error: --seed must be an integer in 0..18446744073709551615, got '-1'")]
    [InlineData(new[] { "--seed", "1", "--state", "0,0,0,0" }, "error: pass exactly one of --seed S (Gymnasium's reset(seed=S)) or --state v1,v2,... (the full state)")]
    [InlineData(new string[0], "error: pass exactly one of --seed S (Gymnasium's reset(seed=S)) or --state v1,v2,... (the full state)")]
    public async Task Bad_starts_are_one_line_errors(string[] start, string expected)
    {
        _workspace.WriteFile("a.txt", "1\n");
        var result = await _workspace.RunAsync(["env", "replay", "--env", "CartPole-v1", .. start, "--actions", "a.txt"]);
        Assertions.RejectedWith(result, expected);
    }

    [Fact]
    public async Task Unknown_environment_missing_file_and_folder_output_are_one_line_errors()
    {
        _workspace.WriteFile("a.txt", "1\n");
        Directory.CreateDirectory(_workspace.PathOf("somewhere"));
        Assertions.RejectedWith(await _workspace.RunAsync("env", "replay", "--env", "cartpole-v1", "--seed", "0", "--actions", "a.txt"),
            $"error: unknown environment 'cartpole-v1' (from --env); did you mean 'CartPole-v1'? known: {string.Join(", ", EnvironmentRegistry.Ids)}");
        Assertions.RejectedWith(await _workspace.RunAsync("env", "replay", "--env", "CartPole-v1", "--seed", "0", "--actions", "missing.txt"),
            "error: actions file 'missing.txt' not found");
        Assertions.RejectedWith(await _workspace.RunAsync("env", "replay", "--env", "CartPole-v1", "--seed", "0", "--actions", "a.txt", "--out", "somewhere"),
            "error: output path 'somewhere' is a folder, not a file");
        Assertions.RejectedWith(await _workspace.RunAsync("env", "replay", "--env", "CartPole-v1", "--seed", "0"),
            "error: no actions given; pass --actions FILE (one action per line)");
    }
}
