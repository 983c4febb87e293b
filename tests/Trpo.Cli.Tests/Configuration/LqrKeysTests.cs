using System.Text.Json;
using Trpo.Cli.Configuration;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Control;

namespace Trpo.Cli.Tests.Configuration;

/// <summary>
/// The LQR-v0 system's keys (lqr_a, lqr_b, lqr_q, lqr_r, lqr_horizon, lqr_start_high) layer like every key, are
/// recorded in config.json as arrays of rows, come back through --config, and bad systems are one-line errors.
/// </summary>
public sealed class LqrKeysTests : IDisposable
{
    private const string RunFolder = "runs/LQR-v0__spinningup__seed0";
    private readonly Workspace _workspace = new();

    public LqrKeysTests() => FakeEngine.Install(_workspace);

    public void Dispose() => _workspace.Dispose();

    private static double[][] Rows(JsonElement matrix)
        => matrix.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    [Fact]
    public async Task An_lqr_run_records_the_default_double_integrator_in_config_json()
    {
        var result = await _workspace.RunAsync(["train", "--env", "LQR-v0", .. Workspace.TinyEpoch]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var config = ConfigJson.Read(_workspace, RunFolder);
        Assert.Equal([[1.0, 0.1], [0.0, 1.0]], Rows(config.GetProperty("lqr_a")));
        Assert.Equal([[0.005], [0.1]], Rows(config.GetProperty("lqr_b")));
        Assert.Equal([[1.0, 0.0], [0.0, 1.0]], Rows(config.GetProperty("lqr_q")));
        Assert.Equal([[0.1]], Rows(config.GetProperty("lqr_r")));
        Assert.Equal(100, config.GetProperty("lqr_horizon").GetInt32());
        Assert.Equal([1.0, 1.0], config.GetProperty("lqr_start_high").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task Other_environments_record_no_lqr_keys()
    {
        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", .. Workspace.TinyEpoch]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var keys = ConfigJson.Keys(ConfigJson.Read(_workspace, "runs/CartPole-v1__spinningup__seed0"));
        Assert.DoesNotContain(keys, k => k.StartsWith("lqr_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Matrices_come_from_text_with_semicolon_rows_or_from_json_arrays_of_rows_and_layer_as_usual()
    {
        _workspace.WriteFile("c.json", """
            {
              "lqr_a": [[1.0, 0.05, 0.0], [0.0, 1.0, 0.05], [0.0, 0.0, 0.9]],
              "lqr_b": [[0.0], [0.0], [0.1]],
              "lqr_q": "1,0,0;0,1,0;0,0,0",
              "lqr_start_high": [1, 0.5, 0.25],
              "lqr_horizon": 40
            }
            """);
        _workspace.Environment["TRPO_LQR_HORIZON"] = "60";

        var result = await _workspace.RunAsync([
            "train", "--env", "LQR-v0", "--config", "c.json", "--set", "lqr_r=[[0.5]]", .. Workspace.TinyEpoch]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var config = ConfigJson.Read(_workspace, RunFolder);
        Assert.Equal([[1.0, 0.05, 0.0], [0.0, 1.0, 0.05], [0.0, 0.0, 0.9]], Rows(config.GetProperty("lqr_a")));
        Assert.Equal([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]], Rows(config.GetProperty("lqr_q")));
        Assert.Equal([[0.5]], Rows(config.GetProperty("lqr_r")));
        Assert.Equal(60, config.GetProperty("lqr_horizon").GetInt32()); // the variable beats the file
    }

    [Fact]
    public async Task A_run_config_json_fed_back_with_config_binds_the_same_system()
    {
        var first = await _workspace.RunAsync([
            "train", "--env", "LQR-v0", "--set", "lqr_a=0.9,0.2;0,0.8", "--set", "lqr_start_high=0.3,0.7", .. Workspace.TinyEpoch]);
        Assert.Equal(ExitCodes.Ok, first.ExitCode);

        var second = await _workspace.RunAsync(["train", "--config", $"{RunFolder}/config.json", "--out", "again"]);

        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        var before = ConfigJson.Read(_workspace, RunFolder);
        var after = ConfigJson.Read(_workspace, "again");
        foreach (var key in LqrKeys.Names)
            Assert.Equal(before.GetProperty(key).GetRawText(), after.GetProperty(key).GetRawText());
        Assert.Equal([[0.9, 0.2], [0.0, 0.8]], Rows(after.GetProperty("lqr_a")));
    }

    [Theory]
    [InlineData("lqr_a=1,0.1;0", "error: lqr_a: expected a matrix such as 1,0.1;0,1 (rows separated by ';') or [[1, 0.1], [0, 1]], got '1,0.1;0' (from --set)")]
    [InlineData("lqr_r=abc", "error: lqr_r: expected a matrix such as 1,0.1;0,1 (rows separated by ';') or [[1, 0.1], [0, 1]], got 'abc' (from --set)")]
    [InlineData("lqr_start_high=1,x", "error: lqr_start_high: expected a list of numbers such as 1,0.5, got '1,x' (from --set)")]
    [InlineData("lqr_horizon=1.5", "error: lqr_horizon: expected an integer, got '1.5' (from --set)")]
    [InlineData("lqr_a=1,0.1,0;0,1,0;0,0,1", "error: lqr_b must have 3 rows, one per state, and at least one column (got 2×1); lqr_q must be 3×3 like lqr_a (got 2×2); lqr_start_high must have 3 elements, one per state (got 2)")]
    [InlineData("lqr_r=-0.1", "error: lqr_r must be positive definite")]
    [InlineData("lqr_q=1,1;0,1", "error: lqr_q must be symmetric")]
    [InlineData("lqr_b=1;0", "error: (lqr_a, lqr_b) is not stabilisable: the Riccati iteration did not converge in 100000 iterations (the optimal cost grows without bound with the horizon)")]
    public async Task A_bad_system_is_one_error_line(string set, string expected)
    {
        var result = await _workspace.RunAsync(["train", "--env", "LQR-v0", "--set", set]);

        Assertions.RejectedWith(result, expected);
        Assert.False(Directory.Exists(_workspace.PathOf("runs")));
    }

    [Fact]
    public async Task An_lqr_key_for_another_environment_is_an_error()
    {
        var result = await _workspace.RunAsync(["train", "--env", "Pendulum-v1", "--set", "lqr_horizon=50"]);

        Assertions.RejectedWith(result, "error: lqr_horizon applies only to env LQR-v0, not Pendulum-v1 (from --set)");
    }

    [Fact]
    public void Run_settings_of_lqr_make_environments_on_the_bound_system()
    {
        var system = LqrSystem.Default with { Horizon = 7 };
        var settings = new RunSettings("LQR-v0", 0, 1, "spinningup", new Trpo.Core.Training.TrpoOptions(), system);

        var env = Assert.IsType<Trpo.Core.Environments.Lqr>(settings.EnvironmentFactory());

        Assert.Equal(system, env.System);
        Assert.Equal(7, env.Spec.MaxEpisodeSteps);
    }
}
