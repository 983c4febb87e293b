using System.Globalization;
using Trpo.Cli.Commands;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Commands;

/// <summary><c>trpo bench</c> prints a Markdown table of phase medians; these tests check its shape, never its speed.</summary>
public sealed class BenchCommandTests : IDisposable
{
    /// <summary>A benchmark of tiny epochs: 64 steps, one value step, a 4-unit network.</summary>
    private static readonly string[] Tiny =
        ["--epochs", "2", "--warmup", "1", "--set", "steps_per_epoch=64", "--set", "train_v_iters=1", "--set", "hidden_sizes=4"];

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static string[] Cells(string line)
    {
        Assert.StartsWith("| ", line);
        Assert.EndsWith(" |", line);
        return line[2..^2].Split(" | ");
    }

    [Fact]
    public async Task Bench_prints_a_markdown_table_with_one_row_per_environment_and_preset_and_a_note()
    {
        var result = await _workspace.RunAsync(["bench", "--env", "CartPole-v1", "--env", "Pendulum-v1", "--preset", "sb3", "--preset", "spinningup", .. Tiny]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + 4 + 2, lines.Length);
        Assert.Equal(BenchCommand.Headers, Cells(lines[0]));
        Assert.Equal(["---", "---", .. Enumerable.Repeat("---:", BenchCommand.Headers.Count - 2)], Cells(lines[1]));
        (string Env, string Preset)[] expected = [("CartPole-v1", "sb3"), ("CartPole-v1", "spinningup"), ("Pendulum-v1", "sb3"), ("Pendulum-v1", "spinningup")];
        for (int r = 0; r < expected.Length; r++)
        {
            var cells = Cells(lines[2 + r]);
            Assert.Equal(BenchCommand.Headers.Count, cells.Length);
            Assert.Equal(expected[r].Env, cells[0]);
            Assert.Equal(expected[r].Preset, cells[1]);
            Assert.Equal("1", cells[2]);
            Assert.Equal("64", cells[3]);
            foreach (var number in cells[4..])
            {
                Assert.True(double.TryParse(number, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value), $"'{number}' is not a number");
                Assert.True(value >= 0 && double.IsFinite(value), $"'{number}' is not a non-negative time or rate");
            }
        }
        Assert.Equal("", lines[6]);
        Assert.StartsWith("Medians of 2 epochs after 1 warm-up; seed 0; ", lines[7]);
        Assert.Contains("bench: Pendulum-v1 spinningup: 1 warm-up + 2 timed epochs", result.Error);
        Assert.Empty(_workspace.Snapshot());
    }

    [Fact]
    public async Task Bench_defaults_to_CartPole_under_sb3_on_one_thread()
    {
        var result = await _workspace.RunAsync(["bench", .. Tiny]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var cells = Cells(result.Out.Split('\n')[2]);
        Assert.Equal(["CartPole-v1", "sb3", "1", "64"], cells[..4]);
    }

    [Fact]
    public async Task Bench_reports_the_thread_count_it_ran_with()
    {
        var result = await _workspace.RunAsync(["bench", "--threads", "2", .. Tiny]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("2", Cells(result.Out.Split('\n')[2])[2]);
    }

    [Theory]
    [InlineData("error: --epochs must be between 1 and 10000 (got 0)", "--epochs", "0")]
    [InlineData("error: --warmup must be between 0 and 1000 (got -1)", "--warmup", "-1")]
    [InlineData("error: --threads must be between 1 and 256 (got 0)", "--threads", "0")]
    [InlineData("error: unknown environment 'Nope-v0' (from --env); ", "--env", "Nope-v0")]
    [InlineData("error: unknown preset 'ppo' (from --preset); ", "--preset", "ppo")]
    [InlineData("error: unknown key 'deltta' (from --set); ", "--set", "deltta=1")]
    public async Task Bench_rejects_bad_input_with_one_error_line_and_prints_no_table(string error, params string[] args)
    {
        var result = await _workspace.RunAsync(["bench", .. args]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith(error, result.Error);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }
}
