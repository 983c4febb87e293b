using System.Text.Json;
using Trpo.Cli.Batch;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Batch;

/// <summary><c>trpo batch</c> in-process: outputs, parallelism, resume, failures, listing and emitted jobs.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static readonly string[] RunFiles = ["config.json", "progress.csv", "summary.json", "learning_curve.svg", "diagnostics.svg", "index.html"];

    /// <summary>
    /// Every output file under <paramref name="folder"/>, with progress.csv's wall_seconds and summary.json's wall_seconds
    /// scrubbed. Checkpoints are not outputs (they record wall time and file lengths) and are left out.
    /// </summary>
    private Dictionary<string, string> ScrubbedFiles(string folder)
        => Directory.EnumerateFiles(_workspace.PathOf(folder), "*", SearchOption.AllDirectories)
            .Where(f => !RunFolderComparison.IsInCheckpointFolder(f))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(_workspace.PathOf(folder), f), f => Scrub(f));

    private static string Scrub(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetFileName(path) switch
        {
            "progress.csv" => string.Join("\n", text.Split('\n').Select(ProgressCsv.WithoutWallSeconds)),
            "summary.json" => System.Text.RegularExpressions.Regex.Replace(text, "\"wall_seconds\": [^\\n]*", "\"wall_seconds\": X"),
            _ => text,
        };
    }

    [Fact]
    public async Task Parallel_one_and_two_give_byte_identical_run_outputs_apart_from_wall_seconds()
    {
        _workspace.WriteFile("tiny.json", Experiments.Tiny);

        var one = await _workspace.RunAsync("batch", "tiny.json", "--parallel", "1", "--out", "p1");
        var two = await _workspace.RunAsync("batch", "tiny.json", "--parallel", "2", "--out", "p2");

        Assert.True(one.ExitCode == ExitCodes.Ok, one.Out + one.Error);
        Assert.True(two.ExitCode == ExitCodes.Ok, two.Out + two.Error);
        var a = ScrubbedFiles("p1");
        var b = ScrubbedFiles("p2");
        Assert.Equal(1 + 8 * RunFiles.Length, a.Count);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (file, text) in a)
            Assert.True(text == b[file], $"{file} differs between --parallel 1 and 2");
        Assert.Contains("CartPole-v1__lam0.9__seed0/progress.csv", a.Keys.Select(k => k.Replace('\\', '/')));
        Assert.Contains("batch 'tiny': 8 completed, 0 already finished, 0 failed, 0 interrupted, 0 not started", two.Out);
    }

    [Fact]
    public async Task A_batch_run_equals_trpo_train_of_the_same_configuration()
    {
        _workspace.WriteFile("tiny.json", Experiments.Tiny);
        await _workspace.RunAsync("batch", "tiny.json", "--parallel", "2");
        var batchRun = "runs/tiny/CartPole-v1__lam0.97__seed1";

        var train = await _workspace.RunAsync("train", "--config", $"{batchRun}/config.json", "--out", "single");

        Assert.True(train.ExitCode == ExitCodes.Ok, train.Error);
        Assert.Equal(ProgressCsv.Scrubbed(_workspace, $"{batchRun}/progress.csv"), ProgressCsv.Scrubbed(_workspace, "single/progress.csv"));
    }

    [Fact]
    public async Task An_experiment_can_name_the_tasks_beyond_gymnasium_and_each_run_equals_trpo_train()
    {
        _workspace.WriteFile("tasks.json", """
            { "name": "tasks", "overrides": { "steps_per_epoch": 64, "hidden_sizes": [4], "train_v_iters": 1 },
              "environments": ["Reacher2D-v0", "LQR-v0", "CartPoleSwingUp-v0"], "seeds": [0], "budget": { "epochs": 2 } }
            """);

        var batch = await _workspace.RunAsync("batch", "tasks.json");

        Assert.True(batch.ExitCode == ExitCodes.Ok, batch.Out + batch.Error);
        Assert.Contains("batch 'tasks': 3 completed, 0 already finished, 0 failed, 0 interrupted, 0 not started", batch.Out);
        foreach (var env in new[] { "CartPoleSwingUp-v0", "LQR-v0", "Reacher2D-v0" })
        {
            var run = $"runs/tasks/{env}__seed0";
            var train = await _workspace.RunAsync("train", "--config", $"{run}/config.json", "--out", env);
            Assert.True(train.ExitCode == ExitCodes.Ok, train.Error);
            Assert.Equal(ProgressCsv.Scrubbed(_workspace, $"{run}/progress.csv"), ProgressCsv.Scrubbed(_workspace, $"{env}/progress.csv"));
            Assert.Equal(Scrub(_workspace.PathOf($"{run}/summary.json")), Scrub(_workspace.PathOf($"{env}/summary.json")));
        }
        Assert.Contains("\"lqr_cost_gap\"", File.ReadAllText(_workspace.PathOf("runs/tasks/LQR-v0__seed0/summary.json")));
    }

    [Fact]
    public async Task A_sweep_over_LQR_systems_trains_each_system_as_trpo_train_with_its_keys_does()
    {
        _workspace.WriteFile("lqr.json", """
            { "name": "lqr", "overrides": { "steps_per_epoch": 64, "hidden_sizes": [4], "train_v_iters": 1, "lqr_r": [[0.5]] },
              "environments": ["LQR-v0"], "seeds": [0], "grid": { "lqr_horizon": [20, 40] }, "budget": { "epochs": 2 } }
            """);

        var batch = await _workspace.RunAsync("batch", "lqr.json");

        Assert.True(batch.ExitCode == ExitCodes.Ok, batch.Out + batch.Error);
        Assert.Contains("batch 'lqr': 2 completed", batch.Out);
        foreach (var horizon in new[] { 20, 40 })
        {
            var run = $"runs/lqr/LQR-v0__lqr_horizon{horizon}__seed0";
            var train = await _workspace.RunAsync("train", "--env", "LQR-v0", "--epochs", "2", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4",
                "--set", "train_v_iters=1", "--set", "lqr_r=0.5", "--set", $"lqr_horizon={horizon}", "--out", $"h{horizon}");
            Assert.True(train.ExitCode == ExitCodes.Ok, train.Error);
            Assert.Equal(ProgressCsv.Scrubbed(_workspace, $"h{horizon}/progress.csv"), ProgressCsv.Scrubbed(_workspace, $"{run}/progress.csv"));
            Assert.Contains($"\"lqr_horizon\": {horizon},", File.ReadAllText(_workspace.PathOf($"{run}/config.json")));
        }
        Assert.NotEqual(ProgressCsv.Scrubbed(_workspace, "h20/progress.csv"), ProgressCsv.Scrubbed(_workspace, "h40/progress.csv"));
    }

    [Fact]
    public async Task A_rerun_skips_finished_runs_resumes_unfinished_ones_from_their_checkpoint_and_restarts_those_without_one()
    {
        var engine = new SeededFakeEngine().Install(_workspace);
        _workspace.WriteFile("e.json", """{ "name": "r", "environments": ["CartPole-v1"], "seeds": [0, 1, 2], "budget": { "epochs": 3 } }""");
        var first = await _workspace.RunAsync("batch", "e.json", "--parallel", "2");
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(9, engine.EpochsRun);
        var complete = ProgressCsv.Scrubbed(_workspace, "runs/r/CartPole-v1__seed1/progress.csv");

        // seed 1 looks stopped after epoch 2: its summary says interrupted and its newest checkpoint is epoch 2's
        var seed1 = "runs/r/CartPole-v1__seed1";
        _workspace.WriteFile($"{seed1}/summary.json", _workspace.ReadFile($"{seed1}/summary.json").Replace("\"completed\"", "\"interrupted\""));
        File.Delete(_workspace.PathOf($"{seed1}/checkpoint/epoch-000003.ckpt"));
        // seed 2 looks stopped before its first checkpoint: config.json and a torn progress.csv only
        var seed2 = "runs/r/CartPole-v1__seed2";
        File.Delete(_workspace.PathOf($"{seed2}/summary.json"));
        Directory.Delete(_workspace.PathOf($"{seed2}/checkpoint"), recursive: true);
        _workspace.WriteFile($"{seed2}/progress.csv", "epoch,env_st");
        var seed0Before = File.GetLastWriteTimeUtc(_workspace.PathOf("runs/r/CartPole-v1__seed0/progress.csv"));

        var second = await _workspace.RunAsync("batch", "e.json", "--parallel", "2");

        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(9 + 1 + 3, engine.EpochsRun); // seed 1: epoch 3 only; seed 2: all three
        Assert.Contains("batch 'r': 2 completed, 1 already finished, 0 failed", second.Out);
        Assert.Contains("resumed   CartPole-v1__seed1  at epoch 2 of 3 (its last checkpoint)", second.Out);
        Assert.DoesNotContain("resumed   CartPole-v1__seed2", second.Out);
        Assert.Contains("\"completed\"", _workspace.ReadFile($"{seed1}/summary.json"));
        Assert.Equal(complete, ProgressCsv.Scrubbed(_workspace, $"{seed1}/progress.csv"));
        Assert.Equal(4, _workspace.ReadFile($"{seed2}/progress.csv").TrimEnd('\n').Split('\n').Length);
        Assert.Equal(seed0Before, File.GetLastWriteTimeUtc(_workspace.PathOf("runs/r/CartPole-v1__seed0/progress.csv")));

        var third = await _workspace.RunAsync("batch", "e.json");
        Assert.Equal(13, engine.EpochsRun);
        Assert.Contains("0 completed, 3 already finished", third.Out);
    }

    [Fact]
    public async Task Batch_runs_draw_their_plots_once_when_they_end_not_every_five_epochs()
    {
        var curve = _workspace.PathOf("runs/p/CartPole-v1__seed0/learning_curve.svg");
        bool? plottedBeforeEpoch7 = null;
        new SeededFakeEngine { AfterEpoch = epoch => { if (epoch == 7) plottedBeforeEpoch7 = File.Exists(curve); } }.Install(_workspace);
        _workspace.WriteFile("e.json", """{ "name": "p", "environments": ["CartPole-v1"], "seeds": [0], "budget": { "epochs": 7 } }""");

        var result = await _workspace.RunAsync("batch", "e.json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.False(plottedBeforeEpoch7); // trpo train would have drawn them after epoch 5
        Assert.Contains("7 epochs, completed", File.ReadAllText(curve));
        Assert.Contains("<td>status</td><td>completed</td>", _workspace.ReadFile("runs/p/CartPole-v1__seed0/index.html"));
    }

    [Fact]
    public async Task A_failing_run_is_reported_the_others_finish_and_the_exit_code_is_3()
    {
        var engine = new SeededFakeEngine { FailSeed = 1 }.Install(_workspace);
        _workspace.WriteFile("e.json", """{ "name": "f", "environments": ["CartPole-v1", "Pendulum-v1"], "seeds": [0, 1, 2], "budget": { "epochs": 2 } }""");

        var result = await _workspace.RunAsync("batch", "e.json", "--parallel", "2");

        Assert.Equal(ExitCodes.RunsFailed, result.ExitCode);
        Assert.Contains("batch 'f': 4 completed, 0 already finished, 2 failed", result.Out);
        Assert.Contains("failed: CartPole-v1__seed1: training failed after 0 of 2 epochs: InvalidOperationException: boom at seed 1; run folder: ", result.Out);
        Assert.Equal(["error: 2 of 6 runs failed; the others ran (re-run the same command to retry the failed ones)"], result.ErrorLines);
        var failedSummary = JsonDocument.Parse(_workspace.ReadFile("runs/f/Pendulum-v1__seed1/summary.json")).RootElement;
        Assert.Equal("failed", failedSummary.GetProperty("status").GetString());
        Assert.Contains("\"completed\"", _workspace.ReadFile("runs/f/Pendulum-v1__seed2/summary.json"));
    }

    [Fact]
    public async Task A_run_folder_made_with_another_configuration_stops_the_batch_before_anything_runs()
    {
        var engine = new SeededFakeEngine().Install(_workspace);
        _workspace.WriteFile("e.json", """{ "name": "c", "environments": ["CartPole-v1"], "seeds": [0], "overrides": {"gamma": 0.9}, "budget": { "epochs": 1 } }""");
        await _workspace.RunAsync("batch", "e.json");
        _workspace.WriteFile("e.json", """{ "name": "c", "environments": ["CartPole-v1"], "seeds": [0], "overrides": {"gamma": 0.8}, "budget": { "epochs": 1 } }""");

        var result = await _workspace.RunAsync("batch", "e.json");

        Assertions.RejectedWith(result,
            $"error: run folder '{_workspace.PathOf("runs/c/CartPole-v1__seed0")}' holds a run made with another configuration (gamma 0.9 there, 0.8 in the experiment); restore the experiment file or pass --out DIR to start a new batch folder");
        Assert.Equal(1, engine.EpochsRun);
    }

    [Fact]
    public async Task Cancelling_stops_the_runs_after_their_current_epoch_and_exits_130_and_a_rerun_finishes()
    {
        using var cancel = new CancellationTokenSource();
        var engine = new SeededFakeEngine { AfterEpoch = _ => cancel.Cancel() }.Install(_workspace);
        _workspace.WriteFile("e.json", """{ "name": "i", "environments": ["CartPole-v1"], "seeds": [0, 1, 2, 3], "budget": { "epochs": 3 } }""");

        var stopped = await _workspace.RunAsync(cancel.Token, "batch", "e.json", "--parallel", "2");

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        Assert.Contains("batch 'i': 0 completed, 0 already finished, 0 failed", stopped.Out);
        Assert.InRange(engine.EpochsRun, 1, 2); // each started run stops after its first epoch
        // Which runs had started, and which of them finished an epoch before the cancel, depends on scheduling, so
        // the check is on the started runs together: all interrupted, at most one epoch each, and together exactly
        // the epochs the engine ran.
        var started = Enumerable.Range(0, 4)
            .Select(seed => $"runs/i/CartPole-v1__seed{seed}/summary.json")
            .Where(path => File.Exists(_workspace.PathOf(path)))
            .Select(path => JsonDocument.Parse(_workspace.ReadFile(path)).RootElement)
            .Select(summary => (Status: summary.GetProperty("status").GetString(), Epochs: summary.GetProperty("epochs_completed").GetInt32()))
            .ToArray();
        Assert.InRange(started.Length, 1, 2);
        Assert.All(started, run => Assert.Equal("interrupted", run.Status));
        Assert.All(started, run => Assert.InRange(run.Epochs, 0, 1));
        Assert.Equal(engine.EpochsRun, started.Sum(run => run.Epochs));

        var stoppedAt = engine.EpochsRun;
        var resumed = await _workspace.RunAsync("batch", "e.json", "--parallel", "2");
        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        Assert.Contains("4 completed, 0 already finished", resumed.Out);
        Assert.Equal(4 * 3, engine.EpochsRun - stoppedAt + started.Sum(run => run.Epochs)); // the checkpointed epochs are not run again
    }

    [Fact]
    public async Task List_prints_every_run_with_its_shard_and_runs_nothing()
    {
        _workspace.WriteFile("tiny.json", Experiments.Tiny);

        var result = await _workspace.RunAsync("batch", "tiny.json", "--list", "--shard", "2/3");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(
            [
                "2/3  CartPole-v1__lam0.9__seed1  (2 epochs of 128 steps)",
                "2/3  Pendulum-v1__lam0.9__seed0  (2 epochs of 128 steps)",
                "2/3  Pendulum-v1__lam0.97__seed1  (2 epochs of 128 steps)",
            ],
            result.Out.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(_workspace.PathOf("runs")));
    }

    [Fact]
    public async Task Emit_slurm_prints_a_job_array_with_one_task_per_shard()
    {
        _workspace.WriteFile("tiny.json", Experiments.Tiny);

        var result = await _workspace.RunAsync("batch", "tiny.json", "--emit", "slurm", "--shards", "4", "--out", "/shared/tiny", "--parallel", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("#!/bin/bash\n", result.Out);
        Assert.Contains("#SBATCH --array=1-4\n", result.Out);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", result.Out);
        Assert.Contains("exec \"${TRPO:-trpo}\" batch tiny.json --out /shared/tiny \\\n  --shard \"${SLURM_ARRAY_TASK_ID}/4\" --parallel \"${SLURM_CPUS_PER_TASK:-1}\"\n", result.Out);
        Assert.False(Directory.Exists(_workspace.PathOf("runs")));
    }

    [Fact]
    public async Task Emit_k8s_prints_an_indexed_job_with_one_completion_per_shard_defaulting_to_one_shard_per_run()
    {
        _workspace.WriteFile("my tiny.json", Experiments.Tiny);

        var result = await _workspace.RunAsync("batch", "my tiny.json", "--emit", "k8s", "--image", "registry/trpo:0.1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var line in new[]
                 {
                     "kind: Job\n", "  name: trpo-tiny\n", "  completionMode: Indexed\n", "  completions: 8\n", "  parallelism: 8\n",
                     "          image: registry/trpo:0.1\n",
                     "              exec trpo batch 'my tiny.json' --out runs/tiny\n",
                     "              --shard \"$((JOB_COMPLETION_INDEX + 1))/8\" --parallel 1\n",
                     "              cpu: \"1\"\n",
                 })
            Assert.Contains(line, result.Out);
    }

    [Fact]
    public async Task The_emitted_slurm_script_is_valid_bash()
    {
        if (OperatingSystem.IsWindows())
            return; // no bash to ask
        _workspace.WriteFile("it's tiny.json", Experiments.Tiny);
        var result = await _workspace.RunAsync("batch", "it's tiny.json", "--emit", "slurm");
        var script = _workspace.WriteFile("job.sbatch", result.Out);

        var check = await Task.Run(() =>
        {
            using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", _workspace.PathOf(script)]) { RedirectStandardError = true })!;
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            return (bash.ExitCode, errors);
        });

        Assert.True(check.ExitCode == 0, check.errors);
        Assert.Contains("batch 'it'\\''s tiny.json' --out runs/tiny", result.Out);
    }

    [Fact]
    public void Shell_words_are_quoted_only_when_needed_and_single_quotes_survive()
    {
        Assert.Equal("runs/a-b_c.json", SchedulerScripts.Shell("runs/a-b_c.json"));
        Assert.Equal("'a b'", SchedulerScripts.Shell("a b"));
        Assert.Equal("'it'\\''s'", SchedulerScripts.Shell("it's"));
        Assert.Equal("''", SchedulerScripts.Shell(""));
        Assert.Equal("trpo-my-sweep-v1-2", SchedulerScripts.DnsLabel("trpo-My_Sweep-v1.2."));
    }
}
