using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Aggregation;

/// <summary>
/// <c>trpo aggregate</c> over batches of <see cref="SeededFakeEngine"/> runs, whose returns are
/// 10·seed + epoch·lam (epoch 2: no episode), so every statistic can be worked out by hand.
/// Seeds 0, 1, 3 deviate from their mean 4/3 by −4/3, −1/3, 5/3 tens: Σ d² = 4200/9, s² = 700/3.
/// </summary>
public sealed class AggregateCommandTests : IDisposable
{
    private const string Experiment = """
        { "name": "agg", "environments": ["CartPole-v1"], "seeds": [3, 0, 1], "grid": {"lam": [1, 0.5]},
          "overrides": {"steps_per_epoch": 100}, "budget": { "epochs": 4 } }
        """;

    private static readonly double SeedStd = Math.Sqrt(700.0 / 3);
    private readonly Workspace _workspace = new();

    public AggregateCommandTests() => new SeededFakeEngine().Install(_workspace);

    public void Dispose() => _workspace.Dispose();

    private async Task<CliResult> BatchThenAggregate(params string[] aggregateArgs)
    {
        _workspace.WriteFile("e.json", Experiment);
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("batch", "e.json", "--parallel", "2")).ExitCode);
        return await _workspace.RunAsync(["aggregate", "runs/agg", .. aggregateArgs]);
    }

    private IReadOnlyList<Dictionary<string, string>> Rows(string file)
    {
        var lines = _workspace.ReadFile(file).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static double D(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Aggregate_csv_has_per_configuration_and_epoch_statistics_over_seeds()
    {
        var result = await BatchThenAggregate();

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = Rows("runs/agg/aggregate.csv");
        Assert.Equal("configuration,env,lam,epoch,env_steps,seeds,return_mean,return_std,return_se,return_min,return_max",
            _workspace.ReadFile("runs/agg/aggregate.csv").Split('\n')[0]);
        Assert.Equal(2 * 4, rows.Count);
        var row = rows.Single(r => r["lam"] == "0.5" && r["epoch"] == "3");
        Assert.Equal(("CartPole-v1__lam0.5", "CartPole-v1", "300", "3"), (row["configuration"], row["env"], row["env_steps"], row["seeds"]));
        Assert.Equal(1.5 + 40.0 / 3, D(row["return_mean"]), 12); // (1.5 + 11.5 + 31.5) / 3
        Assert.Equal(SeedStd, D(row["return_std"]), 12);
        Assert.Equal(SeedStd / Math.Sqrt(3), D(row["return_se"]), 12);
        Assert.Equal((1.5, 31.5), (D(row["return_min"]), D(row["return_max"])));
        Assert.Equal("CartPole-v1__lam1,CartPole-v1,1,2,200,0,NaN,NaN,NaN,NaN,NaN",
            _workspace.ReadFile("runs/agg/aggregate.csv").Split('\n').Single(l => l.StartsWith("CartPole-v1__lam1,CartPole-v1,1,2,", StringComparison.Ordinal)));
        Assert.Equal(["CartPole-v1__lam0.5", "CartPole-v1__lam1"], rows.Select(r => r["configuration"]).Distinct());
    }

    [Fact]
    public async Task Final_csv_averages_the_last_k_epochs_per_seed_with_a_bootstrap_interval()
    {
        var result = await BatchThenAggregate("--final-epochs", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lam1 = Rows("runs/agg/final.csv").Single(r => r["lam"] == "1");
        // per seed: 10 s + (3 + 4) / 2 = 10 s + 3.5
        Assert.Equal("0:3.5 1:13.5 3:33.5", lam1["final_by_seed"]);
        Assert.Equal(("3", "3", "2"), (lam1["planned_seeds"], lam1["seeds"], lam1["final_epochs"]));
        Assert.Equal(3.5 + 40.0 / 3, D(lam1["final_mean"]), 12);
        Assert.Equal(SeedStd, D(lam1["final_std"]), 12);
        Assert.Equal(SeedStd / Math.Sqrt(3), D(lam1["final_se"]), 12);
        Assert.Equal((3.5, 33.5), (D(lam1["final_min"]), D(lam1["final_max"])));
        Assert.InRange(D(lam1["ci95_low"]), 3.5, D(lam1["final_mean"]));
        Assert.InRange(D(lam1["ci95_high"]), D(lam1["final_mean"]), 33.5);
        Assert.Contains("CartPole-v1__lam1", result.Out);
    }

    [Fact]
    public async Task The_default_final_window_is_the_last_tenth_of_training_skipping_epochs_without_episodes()
    {
        await BatchThenAggregate();

        var lam05 = Rows("runs/agg/final.csv").Single(r => r["lam"] == "0.5");
        Assert.Equal("1", lam05["final_epochs"]); // ceil(4 / 10)
        Assert.Equal("0:2 1:12 3:32", lam05["final_by_seed"]); // epoch 4: 10 s + 4 * 0.5
    }

    [Fact]
    public async Task Final_csv_summarises_the_deterministic_evaluations_of_the_runs_that_have_one()
    {
        await BatchThenAggregate();
        var none = Rows("runs/agg/final.csv").Single(r => r["lam"] == "1");
        Assert.Equal(("0", "NaN", "NaN", ""), (none["eval_seeds"], none["eval_mean"], none["eval_std"], none["eval_by_seed"]));

        // eval.json as trpo eval writes it (only return_mean, episodes and eval_seed are read): seeds 0 and 3 of lam 0.5
        _workspace.WriteFile("runs/agg/CartPole-v1__lam0.5__seed0/eval.json", """{ "episodes": 100, "eval_seed": 1000000, "return_mean": 480 }""");
        _workspace.WriteFile("runs/agg/CartPole-v1__lam0.5__seed3/eval.json", """{ "episodes": 100, "eval_seed": 1000000, "return_mean": 500 }""");
        Assert.Equal(ExitCodes.Ok, (await _workspace.RunAsync("aggregate", "runs/agg")).ExitCode);

        var lam05 = Rows("runs/agg/final.csv").Single(r => r["lam"] == "0.5");
        Assert.Equal(("2", "0:480 3:500"), (lam05["eval_seeds"], lam05["eval_by_seed"]));
        Assert.Equal(490.0, D(lam05["eval_mean"]));
        Assert.Equal(Math.Sqrt(200.0), D(lam05["eval_std"]), 12);
        Assert.Equal("0:2 1:12 3:32", lam05["final_by_seed"]); // the training measure is unchanged
    }

    [Fact]
    public async Task Aggregating_twice_gives_the_same_bytes()
    {
        await BatchThenAggregate();
        var first = (_workspace.ReadFile("runs/agg/aggregate.csv"), _workspace.ReadFile("runs/agg/final.csv"));

        await _workspace.RunAsync("aggregate", "runs/agg");

        Assert.Equal(first, (_workspace.ReadFile("runs/agg/aggregate.csv"), _workspace.ReadFile("runs/agg/final.csv")));
    }

    [Fact]
    public async Task A_partial_batch_aggregates_what_completed_and_exits_3_naming_the_rest()
    {
        _workspace.WriteFile("e.json", Experiment);
        await _workspace.RunAsync("batch", "e.json", "--shard", "1/2");

        var result = await _workspace.RunAsync("aggregate", "runs/agg");

        Assert.Equal(ExitCodes.RunsFailed, result.ExitCode);
        Assert.Equal(["error: 3 of 6 planned runs are not completed (3 missing: CartPole-v1__lam0.5__seed1, CartPole-v1__lam1__seed0, CartPole-v1__lam1__seed3); the statistics cover the completed ones"],
            result.ErrorLines);
        Assert.Equal("0:2 3:32", Rows("runs/agg/final.csv").Single(r => r["lam"] == "0.5")["final_by_seed"]);
    }

    [Fact]
    public async Task Aggregate_rejects_a_folder_without_a_manifest_and_folders_of_different_batches()
    {
        Directory.CreateDirectory(_workspace.PathOf("empty"));
        Assertions.RejectedWith(await _workspace.RunAsync("aggregate", "empty"),
            "error: 'empty' is not a batch folder: it has no batch.json (run 'trpo batch FILE --out empty' first)");
        Assertions.RejectedWith(await _workspace.RunAsync("aggregate", "nowhere"), "error: batch folder 'nowhere' not found");

        _workspace.WriteFile("e.json", Experiment);
        _workspace.WriteFile("other.json", Experiment.Replace("\"agg\"", "\"other\""));
        await _workspace.RunAsync("batch", "e.json");
        await _workspace.RunAsync("batch", "other.json");
        Assertions.RejectedWith(await _workspace.RunAsync("aggregate", "runs/agg", "runs/other", "--out", "m"),
            "error: batch folders 'runs/agg' and 'runs/other' hold different batches (their batch.json differ); merge only shards of one batch");
        Assertions.RejectedWith(await _workspace.RunAsync("aggregate", "runs/agg", "runs/other"),
            "error: merging several batch folders needs --out DIR for the aggregated files");
    }
}
