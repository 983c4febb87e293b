namespace Trpo.Core.Training;

/// <summary>
/// Every hyperparameter of a TRPO run. Names follow Spinning Up's TRPO (the seed documents), their
/// configuration keys are the snake_case names in brackets. Defaults are the <c>spinningup</c> preset
/// (Spinning Up, spinup/algos/pytorch/trpo and docs/algorithms/trpo.rst); see <see cref="Presets"/>.
/// </summary>
public sealed record TrpoOptions
{
    /// <summary>[steps_per_epoch] Environment steps collected per epoch, summed over all environments. Range ≥ 1; must be a multiple of num_envs. Default 4000.</summary>
    public int StepsPerEpoch { get; init; } = 4000;

    /// <summary>[num_envs] Environments stepped in lockstep, each with its own RNG streams (env i resets from NumPy's generator seeded with seed + i, as Gymnasium's reset(seed=seed + i)). Range 1..1024. Default 1.</summary>
    public int NumEnvs { get; init; } = 1;

    /// <summary>[gamma] Discount factor γ. Range [0, 1]. Default 0.99.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>[lam] GAE λ (Schulman et al. 2016, eq. 16). Range [0, 1]. Default 0.97.</summary>
    public double Lam { get; init; } = 0.97;

    /// <summary>[delta] KL limit δ of the trust region, D̄_KL(π_old ‖ π_θ) ≤ δ. Range &gt; 0. Default 0.01.</summary>
    public double Delta { get; init; } = 0.01;

    /// <summary>[damping_coeff] Damping added to the Fisher-vector product, (F + c I) v, for CG stability. Range ≥ 0. Default 0.1.</summary>
    public double DampingCoeff { get; init; } = 0.1;

    /// <summary>[cg_iters] Conjugate-gradient iterations for x ≈ F⁻¹ g. Range ≥ 1. Default 10.</summary>
    public int CgIters { get; init; } = 10;

    /// <summary>[cg_residual_tol] CG stops early when r·r falls below this. Range ≥ 0. Default 1e-10.</summary>
    public double CgResidualTol { get; init; } = 1e-10;

    /// <summary>[backtrack_iters] Line-search attempts before the step is given up. Range ≥ 1. Default 10.</summary>
    public int BacktrackIters { get; init; } = 10;

    /// <summary>[backtrack_coeff] Shrink factor of the line search: attempt j uses backtrack_coeff^j of the full step. Range (0, 1). Default 0.8.</summary>
    public double BacktrackCoeff { get; init; } = 0.8;

    /// <summary>[vf_lr] Adam learning rate of the value function. Range &gt; 0. Default 1e-3.</summary>
    public double VfLr { get; init; } = 1e-3;

    /// <summary>[train_v_iters] Passes of the value fit per epoch: full-batch Adam steps when vf_batch_size is 0, epochs over shuffled minibatches otherwise. Range ≥ 0. Default 80.</summary>
    public int TrainVIters { get; init; } = 80;

    /// <summary>[vf_batch_size] Minibatch size of the value fit; 0 means full batch. Range ≥ 0. Default 0.</summary>
    public int VfBatchSize { get; init; }

    /// <summary>[adam_eps] Adam's ε. Range &gt; 0. Default 1e-8 (PyTorch); sb3 uses 1e-5.</summary>
    public double AdamEps { get; init; } = 1e-8;

    /// <summary>[hidden_sizes] Hidden layer widths of the policy and of the value network (tanh). Non-empty, each ≥ 1. Default [64, 64].</summary>
    public int[] HiddenSizes { get; init; } = [64, 64];

    /// <summary>[init] Weight initialisation: uniform (PyTorch default) or orthogonal (sb3). Default uniform.</summary>
    public WeightInit Init { get; init; } = WeightInit.Uniform;

    /// <summary>[log_std_init] Initial log standard deviation of the Gaussian policy. Range [-20, 2]. Default -0.5 (Spinning Up); sb3 uses 0.</summary>
    public double LogStdInit { get; init; } = -0.5;

    /// <summary>[normalize_advantages] Standardise advantages, (A - mean) / (std + 1e-8) with the population std. Default true.</summary>
    public bool NormalizeAdvantages { get; init; } = true;

    /// <summary>[normalize_obs] Standardise observations with running statistics, as sb3's VecNormalize norm_obs (see <see cref="VecNormalizer"/>). Default false.</summary>
    public bool NormalizeObs { get; init; }

    /// <summary>[normalize_reward] Scale rewards by the running std of the discounted return, as sb3's VecNormalize norm_reward (see <see cref="VecNormalizer"/>). Default false.</summary>
    public bool NormalizeReward { get; init; }

    /// <summary>[clip_obs] Bound on |normalised observation| (sb3's clip_obs). Range &gt; 0. Default 10.</summary>
    public double ClipObs { get; init; } = 10.0;

    /// <summary>[clip_reward] Bound on |normalised reward| (sb3's clip_reward). Range &gt; 0. Default 10.</summary>
    public double ClipReward { get; init; } = 10.0;

    /// <summary>
    /// [use_sde] Explore with generalized State-Dependent Exploration (gSDE; Raffin, Kober and Stulp, CoRL 2021) instead of
    /// independent Gaussian noise: a = μ(s) + Eᵀ f(s), f the policy's last hidden layer and E a k × d matrix of
    /// N(0, σ_ij²) entries held for sde_sample_freq steps; log σ becomes a k × d matrix (initialised to log_std_init).
    /// Continuous actions only. Default false (sb3-contrib's TRPO <c>use_sde=False</c>); rl-baselines3-zoo 2.3.0's
    /// hyperparams/trpo.yml sets it for Pendulum-v1 and MountainCarContinuous-v0. See <see cref="Policies.StateDependentNoise"/>.
    /// </summary>
    public bool UseSde { get; init; }

    /// <summary>
    /// [sde_sample_freq] With use_sde, draw new exploration matrices every this many steps of each environment, or −1 for only
    /// at the start of each rollout. −1 or ≥ 1. Default −1 (sb3's); the zoo uses 4 for Pendulum-v1 and MountainCarContinuous-v0.
    /// </summary>
    public int SdeSampleFreq { get; init; } = -1;

    /// <summary>
    /// [clip_actions] Clip each continuous action to the action space's bounds before the environment steps, keeping the
    /// unclipped action in the batch (its log-probability is the policy's), as stable-baselines3's on-policy loop does
    /// (<c>np.clip(actions, low, high)</c> in <c>OnPolicyAlgorithm.collect_rollouts</c>, v2.3.2). It matters where the
    /// reward sees the action itself (MountainCarContinuous-v0's energy cost uses the action the environment gets).
    /// No effect on discrete actions. Default false.
    /// </summary>
    public bool ClipActions { get; init; }

    /// <summary>Checks every field; returns one message per problem, quoting the offending value (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message) { if (!ok) errors.Add(message); }

        Check(StepsPerEpoch >= 1, $"steps_per_epoch must be at least 1 (got {StepsPerEpoch})");
        Check(NumEnvs is >= 1 and <= 1024, $"num_envs must be between 1 and 1024 (got {NumEnvs})");
        if (StepsPerEpoch >= 1 && NumEnvs >= 1)
            Check(StepsPerEpoch % NumEnvs == 0, $"steps_per_epoch ({StepsPerEpoch}) must be a multiple of num_envs ({NumEnvs})");
        Check(Gamma is >= 0 and <= 1, $"gamma must be in [0, 1] (got {Fmt(Gamma)})");
        Check(Lam is >= 0 and <= 1, $"lam must be in [0, 1] (got {Fmt(Lam)})");
        Check(Delta > 0 && double.IsFinite(Delta), $"delta must be positive and finite (got {Fmt(Delta)})");
        Check(DampingCoeff >= 0 && double.IsFinite(DampingCoeff), $"damping_coeff must be non-negative and finite (got {Fmt(DampingCoeff)})");
        Check(CgIters >= 1, $"cg_iters must be at least 1 (got {CgIters})");
        Check(CgResidualTol >= 0 && double.IsFinite(CgResidualTol), $"cg_residual_tol must be non-negative and finite (got {Fmt(CgResidualTol)})");
        Check(BacktrackIters >= 1, $"backtrack_iters must be at least 1 (got {BacktrackIters})");
        Check(BacktrackCoeff is > 0 and < 1, $"backtrack_coeff must be in (0, 1) (got {Fmt(BacktrackCoeff)})");
        Check(VfLr > 0 && double.IsFinite(VfLr), $"vf_lr must be positive and finite (got {Fmt(VfLr)})");
        Check(TrainVIters >= 0, $"train_v_iters must be non-negative (got {TrainVIters})");
        Check(VfBatchSize >= 0, $"vf_batch_size must be non-negative (got {VfBatchSize})");
        Check(AdamEps > 0 && double.IsFinite(AdamEps), $"adam_eps must be positive and finite (got {Fmt(AdamEps)})");
        Check(HiddenSizes is { Length: > 0 }, "hidden_sizes must name at least one layer (got [])");
        if (HiddenSizes is { Length: > 0 })
            Check(HiddenSizes.All(h => h is >= 1 and <= 4096), $"hidden_sizes must all be between 1 and 4096 (got [{string.Join(", ", HiddenSizes)}])");
        Check(Enum.IsDefined(Init), $"init must be uniform or orthogonal (got {Init})");
        Check(LogStdInit is >= -20 and <= 2, $"log_std_init must be in [-20, 2] (got {Fmt(LogStdInit)})");
        Check(ClipObs > 0 && double.IsFinite(ClipObs), $"clip_obs must be positive and finite (got {Fmt(ClipObs)})");
        Check(ClipReward > 0 && double.IsFinite(ClipReward), $"clip_reward must be positive and finite (got {Fmt(ClipReward)})");
        Check(SdeSampleFreq == -1 || SdeSampleFreq >= 1, $"sde_sample_freq must be -1 (only at the start of each rollout) or at least 1 (got {SdeSampleFreq})");
        return errors;
    }

    /// <summary>
    /// Every hyperparameter as (snake_case key, invariant text), in declaration order; the four normalisation keys
    /// only when normalisation is on, the gSDE keys (use_sde, sde_sample_freq) only when use_sde is on and
    /// clip_actions only when on, so that the traces of runs without them keep their meta lines.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> ToKeyValues()
    {
        yield return new("steps_per_epoch", StepsPerEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("num_envs", NumEnvs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("gamma", Fmt(Gamma));
        yield return new("lam", Fmt(Lam));
        yield return new("delta", Fmt(Delta));
        yield return new("damping_coeff", Fmt(DampingCoeff));
        yield return new("cg_iters", CgIters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("cg_residual_tol", Fmt(CgResidualTol));
        yield return new("backtrack_iters", BacktrackIters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("backtrack_coeff", Fmt(BacktrackCoeff));
        yield return new("vf_lr", Fmt(VfLr));
        yield return new("train_v_iters", TrainVIters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("vf_batch_size", VfBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("adam_eps", Fmt(AdamEps));
        yield return new("hidden_sizes", string.Join(",", HiddenSizes));
        yield return new("init", Init.ToString().ToLowerInvariant());
        yield return new("log_std_init", Fmt(LogStdInit));
        yield return new("normalize_advantages", NormalizeAdvantages ? "true" : "false");
        if (NormalizeObs || NormalizeReward)
        {
            yield return new("normalize_obs", NormalizeObs ? "true" : "false");
            yield return new("normalize_reward", NormalizeReward ? "true" : "false");
            yield return new("clip_obs", Fmt(ClipObs));
            yield return new("clip_reward", Fmt(ClipReward));
        }
        if (UseSde)
        {
            yield return new("use_sde", "true");
            yield return new("sde_sample_freq", SdeSampleFreq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (ClipActions) yield return new("clip_actions", "true");
    }

    private static string Fmt(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Value equality including the contents of <see cref="HiddenSizes"/>.</summary>
    public bool Equals(TrpoOptions? other)
        => other is not null
           && StepsPerEpoch == other.StepsPerEpoch && NumEnvs == other.NumEnvs
           && Gamma.Equals(other.Gamma) && Lam.Equals(other.Lam) && Delta.Equals(other.Delta)
           && DampingCoeff.Equals(other.DampingCoeff) && CgIters == other.CgIters
           && CgResidualTol.Equals(other.CgResidualTol) && BacktrackIters == other.BacktrackIters
           && BacktrackCoeff.Equals(other.BacktrackCoeff) && VfLr.Equals(other.VfLr)
           && TrainVIters == other.TrainVIters && VfBatchSize == other.VfBatchSize
           && AdamEps.Equals(other.AdamEps) && HiddenSizes.SequenceEqual(other.HiddenSizes)
           && Init == other.Init && LogStdInit.Equals(other.LogStdInit)
           && NormalizeAdvantages == other.NormalizeAdvantages
           && NormalizeObs == other.NormalizeObs && NormalizeReward == other.NormalizeReward
           && ClipObs.Equals(other.ClipObs) && ClipReward.Equals(other.ClipReward)
           && UseSde == other.UseSde && SdeSampleFreq == other.SdeSampleFreq
           && ClipActions == other.ClipActions;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StepsPerEpoch, NumEnvs, Gamma, Lam, Delta, CgIters, HiddenSizes.Length);
}
