using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Configuration;

/// <summary>
/// Variations of bad input beyond the README's table of errors (one case per kind of error is there, run by
/// Reliability/BadInputMatrixTests): each ends with exit code 2, exactly one stderr line starting "error: ", and
/// nothing written.
/// </summary>
public sealed class BadInputTests : IDisposable
{
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
    public Task Unknown_key_unlike_any_known_key_lists_the_known_keys()
    {
        return AssertRejected(
            "error: unknown key 'learning_rate_of_the_policy' (from --set); known keys: adam_eps, backtrack_coeff, backtrack_iters, " +
            "cg_iters, cg_residual_tol, clip_actions, clip_obs, clip_reward, damping_coeff, delta, env, epochs, gamma, git_commit, hidden_sizes, init, lam, log_std_init, " +
            "lqr_a, lqr_b, lqr_horizon, lqr_q, lqr_r, lqr_start_high, normalize_advantages, normalize_obs, normalize_reward, num_envs, preset, sde_sample_freq, seed, steps_per_epoch, tool_version, train_v_iters, use_sde, vf_batch_size, vf_lr",
            "train", "--env", "CartPole-v1", "--set", "learning_rate_of_the_policy=1");
    }

    [Theory]
    [InlineData("delta=NaN", "error: delta: expected a number, got 'NaN' (from --set)")]
    public Task Value_of_the_wrong_type_is_rejected_quoting_key_and_value(string set, string expected)
        => AssertRejected(expected, "train", "--env", "CartPole-v1", "--set", set);

    [Fact]
    public Task Value_of_the_wrong_type_in_an_environment_variable_names_the_variable()
    {
        _workspace.Environment["TRPO_STEPS_PER_EPOCH"] = "lots";
        return AssertRejected(
            "error: steps_per_epoch: expected an integer, got 'lots' (from environment variable TRPO_STEPS_PER_EPOCH)",
            "train", "--env", "CartPole-v1");
    }

    [Theory]
    [InlineData("delta=-0.01", "error: delta must be positive and finite (got -0.01)")]
    [InlineData("lam=1.5", "error: lam must be in [0, 1] (got 1.5)")]
    [InlineData("gamma=1.01", "error: gamma must be in [0, 1] (got 1.01)")]
    [InlineData("gamma=-1", "error: gamma must be in [0, 1] (got -1)")]
    [InlineData("hidden_sizes=", "error: hidden_sizes must name at least one layer (got [])")]
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
    [InlineData("seven")]
    public Task Seed_that_is_not_an_integer_is_rejected(string seed)
        => AssertRejected(
            $"error: seed must be an integer in 0..4294967295, got '{seed}' (from --seed)",
            "train", "--env", "CartPole-v1", "--seed", seed);

    [Theory]
    [InlineData("1000001")]
    [InlineData("2.5")]
    public Task Epochs_outside_one_to_a_million_is_rejected(string epochs)
        => AssertRejected(
            $"error: epochs must be an integer in 1..1000000, got '{epochs}' (from --epochs)",
            "train", "--env", "CartPole-v1", "--epochs", epochs);

}
