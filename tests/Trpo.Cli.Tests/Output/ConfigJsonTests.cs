using Trpo.Cli.Hosting;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Output;

/// <summary>config.json records the fully resolved configuration, sorted, with provenance, and can be fed back.</summary>
public sealed class ConfigJsonTests : IDisposable
{
    private const string RunFolder = "runs/CartPole-v1__spinningup__seed0";
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Config_json_lists_every_key_once_sorted_ordinally()
    {
        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", .. Workspace.TinyBudget]);

        Assertions.InputAccepted(result);
        var keys = ConfigJson.Keys(ConfigJson.Read(_workspace, RunFolder));
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(
            ["adam_eps", "backtrack_coeff", "backtrack_iters", "cg_iters", "cg_residual_tol", "clip_actions", "clip_obs", "clip_reward", "damping_coeff", "delta", "env",
             "epochs", "gamma", "hidden_sizes", "init", "lam", "log_std_init", "normalize_advantages", "normalize_obs", "normalize_reward", "num_envs", "preset",
             "sde_sample_freq", "seed", "steps_per_epoch", "tool_version", "train_v_iters", "use_sde", "vf_batch_size", "vf_lr"],
            keys.Where(k => k != "git_commit"));
    }

    [Fact]
    public async Task Config_json_records_the_tool_version_and_the_git_commit_from_the_variable()
    {
        _workspace.Environment["TRPO_GIT_COMMIT"] = "0123456789abcdef0123456789abcdef01234567";

        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", .. Workspace.TinyBudget]);

        Assertions.InputAccepted(result);
        var config = ConfigJson.Read(_workspace, RunFolder);
        Assert.Equal(ToolInfo.AssemblyVersion, config.GetProperty("tool_version").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", config.GetProperty("git_commit").GetString());
    }

    [Fact]
    public async Task Doubles_are_written_in_shortest_round_trip_form()
    {
        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--set", "vf_lr=0.1", "--set", "delta=0.30000000000000004", .. Workspace.TinyBudget]);

        Assertions.InputAccepted(result);
        var text = _workspace.ReadFile(Path.Combine(RunFolder, "config.json"));
        Assert.Contains("\"vf_lr\": 0.1\n}", text); // the last key: no comma
        Assert.Contains("\"delta\": 0.30000000000000004,", text);
        Assert.Contains("\"cg_residual_tol\": 1E-10,", text);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public async Task A_runs_config_json_fed_back_with_config_resolves_to_the_same_configuration()
    {
        var first = await _workspace.RunAsync(["train", "--env", "Pendulum-v1", "--preset", "sb3", "--seed", "5", "--set", "delta=0.05", .. Workspace.TinyBudget]);
        Assertions.InputAccepted(first);
        var original = _workspace.ReadFile("runs/Pendulum-v1__sb3__seed5/config.json");

        var second = await _workspace.RunAsync("train", "--config", "runs/Pendulum-v1__sb3__seed5/config.json", "--out", "again");

        Assertions.InputAccepted(second);
        Assert.Equal(original, _workspace.ReadFile("again/config.json"));
    }
}
