using System.Text.Json;
using Trpo.Cli.Tests.TestSupport;
using Trpo.Core.Environments;
using Trpo.Core.Numerics;

namespace Trpo.Cli.Tests.Reliability;

/// <summary>
/// Numerical faults through the CLI: logged in skip_reason and survived by default; with --fail-on-nonfinite a clean
/// stop after the faulty epoch (row and checkpoint written), exit 3, status numerical_fault, and fault-trace.txt with
/// that epoch's full trace.
/// </summary>
public sealed class NumericalFaultCliTests : IDisposable
{
    /// <summary>A one-step batch normalises its one advantage to 0, so g = 0 and, without damping, xᵀF x = 0: a fault any user can provoke.</summary>
    private static readonly string[] ZeroCurvature =
        ["train", "--env", "CartPole-v1", "--epochs", "3", "--set", "steps_per_epoch=1", "--set", "damping_coeff=0", "--set", "hidden_sizes=4"];

    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Without_the_flag_a_fault_is_logged_in_skip_reason_and_the_run_completes()
    {
        var result = await _workspace.RunAsync([.. ZeroCurvature, "--out", "run"]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var rows = _workspace.ReadFile("run/progress.csv").TrimEnd('\n').Split('\n')[1..];
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.Contains(",non-positive curvature x^T F x = 0,", r));
        Assert.False(File.Exists(_workspace.PathOf("run/fault-trace.txt")));
    }

    [Fact]
    public async Task With_the_flag_the_run_stops_after_the_faulty_epoch_with_exit_3_and_its_full_trace()
    {
        var traced = await _workspace.RunAsync([.. ZeroCurvature, "--out", "traced", "--trace"]);
        Assert.True(traced.ExitCode == ExitCodes.Ok, traced.Error);

        var result = await _workspace.RunAsync([.. ZeroCurvature, "--out", "run", "--fail-on-nonfinite"]);

        Assert.Equal(ExitCodes.NumericalFault, result.ExitCode);
        Assert.Equal(["error: numerical fault at epoch 1: non-positive curvature x^T F x = 0 (--fail-on-nonfinite); diagnostic trace: run/fault-trace.txt; the checkpoint after it is saved: trpo resume run goes on"],
            result.ErrorLines);
        var summary = JsonDocument.Parse(_workspace.ReadFile("run/summary.json")).RootElement;
        Assert.Equal(("numerical_fault", 1), (summary.GetProperty("status").GetString(), summary.GetProperty("epochs_completed").GetInt32()));
        Assert.Equal(2, _workspace.ReadFile("run/progress.csv").Count(c => c == '\n'));
        Assert.True(File.Exists(_workspace.PathOf("run/checkpoint/epoch-000001.ckpt")));
        // the fault trace is the header and epoch 1 of what --trace records: recomputed from the state before the epoch, same bits
        var faultTrace = _workspace.ReadFile("run/fault-trace.txt");
        var fullTrace = _workspace.ReadFile("traced/trace.txt");
        Assert.Contains("epoch 1", faultTrace);
        Assert.DoesNotContain("epoch 2", faultTrace);
        Assert.StartsWith(faultTrace, fullTrace);
        Assert.True(fullTrace.Length > faultTrace.Length);
    }

    [Fact]
    public async Task A_nan_reward_from_an_environment_is_a_fault_that_the_flag_turns_into_a_clean_stop()
    {
        EnvironmentRegistry.RegisterForTests("Test/NaNRewardCartPole", () => new NaNRewardCartPole(faultStep: 40));

        var logged = await _workspace.RunAsync("train", "--env", "Test/NaNRewardCartPole", "--epochs", "2", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4", "--set", "train_v_iters=2", "--out", "logged");
        var stopped = await _workspace.RunAsync("train", "--env", "Test/NaNRewardCartPole", "--epochs", "2", "--set", "steps_per_epoch=64", "--set", "hidden_sizes=4", "--set", "train_v_iters=2", "--out", "stopped", "--fail-on-nonfinite");

        Assert.True(logged.ExitCode == ExitCodes.Ok, logged.Error);
        var firstRow = _workspace.ReadFile("logged/progress.csv").Split('\n')[1];
        Assert.Contains(",non-finite reward from the environment at 1 of 64 steps; non-finite policy gradient; value fit skipped 2 of 2 steps (non-finite gradient),", firstRow);
        Assert.Equal(ExitCodes.NumericalFault, stopped.ExitCode);
        Assert.StartsWith("error: numerical fault at epoch 1: non-finite reward from the environment at 1 of 64 steps;", Assert.Single(stopped.ErrorLines));
        Assert.True(File.Exists(_workspace.PathOf("stopped/fault-trace.txt")));
    }

    [Fact]
    public async Task A_line_search_that_accepts_nothing_is_logged_in_skip_reason_but_does_not_stop_a_run_with_the_flag()
    {
        // The golden scenario cartpole-backtracking's settings: in epoch 3 every one of the three attempts loses surrogate.
        var result = await _workspace.RunAsync("train", "--env", "CartPole-v1", "--seed", "4", "--epochs", "3", "--set", "steps_per_epoch=256",
            "--set", "hidden_sizes=16,16", "--set", "train_v_iters=5", "--set", "delta=2", "--set", "backtrack_iters=3", "--out", "run", "--fail-on-nonfinite");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal("", result.Error);
        var rows = _workspace.ReadFile("run/progress.csv").TrimEnd('\n').Split('\n');
        var header = rows[0].Split(',');
        var third = rows[3].Split(',');
        string Column(string name) => third[Array.IndexOf(header, name)];
        Assert.Equal(("line search found no acceptable step", "3", "0", "0"),
            (Column("skip_reason"), Column("backtracks"), Column("accepted_step_fraction"), Column("kl")));
        Assert.False(File.Exists(_workspace.PathOf("run/fault-trace.txt")));
        Assert.Equal("completed", JsonDocument.Parse(_workspace.ReadFile("run/summary.json")).RootElement.GetProperty("status").GetString());
    }

    /// <summary>CartPole whose reward is NaN at one step of its life.</summary>
    private sealed class NaNRewardCartPole(int faultStep) : IEnvironment
    {
        private readonly CartPole _inner = new();
        private int _steps;
        public EnvironmentSpec Spec => _inner.Spec;
        public int ElapsedSteps => _inner.ElapsedSteps;
        public void Reset(IRandomSource rng, Span<double> observation) => _inner.Reset(rng, observation);
        public StepResult Step(ReadOnlySpan<double> action, Span<double> observation)
        {
            var result = _inner.Step(action, observation);
            return ++_steps == faultStep ? result with { Reward = double.NaN } : result;
        }
        public double[] GetState() => _inner.GetState();
        public void SetState(ReadOnlySpan<double> state, int elapsedSteps) => _inner.SetState(state, elapsedSteps);
        public void Observe(Span<double> observation) => _inner.Observe(observation);
    }
}
