using System.Globalization;
using System.Text.Json;
using Trpo.Cli.Commands;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Commands;

/// <summary><c>trpo eval RUN_DIR</c>: deterministic evaluation of a run's newest checkpoint into eval.csv and eval.json (sampled actions with --stochastic, into eval_stochastic.*).</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task Train(params string[] extra)
    {
        var result = await _workspace.RunAsync(["train", "--env", "CartPole-v1", "--epochs", "2", "--set", "steps_per_epoch=128", "--set", "hidden_sizes=8", "--out", "run", .. extra]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
    }

    [Fact]
    public async Task It_evaluates_the_policy_the_run_ended_with_and_writes_one_row_per_episode()
    {
        await Train("--seed", "3");

        var result = await _workspace.RunAsync("eval", "run", "--episodes", "4");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        // the same evaluation in-process, from a trainer that ran the same two epochs
        var trainer = new Trainer(Presets.SpinningUp with { StepsPerEpoch = 128, HiddenSizes = [8] }, "CartPole-v1", 3);
        trainer.RunEpoch();
        trainer.RunEpoch();
        var expected = trainer.Evaluate(EvalCommand.DefaultSeed, 4);

        var lines = _workspace.ReadFile("run/eval.csv").TrimEnd('\n').Split('\n');
        Assert.Equal("episode,return,length,terminated", lines[0]);
        Assert.Equal(5, lines.Length);
        for (int k = 0; k < 4; k++)
        {
            var fields = lines[k + 1].Split(',');
            Assert.Equal((k + 1).ToString(CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(expected.Episodes[k].Return, double.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Episodes[k].Length, int.Parse(fields[2], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Episodes[k].Terminated ? "1" : "0", fields[3]);
        }

        using var json = JsonDocument.Parse(_workspace.ReadFile("run/eval.json"));
        var root = json.RootElement;
        Assert.Equal("deterministic", root.GetProperty("actions").GetString());
        Assert.Equal((2, 2, 4, 256L), (root.GetProperty("epoch").GetInt32(), root.GetProperty("epochs").GetInt32(), root.GetProperty("episodes").GetInt32(), root.GetProperty("env_steps").GetInt64()));
        Assert.Equal(EvalCommand.DefaultSeed, root.GetProperty("eval_seed").GetUInt64());
        Assert.Equal(3UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(expected.Returns.Mean, root.GetProperty("return_mean").GetDouble());
        Assert.Equal(expected.Returns.Std, root.GetProperty("return_std").GetDouble());
        Assert.Equal([EvalCommand.Describe("CartPole-v1", 2, 2, expected)], result.Out.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("eval CartPole-v1 after epoch 2 of 2: return ", result.Out);
    }

    [Fact]
    public async Task Stochastic_evaluation_samples_the_actions_into_its_own_files_and_leaves_the_deterministic_ones_alone()
    {
        await Train("--seed", "3");
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("eval", "run", "--episodes", "4")).ExitCode);
        var deterministic = (_workspace.ReadFile("run/eval.csv"), _workspace.ReadFile("run/eval.json"));

        var result = await _workspace.RunAsync("eval", "run", "--episodes", "4", "--stochastic");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var trainer = new Trainer(Presets.SpinningUp with { StepsPerEpoch = 128, HiddenSizes = [8] }, "CartPole-v1", 3);
        trainer.RunEpoch();
        trainer.RunEpoch();
        var expected = trainer.Evaluate(EvalCommand.DefaultSeed, 4, stochastic: true);
        Assert.NotEqual(trainer.Evaluate(EvalCommand.DefaultSeed, 4).Episodes, expected.Episodes);
        Assert.Equal([EvalCommand.Describe("CartPole-v1", 2, 2, expected)], result.Out.TrimEnd('\n').Split('\n'));
        Assert.Contains(" episodes of sampled actions from reset seed 1000000", result.Out);
        var rows = _workspace.ReadFile("run/eval_stochastic.csv").TrimEnd('\n').Split('\n')[1..];
        Assert.Equal(expected.Episodes.Select(e => e.Length.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Split(',')[2]));
        using var json = JsonDocument.Parse(_workspace.ReadFile("run/eval_stochastic.json"));
        Assert.Equal("stochastic", json.RootElement.GetProperty("actions").GetString());
        Assert.Equal(expected.Returns.Mean, json.RootElement.GetProperty("return_mean").GetDouble());
        Assert.Equal(deterministic, (_workspace.ReadFile("run/eval.csv"), _workspace.ReadFile("run/eval.json")));

        var refused = await _workspace.RunAsync("eval", "run", "--episodes", "4", "--stochastic");
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal(["error: run folder 'run' already has eval_stochastic.csv or eval_stochastic.json; pass --force to evaluate again and overwrite them"], refused.ErrorLines);
    }

    [Fact]
    public async Task Evaluating_again_needs_force_and_gives_the_same_bytes()
    {
        await Train();
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("eval", "run", "--episodes", "3")).ExitCode);
        var csv = _workspace.ReadFile("run/eval.csv");
        var json = _workspace.ReadFile("run/eval.json");

        var refused = await _workspace.RunAsync("eval", "run", "--episodes", "3");
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);

        var again = await _workspace.RunAsync("eval", "run", "--episodes", "3", "--force");
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal(csv, _workspace.ReadFile("run/eval.csv"));
        Assert.Equal(json, _workspace.ReadFile("run/eval.json"));
    }

    [Fact]
    public async Task The_seed_option_sets_the_first_reset_and_is_recorded()
    {
        await Train();

        var result = await _workspace.RunAsync("eval", "run", "--episodes", "2", "--seed", "17");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(_workspace.ReadFile("run/eval.json"));
        Assert.Equal(17UL, json.RootElement.GetProperty("eval_seed").GetUInt64());
        Assert.Contains("from reset seed 17;", result.Out);
    }

    [Fact]
    public async Task An_interrupted_run_is_evaluated_at_its_newest_checkpoint_and_the_run_can_still_resume()
    {
        await Train();
        var progress = _workspace.ReadFile("run/progress.csv");
        File.Delete(_workspace.PathOf("run/checkpoint/epoch-000002.ckpt"));

        var result = await _workspace.RunAsync("eval", "run", "--episodes", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("eval CartPole-v1 after epoch 1 of 2:", result.Out);
        Assert.Equal(progress, _workspace.ReadFile("run/progress.csv"));
        var resumed = await _workspace.RunAsync("resume", "run");
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Error);
        Assert.Equal(progress.Split('\n').Length, _workspace.ReadFile("run/progress.csv").Split('\n').Length);
    }

    [Fact]
    public async Task A_normalising_continuous_run_is_evaluated_with_its_statistics()
    {
        var result = await _workspace.RunAsync("train", "--env", "MountainCarContinuous-v0", "--preset", "zoo", "--epochs", "1",
            "--set", "steps_per_epoch=256", "--set", "hidden_sizes=8", "--out", "mcc");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);

        var eval = await _workspace.RunAsync("eval", "mcc", "--episodes", "1");

        Assert.True(eval.ExitCode == ExitCodes.Ok, eval.Error);
        Assert.StartsWith("eval MountainCarContinuous-v0 after epoch 1 of 1:", eval.Out);
    }

    private const string Experiment = """
        { "name": "ev", "environments": ["CartPole-v1"], "seeds": [0, 1, 2], "overrides": {"steps_per_epoch": 64, "hidden_sizes": [4]}, "budget": { "epochs": 1 } }
        """;

    [Fact]
    public async Task A_batch_folder_evaluates_every_completed_run_once_and_aggregate_summarises_them()
    {
        _workspace.WriteFile("e.json", Experiment);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("batch", "e.json", "--parallel", "1")).ExitCode);

        var result = await _workspace.RunAsync("eval", "runs/ev", "--episodes", "2");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("evaluating 3 runs: 2 episodes of deterministic actions each", lines[0]);
        Assert.Equal(3, lines.Count(l => l.StartsWith("CartPole-v1__seed", StringComparison.Ordinal) && l.Contains(": eval CartPole-v1 after epoch 1 of 1: ")));
        Assert.Equal("batch 'ev': 3 runs evaluated, 0 already evaluated (kept; --force evaluates them again), 0 could not be evaluated, 0 not completed", lines[^1]);
        foreach (var seed in new[] { 0, 1, 2 })
            Assert.True(File.Exists(_workspace.PathOf($"runs/ev/CartPole-v1__seed{seed}/eval.json")));
        var evaluation = _workspace.ReadFile("runs/ev/CartPole-v1__seed1/eval.json");

        var again = await _workspace.RunAsync("eval", "runs/ev", "--episodes", "2");
        Assert.Equal(["batch 'ev': 0 runs evaluated, 3 already evaluated (kept; --force evaluates them again), 0 could not be evaluated, 0 not completed"], again.Out.TrimEnd('\n').Split('\n'));
        Assert.Equal(evaluation, _workspace.ReadFile("runs/ev/CartPole-v1__seed1/eval.json"));

        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("aggregate", "runs/ev")).ExitCode);
        var final = _workspace.ReadFile("runs/ev/final.csv").TrimEnd('\n').Split('\n');
        var header = final[0].Split(',');
        Assert.Equal("3", final[1].Split(',')[Array.IndexOf(header, "eval_seeds")]);
    }

    [Fact]
    public async Task A_stochastic_evaluation_of_a_batch_writes_its_own_files_and_aggregation_keeps_reading_the_deterministic_ones()
    {
        _workspace.WriteFile("e.json", Experiment);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("batch", "e.json", "--parallel", "1")).ExitCode);

        var result = await _workspace.RunAsync("eval", "runs/ev", "--episodes", "2", "--stochastic");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal("evaluating 3 runs: 2 episodes of sampled actions each", result.Out.Split('\n')[0]);
        foreach (var seed in new[] { 0, 1, 2 })
        {
            Assert.True(File.Exists(_workspace.PathOf($"runs/ev/CartPole-v1__seed{seed}/eval_stochastic.json")));
            Assert.False(File.Exists(_workspace.PathOf($"runs/ev/CartPole-v1__seed{seed}/eval.json")));
        }
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("aggregate", "runs/ev")).ExitCode);
        var final = _workspace.ReadFile("runs/ev/final.csv").TrimEnd('\n').Split('\n');
        Assert.Equal("0", final[1].Split(',')[Array.IndexOf(final[0].Split(','), "eval_seeds")]); // no deterministic evaluation yet
    }

    [Fact]
    public async Task A_partial_batch_evaluates_what_completed_and_exits_4_naming_what_did_not()
    {
        _workspace.WriteFile("e.json", Experiment);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("batch", "e.json", "--shard", "1/2")).ExitCode);

        var result = await _workspace.RunAsync("eval", "runs/ev", "--episodes", "1");

        Assert.Equal(ExitCodes.RunsFailed, result.ExitCode);
        Assert.EndsWith("batch 'ev': 2 runs evaluated, 0 already evaluated (kept; --force evaluates them again), 0 could not be evaluated, 1 not completed\n", result.Out);
        Assert.Equal(["error: 1 of 3 planned runs of batch 'ev' are not completed and were not evaluated; finish them with trpo batch first"], result.ErrorLines);
    }
}
