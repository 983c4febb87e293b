using Trpo.Cli.Commands;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Environments;

namespace Trpo.Cli.Tests.Commands;

/// <summary><c>trpo envs</c> lists every built-in environment with its spaces, time limit and threshold.</summary>
public sealed class EnvsCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Envs_prints_a_header_and_one_aligned_line_per_environment()
    {
        var result = await _workspace.RunAsync("envs");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + EnvironmentRegistry.Ids.Count, lines.Length);
        Assert.Matches(@"^id\s+observation\s+action\s+time_limit\s+reward_threshold\s+description$", lines[0]);
        Assert.Equal(EnvironmentRegistry.Ids, lines[1..].Select(l => l.Split(' ')[0]));
        string Line(string id) => lines.Single(l => l.StartsWith(id + " ", StringComparison.Ordinal));
        Assert.Matches(@"^CartPole-v1\s+4\s+Discrete\(2\)\s+500\s+475\s+\S", Line("CartPole-v1"));
        Assert.Matches(@"^Pendulum-v1\s+3\s+Box\(-2, 2, \(1,\)\)\s+200\s+-\s+\S", Line("Pendulum-v1"));
        Assert.Matches(@"^Acrobot-v1\s+6\s+Discrete\(3\)\s+500\s+-100\s+\S", Line("Acrobot-v1"));
        Assert.Matches(@"^MountainCar-v0\s+2\s+Discrete\(3\)\s+200\s+-110\s+\S", Line("MountainCar-v0"));
        Assert.Matches(@"^MountainCarContinuous-v0\s+2\s+Box\(-1, 1, \(1,\)\)\s+999\s+90\s+\S", Line("MountainCarContinuous-v0"));
        Assert.Matches(@"^LQR-v0\s+2\s+Box\(-Infinity, Infinity, \(1,\)\)\s+100\s+-\s+\S", Line("LQR-v0"));
        // aligned: every column starts at the same offset on every line
        var actionColumn = lines[0].IndexOf("action", StringComparison.Ordinal);
        Assert.All(lines[1..], l => Assert.NotEqual(' ', l[actionColumn]));
        Assert.All(lines[1..], l => Assert.Equal(' ', l[actionColumn - 1]));
    }

    [Fact]
    public void Box_bounds_that_differ_per_dimension_are_listed()
    {
        var spec = new EnvironmentSpec("Arm-v0", 6, [], [], ActionKind.Continuous, 2, [-1, -2], [1, 2], 100, null, "arm");

        Assert.Equal("Box([-1, -2], [1, 2], (2,))", EnvsCommand.ActionSpace(spec));
    }
}
