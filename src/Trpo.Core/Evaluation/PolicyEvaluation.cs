using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Evaluation;

/// <summary>
/// Deterministic evaluation of a trained policy, the measure rl-baselines3-zoo publishes (benchmark.md: the final
/// agent run with "the deterministic policy", mean episode reward): episodes are played one after another on a
/// fresh environment whose resets follow Gymnasium's — the first is <c>reset(seed=s)</c>, the next ones continue
/// that generator — and every action is <see cref="GreedyAction"/>'s mode of π_θ(·|s). With observation
/// normalisation the run's statistics are applied frozen (sb3's <c>VecNormalize</c> with <c>training=False</c>);
/// returns are sums of raw rewards. Nothing is random beyond the resets, so the result is a pure function of
/// (policy, θ, statistics, environment, seed, episodes).
/// </summary>
public static class PolicyEvaluation
{
    /// <summary>
    /// Plays <paramref name="episodes"/> episodes on <paramref name="environment"/> (which this call resets) with the
    /// deterministic actions of <paramref name="policy"/> at <paramref name="theta"/>; <paramref name="normalizer"/>,
    /// when not null, normalises the observations the policy sees without updating its statistics.
    /// </summary>
    public static EvaluationResult Run(StochasticPolicy policy, ReadOnlySpan<double> theta, IEnvironment environment,
        VecNormalizer? normalizer, ulong seed, int episodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        var spec = environment.Spec;
        var resets = NumPyGenerator.FromSeed(seed);
        var workspace = policy.CreateWorkspace(1);
        var observation = new double[spec.ObservationSize];
        var seen = normalizer is null ? observation : new double[spec.ObservationSize];
        var action = new double[policy.ActionWidth];
        var outcomes = new EpisodeOutcome[episodes];
        for (int k = 0; k < episodes; k++)
        {
            environment.Reset(resets, observation);
            double total = 0.0;
            int length = 0;
            while (true)
            {
                normalizer?.NormalizeObservation(observation, seen);
                GreedyAction.Of(spec, policy.Evaluate(theta, seen, 1, workspace), action);
                StepResult step = environment.Step(action, observation);
                total += step.Reward;
                length++;
                if (step.Done)
                {
                    outcomes[k] = new EpisodeOutcome(total, length, step.Terminated);
                    break;
                }
            }
        }
        return new EvaluationResult(seed, outcomes);
    }
}
