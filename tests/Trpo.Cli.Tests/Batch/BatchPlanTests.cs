using System.Text;
using Trpo.Cli.Batch;

namespace Trpo.Cli.Tests.Batch;

/// <summary>Expansion of experiment files into runs: names, canonical order, layering, shards.</summary>
public sealed class BatchPlanTests
{
    private static BatchPlan Plan(string json, bool quick = false)
        => BatchPlan.Expand(ExperimentParser.Parse(ExperimentDocument.ParseJson("e.json", Encoding.UTF8.GetBytes(json)), "e.json"), quick);

    private const string Sweep = """
        {
          "name": "sweep",
          "environments": ["Pendulum-v1", "CartPole-v1"],
          "seeds": [3, 0],
          "grid": { "lam": [1.0, 0.9], "delta": [0.02, 0.005] },
          "budget": { "epochs": 4 }
        }
        """;

    [Fact]
    public void A_grid_expands_into_environments_times_values_times_seeds_with_readable_names_in_canonical_order()
    {
        var plan = Plan(Sweep);

        Assert.Equal(2 * 2 * 2 * 2, plan.Runs.Count);
        Assert.Equal(
            [
                "CartPole-v1__delta0.005_lam0.9__seed0", "CartPole-v1__delta0.005_lam0.9__seed3",
                "CartPole-v1__delta0.005_lam1__seed0", "CartPole-v1__delta0.005_lam1__seed3",
                "CartPole-v1__delta0.02_lam0.9__seed0", "CartPole-v1__delta0.02_lam0.9__seed3",
                "CartPole-v1__delta0.02_lam1__seed0", "CartPole-v1__delta0.02_lam1__seed3",
            ],
            plan.Runs.Take(8).Select(r => r.Name));
        Assert.All(plan.Runs.Skip(8), r => Assert.StartsWith("Pendulum-v1__", r.Name));
        Assert.Equal(Enumerable.Range(0, 16), plan.Runs.Select(r => r.Index));
        Assert.Equal("CartPole-v1__delta0.02_lam0.9", plan.Runs[4].Configuration);
        Assert.Equal(["delta", "lam"], plan.SweptKeys);
    }

    [Fact]
    public void Names_and_order_do_not_depend_on_how_the_file_orders_or_spells_things()
    {
        const string reordered = """
            {
              "budget": { "epochs": 4 },
              "grid": { "DELTA": [0.005, 2e-2], "lam": ["0.90", 1] },
              "seeds": [0, 3],
              "environments": ["CartPole-v1", "Pendulum-v1"],
              "name": "sweep"
            }
            """;

        Assert.Equal(Plan(Sweep).Runs.Select(r => r.Name), Plan(reordered).Runs.Select(r => r.Name));
        Assert.Equal(BatchManifest.Of(Plan(Sweep)).Render(), BatchManifest.Of(Plan(reordered)).Render());
    }

    [Fact]
    public void An_empty_grid_object_sweeps_nothing_and_plans_what_no_grid_plans()
    {
        const string noGrid = """{ "name": "g", "environments": ["CartPole-v1"], "seeds": [0, 1], "budget": { "epochs": 2 } }""";
        const string emptyGrid = """{ "name": "g", "environments": ["CartPole-v1"], "seeds": [0, 1], "grid": {}, "budget": { "epochs": 2 } }""";

        Assert.Equal(["CartPole-v1__seed0", "CartPole-v1__seed1"], Plan(emptyGrid).Runs.Select(r => r.Name));
        Assert.Empty(Plan(emptyGrid).SweptKeys);
        Assert.Equal(BatchManifest.Of(Plan(noGrid)).Render(), BatchManifest.Of(Plan(emptyGrid)).Render());
    }

    [Fact]
    public void A_yaml_experiment_file_gives_the_same_plan_as_its_json_twin()
    {
        const string yaml = """
            name: sweep
            environments: [Pendulum-v1, CartPole-v1]
            seeds:
              - 3
              - 0
            grid:
              lam: [1.0, 0.9]
              delta: [0.02, 0.005]
            budget: {epochs: 4}
            """;

        var fromYaml = BatchPlan.Expand(ExperimentParser.Parse(ExperimentDocument.ParseYaml("e.yaml", yaml), "e.yaml"));

        Assert.Equal(BatchManifest.Of(Plan(Sweep)).Render(), BatchManifest.Of(fromYaml).Render());
    }

    [Fact]
    public void Each_run_gets_the_layered_settings_grid_over_environment_over_experiment_over_preset()
    {
        var plan = Plan("""
            {
              "name": "layers", "preset": "sb3",
              "overrides": { "gamma": 0.9, "lam": 0.5, "hidden_sizes": "16,16" },
              "environments": [{ "id": "CartPole-v1", "overrides": { "gamma": 0.95 }, "budget": { "env_steps": 5000 } }, "Pendulum-v1"],
              "seeds": [7],
              "grid": { "lam": [0.8] },
              "budget": { "epochs": 3 }
            }
            """);

        var cartPole = plan.Runs.Single(r => r.EnvironmentId == "CartPole-v1").Settings;
        var pendulum = plan.Runs.Single(r => r.EnvironmentId == "Pendulum-v1").Settings;
        Assert.Equal(("sb3", 7UL, 0.95, 0.8), (cartPole.Preset, cartPole.Seed, cartPole.Options.Gamma, cartPole.Options.Lam));
        Assert.Equal([16, 16], cartPole.Options.HiddenSizes);
        Assert.Equal(0.9, pendulum.Options.Gamma);
        Assert.Equal(15, cartPole.Options.CgIters); // sb3's, untouched
        Assert.Equal(3, cartPole.Epochs); // ceil(5000 / 2048)
        Assert.Equal(3, pendulum.Epochs);
    }

    [Fact]
    public void An_env_steps_budget_rounds_up_to_whole_epochs()
    {
        var plan = Plan("""{ "name": "b", "environments": ["CartPole-v1"], "seeds": [0], "overrides": {"steps_per_epoch": 1024}, "budget": { "env_steps": 100000 } }""");
        Assert.Equal(98, plan.Runs[0].Settings.Epochs);
    }

    [Fact]
    public void List_values_name_runs_with_dashes_and_without_brackets()
    {
        var plan = Plan("""{ "name": "b", "environments": ["CartPole-v1"], "seeds": [0], "grid": {"hidden_sizes": [[32, 32], "8"], "init": ["orthogonal"]}, "budget": { "epochs": 1 } }""");
        Assert.Equal(["CartPole-v1__hidden_sizes32-32_initorthogonal__seed0", "CartPole-v1__hidden_sizes8_initorthogonal__seed0"], plan.Runs.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(plan.Runs, r => Assert.Matches("^[A-Za-z0-9._+-]+$", r.Name));
    }

    [Fact]
    public void LQR_system_keys_set_in_overrides_and_swept_in_the_grid_reach_each_runs_system()
    {
        var plan = Plan("""
            {
              "name": "lqr", "environments": ["LQR-v0"], "seeds": [0],
              "overrides": { "steps_per_epoch": 400, "lqr_a": [[1, 0.05], [0, 1]], "lqr_start_high": [0.5, 0.25] },
              "grid": { "lqr_horizon": [100, 50], "lqr_r": ["1", [[0.1]]] },
              "budget": { "epochs": 1 }
            }
            """);

        Assert.Equal(["LQR-v0__lqr_horizon50_lqr_r0.1__seed0", "LQR-v0__lqr_horizon50_lqr_r1__seed0",
            "LQR-v0__lqr_horizon100_lqr_r0.1__seed0", "LQR-v0__lqr_horizon100_lqr_r1__seed0"], plan.Runs.Select(r => r.Name));
        var first = plan.Runs[0];
        Assert.Equal([("lqr_horizon", "50"), ("lqr_r", "[[0.1]]")], first.Values.Select(v => (v.Key, v.Value.Canonical)));
        var system = first.Settings.Lqr!;
        Assert.Equal((50, 0.1), (system.Horizon, system.R[0, 0]));
        Assert.Equal(new double[,] { { 1, 0.05 }, { 0, 1 } }, system.A);
        Assert.Equal([0.5, 0.25], system.StartHigh);
        Assert.Equal(1.0, plan.Runs[1].Settings.Lqr!.R[0, 0]);
        Assert.Equal(100, plan.Runs[3].Settings.Lqr!.Horizon);
    }

    [Fact]
    public void A_swept_matrix_names_its_runs_by_rows_and_keeps_its_exact_value()
    {
        var plan = Plan("""{ "name": "m", "environments": ["LQR-v0"], "seeds": [0], "grid": {"lqr_a": [[[1, 0.1], [0, 1]], "1,-0.05;0,1"]}, "budget": { "epochs": 1 } }""");

        Assert.Equal(["LQR-v0__lqr_a1--0.05_0-1__seed0", "LQR-v0__lqr_a1-0.1_0-1__seed0"], plan.Runs.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["[[1,-0.05],[0,1]]", "[[1,0.1],[0,1]]"], plan.Runs.Select(r => r.Values.Single().Value.Canonical).Order(StringComparer.Ordinal));
        Assert.Equal(-0.05, plan.Runs.Single(r => r.Name.Contains("--0.05")).Settings.Lqr!.A[0, 1]);
        Assert.All(plan.Runs, r => Assert.Matches("^[A-Za-z0-9._+-]+$", r.Name));
    }

    [Fact]
    public void The_quick_section_replaces_seeds_and_budget_and_overrides_everything_but_the_grid()
    {
        var plan = Plan("""
            {
              "name": "q", "environments": [{"id": "CartPole-v1", "overrides": {"steps_per_epoch": 4000}}],
              "seeds": [0, 1, 2, 3, 4], "grid": { "hidden_sizes": [[8]] }, "budget": { "epochs": 100 },
              "quick": { "seeds": [0], "overrides": { "steps_per_epoch": 64, "hidden_sizes": [2] }, "budget": { "epochs": 2 } }
            }
            """, quick: true);

        var run = Assert.Single(plan.Runs);
        Assert.Equal((64, 2), (run.Settings.Options.StepsPerEpoch, run.Settings.Epochs));
        Assert.Equal([8], run.Settings.Options.HiddenSizes);
        Assert.True(BatchManifest.Of(plan).Quick);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(40)]
    public void Every_run_is_in_exactly_one_shard_and_shards_are_balanced(int shards)
    {
        var runs = Plan(Sweep).Runs;

        var parts = Enumerable.Range(1, shards).Select(i => new ShardSpec(i, shards).Select(runs)).ToList();

        Assert.Equal(runs.Select(r => r.Name).Order(), parts.SelectMany(p => p).Select(r => r.Name).Order());
        Assert.True(parts.Max(p => p.Count) - parts.Min(p => p.Count) <= 1);
        Assert.Equal(runs.Where(r => r.Index % shards == 0), parts[0]);
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/5", 2, 5)]
    [InlineData(" 5 / 5 ", 5, 5)]
    public void A_shard_parses_as_one_based_i_of_n(string text, int index, int count)
        => Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("3/2")]
    [InlineData("0/2")]
    [InlineData("1/0")]
    [InlineData("-1/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void A_shard_outside_one_to_n_is_rejected(string text)
    {
        var error = Assert.Throws<Errors.UserError>(() => ShardSpec.Parse(text));
        Assert.Contains($"(got '{text}')", error.Message);
    }
}
