using Trpo.Core.Environments;
using Trpo.Core.Optimization;
using Trpo.Core.Training;

namespace Trpo.Core.Tests.Training;

/// <summary>
/// The policy step's guards, fed the faults directly (design.md "Guards"): a non-finite gradient, a conjugate gradient
/// that overflows, a zero curvature, and a line search that accepts nothing each leave θ exactly as it was, with the reason recorded,
/// and nothing non-finite ever reaches the parameters.
/// </summary>
public class PolicyStepFaultTests
{
    private static readonly TrpoOptions Options = Presets.SpinningUp with { StepsPerEpoch = 64, HiddenSizes = [8] };

    /// <summary>A real batch's observations and actions (a fresh trainer's first epoch), its parameters, and a policy step.</summary>
    private static (PolicyStep Step, double[] Theta, double[] Observations, double[] Actions, int Rows) Batch()
    {
        var trainer = new Trainer(Options, "CartPole-v1", 7);
        var spec = EnvironmentRegistry.SpecOf("CartPole-v1");
        int rows = Options.StepsPerEpoch;
        var observations = new double[rows * spec.ObservationSize];
        var actions = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < spec.ObservationSize; j++) observations[i * spec.ObservationSize + j] = 0.05 * ((i * 7 + j * 3) % 11 - 5);
            actions[i] = i % 2;
        }
        return (new PolicyStep(trainer.Policy, Options, rows), (double[])trainer.PolicyParameters.Clone(), observations, actions, rows);
    }

    private static double[] Advantages(int rows, double scale) => [.. Enumerable.Range(0, rows).Select(i => scale * ((i % 5) - 2 + 0.25))];

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_advantage_skips_the_step_for_a_non_finite_gradient_and_leaves_theta_untouched(double bad)
    {
        var (step, theta, observations, actions, rows) = Batch();
        var before = (double[])theta.Clone();
        var advantages = Advantages(rows, 1.0);
        advantages[rows / 3] = bad;

        var result = step.Run(theta, observations, actions, advantages, rows);

        Assert.Equal("non-finite policy gradient", result.SkipReason);
        Assert.Null(result.LineSearch);
        Assert.Equal(0.0, result.AcceptedStepFraction);
        Assert.Equal(before, theta);
    }

    [Fact]
    public void Finite_advantages_so_large_that_conjugate_gradient_overflows_skip_the_step_and_leave_theta_untouched()
    {
        // Â ~ 1e300 keeps g finite (about 1e299 per component), but pᵀA p overflows to ∞ in CG's first iteration:
        // CG stops there with x = 0 and the guard on xᵀF x skips the step instead of dividing by zero.
        var (step, theta, observations, actions, rows) = Batch();
        var before = (double[])theta.Clone();

        var result = step.Run(theta, observations, actions, Advantages(rows, 1e300), rows);

        Assert.All(result.Gradient, g => Assert.True(double.IsFinite(g)));
        Assert.Equal(ConjugateGradientStop.NonPositiveCurvature, result.ConjugateGradient!.Stop);
        Assert.Equal("non-positive curvature x^T F x = 0", result.SkipReason);
        Assert.All(result.SearchDirection!, x => Assert.Equal(0.0, x));
        Assert.Null(result.LineSearch);
        Assert.Equal(before, theta);
    }

    [Fact]
    public void A_zero_gradient_without_damping_is_a_non_positive_curvature_and_leaves_theta_untouched()
    {
        var (_, theta, observations, actions, rows) = Batch();
        var trainer = new Trainer(Options with { DampingCoeff = 0.0 }, "CartPole-v1", 7);
        var step = new PolicyStep(trainer.Policy, Options with { DampingCoeff = 0.0 }, rows);
        var before = (double[])theta.Clone();

        var result = step.Run(theta, observations, actions, new double[rows], rows);

        Assert.Equal("non-positive curvature x^T F x = 0", result.SkipReason);
        Assert.Equal(before, theta);
    }

    [Fact]
    public void A_line_search_that_accepts_no_attempt_leaves_theta_untouched_and_is_logged_but_is_not_a_fault()
    {
        // The golden scenario cartpole-backtracking: δ = 2 makes the quadratic KL model overshoot, and in epoch 3 all
        // three attempts lose surrogate (golden/cartpole-backtracking/trace.txt).
        var options = Presets.SpinningUp with { StepsPerEpoch = 256, HiddenSizes = [16, 16], TrainVIters = 5, Delta = 2.0, BacktrackIters = 3 };
        var trainer = new Trainer(options, "CartPole-v1", 4);
        trainer.RunEpoch();
        trainer.RunEpoch();
        var before = (double[])trainer.PolicyParameters.Clone();

        var report = trainer.RunEpoch();

        Assert.Equal(3, trainer.LastPolicyStep!.LineSearch!.Attempts.Count);
        Assert.False(trainer.LastPolicyStep.LineSearch.Accepted);
        Assert.Equal(0.0, report.AcceptedStepFraction);
        Assert.Equal(3, report.Backtracks);
        Assert.Equal("line search found no acceptable step", report.SkipReason);
        Assert.Null(report.NumericalFault);
        Assert.Equal(before, trainer.PolicyParameters);
    }
}
