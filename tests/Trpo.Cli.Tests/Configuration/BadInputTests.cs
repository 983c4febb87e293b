using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Configuration;

/// <summary>
/// Every kind of bad input ends with exit code 2, exactly one stderr line starting "error: ", and nothing written.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    /// <summary>The ids the messages list, in ordinal order.</summary>
    private const string KnownIds = "Acrobot-v1, CartPole-v1, CartPoleSwingUp-v0, LQR-v0, MountainCar-v0, MountainCarContinuous-v0, Pendulum-v1, Reacher2D-v0";

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task AssertRejected(string expectedLine, params string[] args)
    {
        var result = await _workspace.RunAsync(args);
        Assertions.RejectedWith(result, expectedLine);
        Assert.False(Directory.Exists(_workspace.PathOf("runs")), "a rejected run must not create runs/");
        Assert.Equal("", result.Out);
    }

    [Fact]
    public Task Unknown_environment_is_rejected_with_the_list_of_known_ids()
        => AssertRejected(
            $"error: unknown environment 'LunarLander-v2' (from --env); known: {KnownIds}",
            "train", "--env", "LunarLander-v2");

    [Fact]
    public Task Misspelt_environment_is_rejected_with_a_suggestion_and_the_list()
        => AssertRejected(
            $"error: unknown environment 'cartpole-v1' (from --env); did you mean 'CartPole-v1'? known: {KnownIds}",
            "train", "--env", "cartpole-v1");

    [Fact]
    public Task Missing_environment_is_rejected_with_the_list_of_known_ids()
        => AssertRejected($"error: no environment given; pass --env ID (known: {KnownIds})", "train");

    [Fact]
    public Task Unknown_preset_is_rejected_with_the_list_of_presets()
        => AssertRejected(
            "error: unknown preset 'ppo' (from --preset); known: spinningup, sb3",
            "train", "--env", "CartPole-v1", "--preset", "ppo");

    [Fact]
    public Task Unknown_key_is_rejected_with_the_closest_known_key_suggested()
        => AssertRejected(
            "error: unknown key 'deltta' (from --set); did you mean 'delta'?",
            "train", "--env", "CartPole-v1", "--set", "deltta=0.02");

    [Fact]
    public Task Unknown_key_in_the_config_file_names_the_file()
    {
        _workspace.WriteFile("c.json", """{ "hidden_size": [32, 32] }""");
        return AssertRejected(
            "error: unknown key 'hidden_size' (from config file 'c.json'); did you mean 'hidden_sizes'?",
            "train", "--env", "CartPole-v1", "--config", "c.json");
    }

    [Fact]
    public Task Unknown_key_in_an_environment_variable_names_the_variable()
    {
        _workspace.Environment["TRPO_GAMA"] = "0.9";
        return AssertRejected(
            "error: unknown key 'gama' (from environment variable TRPO_GAMA); did you mean 'gamma'?",
            "train", "--env", "CartPole-v1");
    }

    [Fact]
    public Task Unknown_key_unlike_any_known_key_lists_the_known_keys()
    {
        return AssertRejected(
            "error: unknown key 'learning_rate_of_the_policy' (from --set); known keys: adam_eps, backtrack_coeff, backtrack_iters, " +
            "cg_iters, cg_residual_tol, damping_coeff, delta, env, epochs, gamma, git_commit, hidden_sizes, init, lam, log_std_init, " +
            "lqr_a, lqr_b, lqr_horizon, lqr_q, lqr_r, lqr_start_high, normalize_advantages, num_envs, preset, seed, steps_per_epoch, tool_version, train_v_iters, vf_batch_size, vf_lr",
            "train", "--env", "CartPole-v1", "--set", "learning_rate_of_the_policy=1");
    }

    [Theory]
    [InlineData("delta=abc", "error: delta: expected a number, got 'abc' (from --set)")]
    [InlineData("delta=NaN", "error: delta: expected a number, got 'NaN' (from --set)")]
    [InlineData("cg_iters=1.5", "error: cg_iters: expected an integer, got '1.5' (from --set)")]
    [InlineData("normalize_advantages=yes", "error: normalize_advantages: expected true or false, got 'yes' (from --set)")]
    [InlineData("init=xavier", "error: init: expected uniform or orthogonal, got 'xavier' (from --set)")]
    [InlineData("hidden_sizes=64,x", "error: hidden_sizes: expected a list of integers such as 64,64, got '64,x' (from --set)")]
    public Task Value_of_the_wrong_type_is_rejected_quoting_key_and_value(string set, string expected)
        => AssertRejected(expected, "train", "--env", "CartPole-v1", "--set", set);

    [Fact]
    public Task Value_of_the_wrong_type_in_the_config_file_quotes_key_value_and_file()
    {
        _workspace.WriteFile("c.json", """{ "gamma": [0.9, 0.99] }""");
        return AssertRejected(
            "error: gamma: expected a number, got '[0.9, 0.99]' (from config file 'c.json')",
            "train", "--env", "CartPole-v1", "--config", "c.json");
    }

    [Fact]
    public Task Value_of_the_wrong_type_in_an_environment_variable_names_the_variable()
    {
        _workspace.Environment["TRPO_STEPS_PER_EPOCH"] = "lots";
        return AssertRejected(
            "error: steps_per_epoch: expected an integer, got 'lots' (from environment variable TRPO_STEPS_PER_EPOCH)",
            "train", "--env", "CartPole-v1");
    }

    [Theory]
    [InlineData("delta=0", "error: delta must be positive and finite (got 0)")]
    [InlineData("delta=-0.01", "error: delta must be positive and finite (got -0.01)")]
    [InlineData("lam=1.5", "error: lam must be in [0, 1] (got 1.5)")]
    [InlineData("lam=-0.1", "error: lam must be in [0, 1] (got -0.1)")]
    [InlineData("gamma=1.01", "error: gamma must be in [0, 1] (got 1.01)")]
    [InlineData("gamma=-1", "error: gamma must be in [0, 1] (got -1)")]
    [InlineData("hidden_sizes=", "error: hidden_sizes must name at least one layer (got [])")]
    [InlineData("hidden_sizes=[]", "error: hidden_sizes must name at least one layer (got [])")]
    [InlineData("steps_per_epoch=0", "error: steps_per_epoch must be at least 1 (got 0)")]
    [InlineData("steps_per_epoch=-5", "error: steps_per_epoch must be at least 1 (got -5)")]
    public Task Out_of_range_hyperparameter_is_rejected_with_the_validation_message(string set, string expected)
        => AssertRejected(expected, "train", "--env", "CartPole-v1", "--set", set);

    [Fact]
    public Task Several_invalid_hyperparameters_are_reported_together_on_one_line()
        => AssertRejected(
            "error: gamma must be in [0, 1] (got 2); lam must be in [0, 1] (got 3)",
            "train", "--env", "CartPole-v1", "--set", "lam=3", "--set", "gamma=2");

    [Fact]
    public Task Empty_hidden_sizes_array_in_the_config_file_is_rejected()
    {
        _workspace.WriteFile("c.json", """{ "hidden_sizes": [] }""");
        return AssertRejected(
            "error: hidden_sizes must name at least one layer (got [])",
            "train", "--env", "CartPole-v1", "--config", "c.json");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("4294967296")]
    [InlineData("seven")]
    public Task Seed_outside_the_32_bit_range_is_rejected(string seed)
        => AssertRejected(
            $"error: seed must be an integer in 0..4294967295, got '{seed}' (from --seed)",
            "train", "--env", "CartPole-v1", "--seed", seed);

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    [InlineData("2.5")]
    public Task Epochs_outside_one_to_a_million_is_rejected(string epochs)
        => AssertRejected(
            $"error: epochs must be an integer in 1..1000000, got '{epochs}' (from --epochs)",
            "train", "--env", "CartPole-v1", "--epochs", epochs);

    [Fact]
    public Task Malformed_json_config_is_rejected_with_path_line_and_column()
    {
        _workspace.WriteFile("bad.json", "{\n  \"delta\": 0.02,\n  \"gamma\": ,\n}\n");
        return AssertRejected(
            "error: config file 'bad.json' is not valid JSON: line 3, column 12: ',' is an invalid start of a value.",
            "train", "--env", "CartPole-v1", "--config", "bad.json");
    }

    [Fact]
    public Task Config_file_that_is_not_an_object_is_rejected()
    {
        _workspace.WriteFile("list.json", "[1, 2]");
        return AssertRejected(
            "error: config file 'list.json' must hold a JSON object, e.g. {\"delta\": 0.02} (line 1)",
            "train", "--env", "CartPole-v1", "--config", "list.json");
    }

    [Fact]
    public Task Missing_config_file_is_rejected()
        => AssertRejected(
            "error: config file 'nowhere.json' not found",
            "train", "--env", "CartPole-v1", "--config", "nowhere.json");

    [Fact]
    public Task Set_without_an_equals_sign_is_rejected()
        => AssertRejected(
            "error: --set expects key=value, got 'delta'",
            "train", "--env", "CartPole-v1", "--set", "delta");

    [Fact]
    public Task Unknown_option_is_rejected_pointing_at_the_help()
        => AssertRejected(
            "error: unrecognized command or argument '--sed'; see 'trpo train --help'",
            "train", "--env", "CartPole-v1", "--sed", "1");

    [Fact]
    public Task Running_without_a_command_is_rejected_pointing_at_the_help()
        => AssertRejected("error: no command given; see 'trpo --help'");
}
