using Trpo.Core.State;

namespace Trpo.Core.Training;

/// <summary>
/// Observation and reward normalisation over E environments stepped in lockstep, as stable-baselines3's
/// <c>VecNormalize</c> does it (<c>stable_baselines3/common/vec_env/vec_normalize.py</c>, v2.3.2, defaults
/// clip_obs 10, clip_reward 10, epsilon 1e-8): what rl-baselines3-zoo's <c>normalize: true</c> turns on
/// (<c>rl_zoo3/exp_manager.py</c>, v2.3.0: norm_obs and norm_reward both on, <c>gamma</c> the run's discount).
/// </summary>
/// <remarks>
/// <para><b>Observations</b> (<see cref="NormalizesObservations"/>): running statistics (<see cref="RunningMeanStd"/>,
/// float32 batches) of the raw observations are updated with the E start observations and then, after every
/// lockstep step, with the E observations the step returned (for an environment whose episode just ended:
/// the first observation of its next episode, as after sb3's auto-reset). What the policy and the value
/// function see, including the last observation of a truncated episode (sb3's <c>terminal_observation</c>), is
/// <c>float32(clip((o − mean) / sqrt(var + ε), −clip_obs, clip_obs))</c> with the statistics after that update.</para>
/// <para><b>Rewards</b> (<see cref="NormalizesRewards"/>): sb3's vector envs hand rewards over as float32, so
/// r is first rounded to float32. Each environment keeps a discounted return R ← γ R + r (float64), whose E
/// values update a second <see cref="RunningMeanStd"/> (float64 batches) after every step; the reward learned
/// from is <c>clip(r / sqrt(var_R + ε), ±clip_reward)</c> computed in float32 (NumPy 1.24 divides a float32
/// array by a float64 scalar in float32), and R restarts at 0 when the episode ends. Progress reports raw
/// episode returns.</para>
/// <para>Order of one step, as sb3's <c>step_wait</c>: update the observation statistics, update R and the
/// return statistics, normalise the rewards, zero R of ended episodes; observations are normalised with the
/// updated statistics. Environments enter every update in index order, so the statistics do not depend on
/// scheduling.</para>
/// </remarks>
public sealed class VecNormalizer : IStateful
{
    /// <summary>sb3's <c>epsilon</c> in sqrt(var + ε).</summary>
    public const double Epsilon = 1e-8;

    private readonly RunningMeanStd _observationStats;
    private readonly RunningMeanStd _returnStats;
    private readonly double[] _returns;

    /// <summary>A normaliser for <paramref name="environments"/> environments with observations of <paramref name="observationSize"/> elements.</summary>
    public VecNormalizer(int environments, int observationSize, bool normalizeObservations, bool normalizeRewards, double clipObservations, double clipRewards, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(environments);
        Environments = environments;
        NormalizesObservations = normalizeObservations;
        NormalizesRewards = normalizeRewards;
        ClipObservations = clipObservations;
        ClipRewards = clipRewards;
        Gamma = gamma;
        _observationStats = new RunningMeanStd(observationSize);
        _returnStats = new RunningMeanStd(1);
        _returns = new double[environments];
    }

    /// <summary>The normaliser a run with <paramref name="options"/> uses, or null when it normalises nothing.</summary>
    public static VecNormalizer? For(TrpoOptions options, int observationSize)
        => options.NormalizeObs || options.NormalizeReward
            ? new VecNormalizer(options.NumEnvs, observationSize, options.NormalizeObs, options.NormalizeReward, options.ClipObs, options.ClipReward, options.Gamma)
            : null;

    /// <summary>Number of environments.</summary>
    public int Environments { get; }

    /// <summary>Observations are standardised (option <c>normalize_obs</c>).</summary>
    public bool NormalizesObservations { get; }

    /// <summary>Rewards are scaled by the running std of the discounted return (option <c>normalize_reward</c>).</summary>
    public bool NormalizesRewards { get; }

    /// <summary>Bound on |normalised observation| (option <c>clip_obs</c>).</summary>
    public double ClipObservations { get; }

    /// <summary>Bound on |normalised reward| (option <c>clip_reward</c>).</summary>
    public double ClipRewards { get; }

    /// <summary>Discount of the return whose std scales the rewards.</summary>
    public double Gamma { get; }

    /// <summary>Running statistics of the raw observations.</summary>
    public RunningMeanStd ObservationStatistics => _observationStats;

    /// <summary>Running statistics of the discounted returns (one element).</summary>
    public RunningMeanStd ReturnStatistics => _returnStats;

    /// <summary>The discounted return R of each environment's current episode.</summary>
    public ReadOnlySpan<double> Returns => _returns;

    /// <summary>sb3's <c>reset</c>: updates the observation statistics with the E start observations (row after row) and zeroes R.</summary>
    public void ObserveReset(ReadOnlySpan<double> observations)
    {
        if (NormalizesObservations) _observationStats.UpdateFloat32(observations, Environments);
        Array.Clear(_returns);
    }

    /// <summary>
    /// sb3's <c>step_wait</c> after one lockstep step: updates the statistics with the E observations the step
    /// returned and the E raw rewards, writes the E rewards to learn from into <paramref name="normalizedRewards"/>
    /// and zeroes R where <paramref name="episodeEnded"/>. Normalise observations afterwards with
    /// <see cref="NormalizeObservation"/>.
    /// </summary>
    public void ObserveStep(ReadOnlySpan<double> observations, ReadOnlySpan<double> rewards, ReadOnlySpan<bool> episodeEnded, Span<double> normalizedRewards)
    {
        if (NormalizesObservations) _observationStats.UpdateFloat32(observations, Environments);
        if (NormalizesRewards)
        {
            // R ← γ R + r, with r as the float32 sb3's vector env hands over
            for (int e = 0; e < Environments; e++) _returns[e] = _returns[e] * Gamma + (float)rewards[e];
            _returnStats.UpdateFloat64(_returns, Environments);
        }
        for (int e = 0; e < Environments; e++) normalizedRewards[e] = NormalizeReward(rewards[e]);
        for (int e = 0; e < Environments; e++)
            if (episodeEnded[e]) _returns[e] = 0.0;
    }

    /// <summary>
    /// <c>float32(clip((o − mean) / sqrt(var + ε), ±clip_obs))</c> of one raw observation with the current
    /// statistics, or the observation unchanged when observations are not normalised.
    /// </summary>
    public void NormalizeObservation(ReadOnlySpan<double> raw, Span<double> normalized)
    {
        if (!NormalizesObservations)
        {
            raw.CopyTo(normalized);
            return;
        }
        ReadOnlySpan<double> mean = _observationStats.Mean, variance = _observationStats.Variance;
        for (int j = 0; j < raw.Length; j++)
        {
            double z = (raw[j] - mean[j]) / Math.Sqrt(variance[j] + Epsilon);
            normalized[j] = (float)Math.Clamp(z, -ClipObservations, ClipObservations);
        }
    }

    /// <summary>
    /// <c>clip(float32(r) / float32(sqrt(var_R + ε)), ±clip_reward)</c> in float32 with the current statistics, or r
    /// unchanged when rewards are not normalised. A non-finite r stays non-finite (so the engine's fault check sees it).
    /// </summary>
    public double NormalizeReward(double reward)
    {
        if (!NormalizesRewards) return reward;
        if (!double.IsFinite(reward)) return reward;
        float scaled = (float)reward / (float)Math.Sqrt(_returnStats.Variance[0] + Epsilon);
        return Math.Clamp(scaled, (float)-ClipRewards, (float)ClipRewards);
    }

    /// <summary>Writes <c>obs</c> (mean, var, count), <c>ret</c> (the same for the discounted return) and <c>returns</c> (R per environment).</summary>
    public void CaptureState(StateWriter state)
    {
        state.Part("obs", _observationStats);
        state.Part("ret", _returnStats);
        state.Doubles("returns", _returns);
    }

    /// <summary>Restores what <see cref="CaptureState"/> wrote (values as they were, non-finite ones included: a run whose rewards faulted resumes as it would have gone on).</summary>
    public void RestoreState(StateReader state)
    {
        state.Part("obs", _observationStats);
        state.Part("ret", _returnStats);
        state.Doubles("returns", _returns);
    }
}
