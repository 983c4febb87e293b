using Trpo.Core.Environments;
using Trpo.Core.Numerics;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Core.Evaluation;

/// <summary>
/// Evaluation of a trained policy. By default deterministic, the measure rl-baselines3-zoo publishes (benchmark.md: the
/// final agent run with "the deterministic policy", mean episode reward): episodes are played one after another on a
/// fresh environment whose resets follow Gymnasium's — the first is <c>reset(seed=s)</c>, the next ones continue that
/// generator — and every action is <see cref="GreedyAction"/>'s mode of π_θ(·|s). With observation normalisation the
/// run's statistics are applied frozen (sb3's <c>VecNormalize</c> with <c>training=False</c>); returns are sums of raw
/// rewards. Nothing is random beyond the resets, so the result is a pure function of (policy, θ, statistics,
/// environment, seed, episodes).
/// </summary>
/// <remarks>
/// Stochastic evaluation (sb3's <c>predict(deterministic=False)</c>, the zoo's <c>--stochastic</c>) samples every action
/// from π_θ(·|s) instead, from the stream (s, <see cref="RngPurpose.EvaluationActions"/>); a continuous action is then
/// clipped to the action space as sb3's <c>predict</c> clips it. A gSDE policy acts a = μ(s) + Eᵀf(s) with E drawn from
/// (s, <see cref="RngPurpose.EvaluationNoise"/>) at the start of every episode and every <c>sde_sample_freq</c> steps of
/// it (sb3 keeps whatever matrix the loaded model last drew, which no file records; drawing per episode makes episodes
/// independent and the result a pure function of the same inputs).
/// </remarks>
public static class PolicyEvaluation
{
    /// <summary>
    /// Plays <paramref name="episodes"/> episodes on <paramref name="environment"/> (which this call resets) with
    /// <paramref name="policy"/> at <paramref name="theta"/>: its deterministic actions, or with <paramref name="stochastic"/>
    /// sampled ones (gSDE matrices redrawn every <paramref name="sdeSampleFrequency"/> steps, −1: once per episode);
    /// <paramref name="normalizer"/>, when not null, normalises the observations the policy sees without updating its statistics.
    /// </summary>
    public static EvaluationResult Run(StochasticPolicy policy, ReadOnlySpan<double> theta, IEnvironment environment,
        VecNormalizer? normalizer, ulong seed, int episodes, bool stochastic = false, int sdeSampleFrequency = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        var spec = environment.Spec;
        var resets = NumPyGenerator.FromSeed(seed);
        var workspace = policy.CreateWorkspace(1);
        var observation = new double[spec.ObservationSize];
        var seen = normalizer is null ? observation : new double[spec.ObservationSize];
        var action = new double[policy.ActionWidth];
        var sampler = stochastic ? new ActionSampler(policy, spec, seed, sdeSampleFrequency) : null;
        var outcomes = new EpisodeOutcome[episodes];
        for (int k = 0; k < episodes; k++)
        {
            environment.Reset(resets, observation);
            double total = 0.0;
            int length = 0;
            while (true)
            {
                normalizer?.NormalizeObservation(observation, seen);
                var outputs = policy.Evaluate(theta, seen, 1, workspace);
                if (sampler is null) GreedyAction.Of(spec, outputs, action);
                else sampler.Act(theta, outputs, length, action);
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
        return new EvaluationResult(seed, outcomes, stochastic);
    }

    /// <summary>Samples the actions of a stochastic evaluation (one environment), clipping continuous ones to the action space.</summary>
    private sealed class ActionSampler(StochasticPolicy policy, EnvironmentSpec spec, ulong seed, int sdeSampleFrequency)
    {
        private readonly Rng[] _rng = [Rng.ForStream(seed, RngPurpose.EvaluationActions)];
        private readonly ExplorationNoise? _noise = policy.UsesStateDependentNoise
            ? new ExplorationNoise(1, policy.FeatureSize, policy.ActionSize, sdeSampleFrequency, seed, RngPurpose.EvaluationNoise)
            : null;
        private readonly double[] _sampled = new double[policy.ActionWidth];
        private readonly double[] _scratch = new double[policy.ActionSize];

        /// <summary>Step <paramref name="step"/> (0-based within its episode) of the episode: writes the action into <paramref name="action"/>.</summary>
        public void Act(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputs, int step, Span<double> action)
        {
            if (_noise is not null)
            {
                _noise.BeforeStep(0, step, policy.LogStd(theta)); // draws at step 0 of every episode and every sde_sample_freq steps
                _noise.Act(0, outputs, _sampled);
            }
            else
            {
                policy.Sample(theta, outputs, 1, _rng, _sampled, _scratch);
            }
            if (spec.ActionKind == ActionKind.Discrete) action[0] = _sampled[0];
            else spec.ClipAction(_sampled, action);
        }
    }
}
