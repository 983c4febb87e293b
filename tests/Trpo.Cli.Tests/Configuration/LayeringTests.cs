using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Configuration;

/// <summary>
/// Precedence, lowest to highest: preset, --config file, TRPO_* variables, --set, then the run-level flags;
/// checked through the resolved config.json (written before the engine starts).
/// </summary>
public sealed class LayeringTests : IDisposable
{
    private const string RunFolder = "runs/CartPole-v1__sb3__seed7";
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Each_layer_overrides_the_ones_below_it()
    {
        // preset sb3: lam 0.95, cg_iters 15, gamma 0.99, delta 0.01, damping 0.1, log_std_init 0
        _workspace.WriteFile("c.json", """
            {
              // comments are allowed, as in the JSON configuration provider
              "lam": 0.9,
              "gamma": 0.95,
              "delta": 0.02,
              "damping_coeff": 0.2,
              "seed": 3
            }
            """);
        _workspace.Environment["TRPO_GAMMA"] = "0.98";
        _workspace.Environment["TRPO_DELTA"] = "0.03";
        _workspace.Environment["TRPO_HIDDEN_SIZES"] = "32,32";

        var result = await _workspace.RunAsync([
            "train", "--env", "CartPole-v1", "--preset", "sb3", "--seed", "7", "--config", "c.json",
            "--set", "delta=0.04", "--set", "hidden_sizes=8,8", .. Workspace.TinyEpoch]);

        Assertions.InputAccepted(result);
        var config = ConfigJson.Read(_workspace, RunFolder);
        Assert.Equal(15, config.GetProperty("cg_iters").GetInt32());          // preset only
        Assert.Equal(0.0, config.GetProperty("log_std_init").GetDouble());    // preset only
        Assert.Equal(0.9, config.GetProperty("lam").GetDouble());             // file beats preset
        Assert.Equal(0.2, config.GetProperty("damping_coeff").GetDouble());   // file beats preset
        Assert.Equal(0.98, config.GetProperty("gamma").GetDouble());          // variable beats file
        Assert.Equal(0.04, config.GetProperty("delta").GetDouble());          // --set beats variable and file
        Assert.Equal([8, 8], config.GetProperty("hidden_sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(7, config.GetProperty("seed").GetInt32());               // --seed beats the file
        Assert.Equal("sb3", config.GetProperty("preset").GetString());
    }

    [Fact]
    public async Task Preset_can_come_from_the_config_file()
    {
        _workspace.WriteFile("c.json", """{ "preset": "sb3", "env": "CartPole-v1", "seed": 7 }""");

        var result = await _workspace.RunAsync(["train", "--config", "c.json", .. Workspace.TinyBudget]);

        Assertions.InputAccepted(result);
        var config = ConfigJson.Read(_workspace, RunFolder);
        Assert.Equal(0.95, config.GetProperty("lam").GetDouble());
        Assert.Equal(128, config.GetProperty("vf_batch_size").GetInt32());
        Assert.Equal("orthogonal", config.GetProperty("init").GetString());
    }

    [Fact]
    public async Task Hidden_sizes_is_read_from_a_json_array_from_text_and_from_bracketed_text()
    {
        _workspace.WriteFile("c.json", """{ "hidden_sizes": [16, 8, 4] }""");
        var fromFile = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--config", "c.json", "--out", "a", .. Workspace.TinyEpoch]);
        _workspace.Environment["TRPO_HIDDEN_SIZES"] = "[5, 6]";
        var fromVariable = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--config", "c.json", "--out", "b", .. Workspace.TinyEpoch]);

        Assertions.InputAccepted(fromFile);
        Assertions.InputAccepted(fromVariable);
        Assert.Equal([16, 8, 4], ConfigJson.Read(_workspace, "a").GetProperty("hidden_sizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([5, 6], ConfigJson.Read(_workspace, "b").GetProperty("hidden_sizes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Defaults_are_the_spinningup_preset_seed_0_and_50_epochs()
    {
        var result = await _workspace.RunAsync("train", "--env", "CartPole-v1", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4");

        Assertions.InputAccepted(result);
        var config = ConfigJson.Read(_workspace, "runs/CartPole-v1__spinningup__seed0");
        Assert.Equal("spinningup", config.GetProperty("preset").GetString());
        Assert.Equal(0, config.GetProperty("seed").GetInt32());
        Assert.Equal(50, config.GetProperty("epochs").GetInt32());
        Assert.Equal(0.97, config.GetProperty("lam").GetDouble());
        Assert.Equal(10, config.GetProperty("cg_iters").GetInt32());
    }
}
