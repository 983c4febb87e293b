using Trpo.Core.Training;

namespace Trpo.Core.Tracing;

/// <summary>
/// Turns one epoch's intermediates into an <see cref="EpochTrace"/>, quantity by quantity in the order the
/// algorithm computes them (design.md, "Golden traces"), so that the first differing quantity of two traces is
/// the first place an algorithm change acted.
/// </summary>
public static class EpochTraceRecorder
{
    /// <summary>The intermediates of one epoch that are not in the policy step's result.</summary>
    public sealed record BatchIntermediates(
        RolloutBatch Batch,
        double[] Values,
        double[] BootstrapValues,
        double[] TdResiduals,
        double[] Advantages,
        double[] NormalizedAdvantages,
        double[] ValueTargets,
        double ValueLoss,
        double ExplainedVariance);

    /// <summary>
    /// Builds the trace of epoch <paramref name="epoch"/>. With a <paramref name="normalizer"/>, its statistics after
    /// the rollout follow the batch (<c>normalizer.*</c>; absent from runs without normalisation).
    /// </summary>
    public static EpochTrace Record(int epoch, BatchIntermediates b, PolicyStepResult step, double[] newPolicyParameters, double[] valueFitLosses, double[] newValueParameters, VecNormalizer? normalizer = null)
    {
        var t = new TraceBuilder();
        int rows = b.Batch.Rows;
        // 1. the batch
        t.AddHash("batch.observations", b.Batch.Observations.AsSpan(0, rows * b.Batch.ObservationSize))
         .AddHash("batch.actions", b.Batch.Actions.AsSpan(0, rows * b.Batch.ActionWidth))
         .Add("batch.rewards", b.Batch.Rewards.AsSpan(0, rows))
         .Add("batch.terminated", b.Batch.Terminated.AsSpan(0, rows))
         .Add("batch.truncated", b.Batch.Truncated.AsSpan(0, rows))
         .Add("batch.episode_returns", b.Batch.EpisodeReturns.ToArray());
        if (normalizer is not null)
        {
            t.Add("normalizer.obs_mean", normalizer.ObservationStatistics.Mean)
             .Add("normalizer.obs_var", normalizer.ObservationStatistics.Variance)
             .Add("normalizer.obs_count", normalizer.ObservationStatistics.Count)
             .Add("normalizer.ret_var", normalizer.ReturnStatistics.Variance)
             .Add("normalizer.ret_count", normalizer.ReturnStatistics.Count)
             .Add("normalizer.returns", normalizer.Returns);
        }
        // 2. values, GAE, targets
        t.Add("values", b.Values.AsSpan(0, rows))
         .Add("bootstrap_values", b.BootstrapValues.AsSpan(0, rows))
         .Add("td_residuals", b.TdResiduals.AsSpan(0, rows))
         .Add("advantages", b.Advantages.AsSpan(0, rows))
         .Add("normalized_advantages", b.NormalizedAdvantages.AsSpan(0, rows))
         .Add("value_targets", b.ValueTargets.AsSpan(0, rows))
         .Add("value_loss", b.ValueLoss)
         .Add("explained_variance", b.ExplainedVariance);
        // 3. surrogate and gradient
        t.Add("old_log_probs", step.OldLogProbs)
         .Add("entropy", step.Entropy)
         .Add("surrogate_before", step.SurrogateBefore)
         .Add("policy_gradient", step.Gradient);
        // 4-6. conjugate gradient and step size
        if (step.ConjugateGradient is { } cg)
        {
            t.Add("cg.residuals", cg.ResidualNorms)
             .AddText("cg.stop", cg.Stop.ToString());
        }
        if (step.SearchDirection is { } x) t.Add("cg.step", x);
        t.Add("curvature", step.Curvature)
         .Add("step_size", step.StepSize);
        // 7. line search
        if (step.LineSearch is { } search)
        {
            t.Add("line_search.fraction", search.Attempts.Select(a => a.Fraction).ToArray())
             .Add("line_search.kl", search.Attempts.Select(a => a.Kl).ToArray())
             .Add("line_search.improvement", search.Attempts.Select(a => a.Improvement).ToArray())
             .Add("line_search.accepted", search.Attempts.Select(a => a.Accepted).ToArray());
        }
        t.Add("accepted_step_fraction", step.AcceptedStepFraction)
         .AddText("skip_reason", step.SkipReason ?? "-")
         .AddParameters("policy.parameters", newPolicyParameters);
        // 8. value function
        t.Add("value_fit.losses", valueFitLosses)
         .AddParameters("value.parameters", newValueParameters);
        return t.Build(epoch);
    }
}
