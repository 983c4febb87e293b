using Trpo.Cli.Reproduction;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.Reproduction;

/// <summary><c>trpo reproduce SUITE --quick</c> end to end against the real engine (the suites' tiny quick budgets).</summary>
public sealed class ReproduceCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Reproduce_quick_runs_the_classic_control_suite_aggregates_it_and_writes_results_beside_the_published_numbers()
    {
        var result = await _workspace.RunAsync("reproduce", "classic-control", "--quick", "--parallel", "2");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        var folder = "runs/suites/classic-control-quick";
        foreach (var file in new[] { "batch.json", "aggregate.csv", "final.csv", "results.md" })
            Assert.True(File.Exists(_workspace.PathOf($"{folder}/{file}")), file);
        var results = _workspace.ReadFile($"{folder}/results.md");
        Assert.StartsWith("# Reproduction: classic-control (quick smoke-test budget)\n", results);
        var experiment = Suites.Load("classic-control", _workspace.Root);
        var tableRows = results.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(experiment.Environments.Select(e => e.Id), tableRows.Select(r => r.Split(" | ")[0].TrimStart('|', ' ')));
        Assert.Contains("| CartPole-v1 | 1024 | 2 of 2 | ", results);
        Assert.Contains(" | 500.0 ± 0.0 (100k steps) |", results);
        Assert.Contains("Henderson et al.", results);
        Assert.Contains("deterministic policy", results);
        Assert.Contains("10 runs trained by this invocation, 0 already finished", results);
        // every run evaluated with trpo eval's defaults, summarised beside the training measure
        Assert.Contains("evaluating 10 runs: 100 episodes of deterministic actions each", result.Out);
        Assert.Contains("| Ours: deterministic evaluation, mean ± std | Published (mean ± std) |", results);
        Assert.Contains("**Ours, deterministic evaluation.**", results);
        var runFolders = Directory.GetDirectories(_workspace.PathOf(folder));
        Assert.Equal(10, runFolders.Length);
        Assert.All(runFolders, run => Assert.True(File.Exists(Path.Combine(run, "eval.json")), run));
        var finals = _workspace.ReadFile($"{folder}/final.csv").TrimEnd('\n').Split('\n');
        int evalSeeds = Array.IndexOf(finals[0].Split(','), "eval_seeds");
        Assert.All(finals.Skip(1), row => Assert.Equal("2", row.Split(',')[evalSeeds]));
        var evaluation = File.ReadAllText(Path.Combine(runFolders[0], "eval.json"));
        foreach (var env in experiment.Environments.Select(e => e.Id))
        {
            Assert.Contains($"![{env}: episode return per configuration (mean ± sample std over seeds)](learning_curves_{env}.svg)", results);
            Assert.Contains("published ", _workspace.ReadFile($"{folder}/learning_curves_{env}.svg"));
        }
        var index = _workspace.ReadFile($"{folder}/index.html");
        Assert.Contains("<img src=\"learning_curves_CartPole-v1.svg\"", index);
        Assert.Contains("beside the published ones", index);

        var again = await _workspace.RunAsync("reproduce", "classic-control", "--quick");
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains($"0 runs trained by this invocation, {tableRows.Count * 2} already finished", _workspace.ReadFile($"{folder}/results.md"));
        Assert.DoesNotContain("evaluating", again.Out); // evaluations are kept, not repeated
        Assert.Equal(evaluation, File.ReadAllText(Path.Combine(runFolders[0], "eval.json")));
    }

    [Fact]
    public async Task Reproduce_quick_of_the_lambda_study_reports_final_return_per_lambda()
    {
        var result = await _workspace.RunAsync("reproduce", "gae-lambda", "--quick", "--out", "lam");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        var results = _workspace.ReadFile("lam/results.md");
        Assert.Contains("| Environment | lam | Env steps | Seeds | Ours: final return, mean ± std | 95% bootstrap CI | Ours: deterministic evaluation, mean ± std |\n", results);
        foreach (var lam in new[] { "0", "0.5", "0.9", "0.95", "0.97", "0.99", "1" })
            Assert.Contains($"| CartPole-v1 | {lam} | 512 | 2 of 2 | ", results);
        var finalRows = _workspace.ReadFile("lam/final.csv").TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 7, finalRows.Length);
        Assert.Contains("](sweep_lam.svg)", results);
        Assert.Contains(">final return against lam<", _workspace.ReadFile("lam/sweep_lam.svg"));
    }

    [Fact]
    public async Task An_unknown_suite_is_bad_input_naming_the_known_ones()
        => Assertions.RejectedWith(await _workspace.RunAsync("reproduce", "atari"),
            "error: unknown suite 'atari'; known: classic-control, gae-lambda (or the path of an experiment file)");

    [Fact]
    public void The_classic_control_suite_is_the_zoo_trpo_rows_of_the_five_tasks_with_gsde_where_the_zoo_sets_it_five_seeds_at_the_zoo_budgets()
    {
        var plan = Trpo.Cli.Batch.BatchPlan.Expand(Suites.Load("classic-control", _workspace.Root));

        Assert.Equal(ZooPreset.Environments, plan.Runs.Select(r => r.Settings.EnvironmentId).Distinct());
        string[] withSde = ["MountainCarContinuous-v0", "Pendulum-v1"]; // hyperparams/trpo.yml: use_sde True, sde_sample_freq 4
        foreach (var env in ZooPreset.Environments)
        {
            var runs = plan.Runs.Where(r => r.Settings.EnvironmentId == env).ToList();
            var zoo = ZooPreset.For(env)!;
            var expected = withSde.Contains(env) ? zoo.Options with { UseSde = true, SdeSampleFreq = 4 } : zoo.Options;
            Assert.Equal([0UL, 1, 2, 3, 4], runs.Select(r => r.Settings.Seed));
            Assert.All(runs, r => Assert.Equal(ZooPreset.Name, r.Settings.Preset));
            Assert.All(runs, r => Assert.Equal(zoo.Epochs(), r.Settings.Epochs));
            Assert.All(runs, r => Assert.Equal(expected.HiddenSizes, r.Settings.Options.HiddenSizes));
            Assert.All(runs, r => Assert.Equal(expected with { HiddenSizes = r.Settings.Options.HiddenSizes }, r.Settings.Options)); // arrays compare by reference
        }
        Assert.Equal(13, plan.Runs.First(r => r.Settings.EnvironmentId == "MountainCarContinuous-v0").Settings.Epochs); // 50,000 steps / 4096
    }

    [Fact]
    public void Every_built_in_suite_parses_expands_and_has_a_quick_section()
    {
        Assert.Equal(["classic-control", "gae-lambda"], Suites.Names);
        foreach (var name in Suites.Names)
        {
            var experiment = Suites.Load(name, _workspace.Root);
            Assert.NotNull(experiment.Quick);
            Assert.Equal([0UL, 1, 2, 3, 4], experiment.Seeds);
            Assert.NotEmpty(Trpo.Cli.Batch.BatchPlan.Expand(experiment).Runs);
            Assert.NotEmpty(Trpo.Cli.Batch.BatchPlan.Expand(experiment, quick: true).Runs);
        }
    }
}
