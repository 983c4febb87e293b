using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Environments;

namespace Trpo.Cli.Tests.Batch;

/// <summary>Bad experiment files: one error line naming the file and the problem, exit 2, nothing written.</summary>
public sealed class ExperimentFileErrorTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    public static TheoryData<string, string> BadFiles => new()
    {
        { Experiments.With("\"grid\": {\"deltta\": [0.01]}"), "error: experiment 'e.json': unknown key 'grid.deltta'; did you mean 'delta'?" },
        { Experiments.With("\"overrides\": {\"gama\": 0.9}"), "error: experiment 'e.json': unknown key 'overrides.gama'; did you mean 'gamma'?" },
        { Experiments.With("\"gird\": {}"), "error: experiment 'e.json': unknown key 'gird'; did you mean 'grid'?" },
        { Experiments.With("\"grid\": {\"lam\": []}"), "error: experiment 'e.json': grid.lam is empty: list at least one value (an empty axis leaves no runs)" },
        { Experiments.With("\"grid\": {\"lam\": [0.9, 0.90]}"), "error: experiment 'e.json': grid.lam[1] lists 0.9 a second time (as grid.lam[0]); runs would share a name" },
        { Experiments.With("\"grid\": {\"lam\": [2]}"), "error: experiment 'e.json', run 'CartPole-v1__lam2__seed0': lam must be in [0, 1] (got 2)" },
        { Experiments.With("\"grid\": {\"delta\": [\"abc\"]}"), "error: delta: expected a number, got 'abc' (from experiment 'e.json', grid.delta[0])" },
        { Experiments.With("\"grid\": {\"seed\": [1, 2]}"), "error: experiment 'e.json': grid.seed cannot be set here: seeds go in 'seeds'" },
        { Experiments.With("\"overrides\": {\"epochs\": 3}"), "error: experiment 'e.json': overrides.epochs cannot be set here: the length of runs goes in 'budget', e.g. {\"epochs\": 50}" },
        { Experiments.With("\"preset\": \"ppo\""), "error: experiment 'e.json': preset unknown preset 'ppo'; known: spinningup, sb3, zoo" },
        { """{ "name": "x", "environments": [], "seeds": [0], "budget": {"epochs": 1} }""", "error: experiment 'e.json': environments is empty: name at least one environment, e.g. [\"CartPole-v1\"]" },
        { """{ "name": "x", "environments": ["CartPole-v1"], "seeds": [], "budget": {"epochs": 1} }""", "error: experiment 'e.json': seeds is empty: list at least one seed, e.g. [0, 1, 2, 3, 4]" },
        { """{ "name": "x", "environments": ["CartPole-v1"], "seeds": [0, 0], "budget": {"epochs": 1} }""", "error: experiment 'e.json': seeds[1] lists seed 0 a second time" },
        { """{ "name": "x", "environments": ["CartPole-v1"], "seeds": [-1], "budget": {"epochs": 1} }""", "error: experiment 'e.json': seeds[0] must be an integer in 0..4294967295 (got '-1')" },
        { """{ "name": "x", "environments": ["CartPole-v1", "CartPole-v1"], "seeds": [0], "budget": {"epochs": 1} }""", "error: experiment 'e.json': environments[1] lists environment 'CartPole-v1' a second time" },
        { """{ "name": "x", "environments": ["CartPol-v1"], "seeds": [0], "budget": {"epochs": 1} }""", "error: experiment 'e.json': environments[0] unknown environment 'CartPol-v1'; did you mean 'CartPole-v1'? known: " + string.Join(", ", EnvironmentRegistry.Ids) },
        { """{ "name": "x", "environments": ["CartPole-v1"], "seeds": [0] }""", "error: experiment 'e.json': budget is missing: give a budget, e.g. {\"epochs\": 50} or {\"env_steps\": 100000}, for every environment (CartPole-v1 has none)" },
        { """{ "name": "x", "environments": ["CartPole-v1"], "seeds": [0], "budget": {"epochs": 1, "env_steps": 5} }""", "error: experiment 'e.json': budget must give exactly one of epochs or env_steps" },
        { """{ "name": "x", "environments": ["CartPole-v1"], "seeds": [0], "budget": {"epochs": 0} }""", "error: experiment 'e.json': budget.epochs must be an integer in 1..1000000 (got '0')" },
        { """{ "name": "a b", "environments": ["CartPole-v1"], "seeds": [0], "budget": {"epochs": 1} }""", "error: experiment 'e.json': name must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (got 'a b')" },
        { """{ "environments": ["CartPole-v1"], "seeds": [0], "budget": {"epochs": 1} }""", "error: experiment 'e.json': is missing 'name'" },
        { """{ "name": "x", "name": "y" }""", "error: experiment file 'e.json': duplicate key 'name'" },
        { "{ \"name\": \"x\",, }", "error: experiment file 'e.json' is not valid JSON: line 1, column 15: ',' is an invalid start of a property name. Expected a '\"'." },
        { "[1]", "error: experiment file 'e.json' must hold a JSON object, e.g. {\"delta\": 0.02} (line 1)" },
        { Experiments.With("\"grid\": {\"hidden_sizes\": [[8], \"8\"]}"), "error: experiment 'e.json': grid.hidden_sizes[1] lists [8] a second time (as grid.hidden_sizes[0]); runs would share a name" },
        { Experiments.With("\"overrides\": {\"steps_per_epoch\": 5, \"num_envs\": 2}"), "error: experiment 'e.json', run 'CartPole-v1__seed0': steps_per_epoch (5) must be a multiple of num_envs (2)" },
        { Experiments.With("\"overrides\": {\"lqr_horizon\": 50}"), "error: experiment 'e.json': overrides.lqr_horizon is a key of LQR-v0's system, which the experiment does not list (it lists CartPole-v1)" },
        { """{ "name": "x", "environments": ["LQR-v0", "Pendulum-v1"], "seeds": [0], "overrides": {"lqr_r": 0.5}, "budget": {"epochs": 1} }""", "error: experiment 'e.json': overrides.lqr_r is a key of LQR-v0's system, but the experiment also lists Pendulum-v1: set it in LQR-v0's own overrides, {\"id\": \"LQR-v0\", \"overrides\": {...}}" },
        { """{ "name": "x", "environments": ["Pendulum-v1", "LQR-v0"], "seeds": [0], "grid": {"lqr_horizon": [50, 100]}, "budget": {"epochs": 1} }""", "error: experiment 'e.json': grid.lqr_horizon sweeps a key of LQR-v0's system, but the experiment also lists Pendulum-v1, whose runs cannot take it: sweep it in an experiment of LQR-v0 alone" },
        { """{ "name": "x", "environments": [{"id": "Pendulum-v1", "overrides": {"lqr_horizon": 50}}], "seeds": [0], "budget": {"epochs": 1} }""", "error: experiment 'e.json', run 'Pendulum-v1__seed0': lqr_horizon applies only to env LQR-v0, not Pendulum-v1 (from experiment 'e.json', environments[0].overrides.lqr_horizon)" },
        { Experiments.With("\"grid\": {\"lqr_hrizon\": [50]}"), "error: experiment 'e.json': unknown key 'grid.lqr_hrizon'; did you mean 'lqr_horizon'?" },
        { """{ "name": "x", "environments": ["LQR-v0"], "seeds": [0], "overrides": {"lqr_a": [[1, 0.1], [0]]}, "budget": {"epochs": 1} }""", "error: lqr_a: expected a matrix such as 1,0.1;0,1 (rows separated by ';') or [[1, 0.1], [0, 1]], got '[[1, 0.1], [0]]' (from experiment 'e.json', overrides.lqr_a)" },
        { """{ "name": "x", "environments": ["LQR-v0"], "seeds": [0], "grid": {"lqr_horizon": [50, "x"]}, "budget": {"epochs": 1} }""", "error: lqr_horizon: expected an integer, got 'x' (from experiment 'e.json', grid.lqr_horizon[1])" },
        { """{ "name": "x", "environments": ["LQR-v0"], "seeds": [0], "grid": {"lqr_r": [0.1, [[0.1]]]}, "budget": {"epochs": 1} }""", "error: experiment 'e.json': grid.lqr_r[1] lists [[0.1]] a second time (as grid.lqr_r[0]); runs would share a name" },
        { """{ "name": "x", "environments": ["LQR-v0"], "seeds": [0], "overrides": {"lqr_b": [[1], [0], [0]]}, "budget": {"epochs": 1} }""", "error: experiment 'e.json', run 'LQR-v0__seed0': lqr_b must have 2 rows, one per state, and at least one column (got 3×1)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_experiment_file_is_one_error_line_naming_file_and_problem_and_exit_2(string file, string expected)
    {
        _workspace.WriteFile("e.json", file);
        var before = _workspace.Snapshot();

        var result = await _workspace.RunAsync("batch", "e.json");

        Assertions.RejectedWith(result, expected);
        Assert.Equal(before.Keys.Order(), _workspace.Snapshot().Keys.Order());
    }

    [Fact]
    public async Task A_missing_file_and_a_bad_yaml_file_are_reported_with_their_path()
    {
        _workspace.WriteFile("bad.yaml", "name: y\n  oops: [\n");

        Assertions.RejectedWith(await _workspace.RunAsync("batch", "none.json"), "error: experiment file 'none.json' not found");
        var yaml = await _workspace.RunAsync("batch", "bad.yaml");
        Assert.Equal(ExitCodes.BadInput, yaml.ExitCode);
        Assert.StartsWith("error: experiment file 'bad.yaml' is not valid YAML: line 2, column ", Assert.Single(yaml.ErrorLines));
    }

    [Theory]
    [InlineData("3/2")]
    [InlineData("0/4")]
    public async Task A_shard_beyond_its_count_is_bad_input(string shard)
    {
        _workspace.WriteFile("e.json", Experiments.With(""));
        Assertions.RejectedWith(await _workspace.RunAsync("batch", "e.json", "--shard", shard),
            $"error: --shard must be i/N with 1 <= i <= N <= 100000, shards numbered from 1 (got '{shard}')");
        Assert.False(Directory.Exists(_workspace.PathOf("runs")));
    }

    [Fact]
    public async Task Parallel_outside_its_range_and_an_unknown_emit_kind_are_bad_input()
    {
        _workspace.WriteFile("e.json", Experiments.With(""));
        Assertions.RejectedWith(await _workspace.RunAsync("batch", "e.json", "--parallel", "0"), "error: --parallel must be between 1 and 1024 (got 0)");
        Assertions.RejectedWith(await _workspace.RunAsync("batch", "e.json", "--emit", "pbs"), "error: --emit must be one of slurm, k8s (got 'pbs')");
        Assertions.RejectedWith(await _workspace.RunAsync("batch", "e.json", "--quick"), "error: experiment 'e.json' has no 'quick' section, so --quick has nothing to apply");
    }
}
