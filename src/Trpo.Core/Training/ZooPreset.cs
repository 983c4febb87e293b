namespace Trpo.Core.Training;

/// <summary>
/// The <c>zoo</c> preset: rl-baselines3-zoo's tuned TRPO hyperparameters for the five classic-control tasks
/// (<c>hyperparams/trpo.yml</c>, rl-baselines3-zoo v2.3.0) on top of sb3-contrib's TRPO defaults (our
/// <see cref="Presets.Sb3"/>), with the zoo's step budget (<c>n_timesteps</c>) as the default number of epochs.
/// It depends on the environment and exists only for the environments the zoo file tunes.
/// </summary>
/// <remarks>
/// <para>The zoo's keys become ours as follows: <c>n_envs</c> → num_envs; <c>n_steps</c> (per environment) ×
/// <c>n_envs</c> → steps_per_epoch; <c>batch_size</c> → vf_batch_size; <c>cg_damping</c> → damping_coeff;
/// <c>gae_lambda</c> → lam; <c>gamma</c> → gamma; <c>learning_rate</c> → vf_lr (sb3-contrib's TRPO uses the
/// learning rate only for the critic's Adam); <c>n_critic_updates</c> → train_v_iters; <c>normalize: true</c> →
/// normalize_obs and normalize_reward (sb3's VecNormalize with its defaults and the run's γ, see
/// <see cref="VecNormalizer"/>; <c>rl_zoo3/exp_manager.py</c>); <c>n_timesteps</c> → epochs =
/// ⌈n_timesteps / steps_per_epoch⌉, since sb3's learn loop collects whole rollouts until the step count reaches
/// the budget (<c>OnPolicyAlgorithm.learn</c>).</para>
/// <para>The zoo rows of Pendulum-v1 and MountainCarContinuous-v0 also set <c>use_sde: True</c> and
/// <c>sde_sample_freq: 4</c>: generalised state-dependent exploration (Raffin et al., "Smooth exploration for
/// robotic reinforcement learning", CoRL 2021), our use_sde and sde_sample_freq (<see cref="Policies.StateDependentNoise"/>).
/// Those two rows also get clip_actions, because sb3's on-policy loop clips continuous actions to the action space
/// before the environment steps (<c>OnPolicyAlgorithm.collect_rollouts</c>, stable-baselines3 2.3.2): not a zoo key
/// but part of how the zoo's runs act (it changes MountainCarContinuous-v0's energy cost; the other three tasks have
/// discrete actions). <see cref="ZooSettings.Omitted"/> names what is left out (nothing, now).</para>
/// <code>
/// CartPole-v1:              n_envs 2, n_timesteps 1e5, n_steps 512, batch_size 512, cg_damping 1e-3,
///                           gae_lambda 0.98, gamma 0.99, learning_rate 1e-3, n_critic_updates 20
/// Pendulum-v1:              n_envs 2, n_timesteps 1e5, n_steps 1024, gamma 0.9, n_critic_updates 15,
///                           use_sde True, sde_sample_freq 4
/// Acrobot-v1:               normalize true, n_envs 2, n_timesteps 1e5, n_steps 1024
/// MountainCar-v0:           normalize true, n_envs 2, n_timesteps 1e5, n_steps 1024, n_critic_updates 20
/// MountainCarContinuous-v0: normalize True, n_envs 2, n_timesteps 50000, use_sde True, sde_sample_freq 4
/// </code>
/// </remarks>
public static class ZooPreset
{
    /// <summary>The preset's name.</summary>
    public const string Name = "zoo";

    private static readonly Dictionary<string, ZooSettings> Settings = new(StringComparer.Ordinal)
    {
        ["Acrobot-v1"] = new(
            Presets.Sb3 with { NumEnvs = 2, StepsPerEpoch = 2 * 1024, NormalizeObs = true, NormalizeReward = true },
            100_000, []),
        ["CartPole-v1"] = new(
            Presets.Sb3 with { NumEnvs = 2, StepsPerEpoch = 2 * 512, VfBatchSize = 512, DampingCoeff = 1e-3, Lam = 0.98, Gamma = 0.99, VfLr = 1e-3, TrainVIters = 20 },
            100_000, []),
        ["MountainCar-v0"] = new(
            Presets.Sb3 with { NumEnvs = 2, StepsPerEpoch = 2 * 1024, TrainVIters = 20, NormalizeObs = true, NormalizeReward = true },
            100_000, []),
        ["MountainCarContinuous-v0"] = new(
            Presets.Sb3 with { NumEnvs = 2, StepsPerEpoch = 2 * 2048, NormalizeObs = true, NormalizeReward = true, UseSde = true, SdeSampleFreq = 4, ClipActions = true },
            50_000, []),
        ["Pendulum-v1"] = new(
            Presets.Sb3 with { NumEnvs = 2, StepsPerEpoch = 2 * 1024, Gamma = 0.9, TrainVIters = 15, UseSde = true, SdeSampleFreq = 4, ClipActions = true },
            100_000, []),
    };

    /// <summary>The environments the zoo file tunes, in ordinal order.</summary>
    public static IReadOnlyList<string> Environments { get; } = [.. Settings.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The zoo's settings for <paramref name="environmentId"/>, or null when the zoo file does not tune it.</summary>
    public static ZooSettings? For(string environmentId) => Settings.GetValueOrDefault(environmentId);
}

/// <summary>One environment's zoo configuration.</summary>
/// <param name="Options">The hyperparameters: sb3-contrib's defaults with the zoo's values on top.</param>
/// <param name="EnvSteps">The zoo's budget, <c>n_timesteps</c>: environment steps over all environments.</param>
/// <param name="Omitted">Zoo settings this preset does not set, in the zoo's words.</param>
public sealed record ZooSettings(TrpoOptions Options, long EnvSteps, IReadOnlyList<string> Omitted)
{
    /// <summary>The epochs sb3 runs for the budget at <paramref name="stepsPerEpoch"/>: ⌈budget / steps_per_epoch⌉.</summary>
    public int Epochs(int stepsPerEpoch) => (int)((EnvSteps + stepsPerEpoch - 1) / stepsPerEpoch);

    /// <summary>The epochs of the zoo's own steps_per_epoch.</summary>
    public int Epochs() => Epochs(Options.StepsPerEpoch);
}
