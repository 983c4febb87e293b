namespace Trpo.Core.Training;

/// <summary>Named hyperparameter sets, so that a comparison with a peer runs on the peer's defaults.</summary>
public static class Presets
{
    /// <summary>The default preset's name.</summary>
    public const string Default = "spinningup";

    /// <summary>
    /// Spinning Up's TRPO defaults (spinup/algos/pytorch/trpo/trpo.py, docs/algorithms/trpo.rst):
    /// steps_per_epoch 4000, gamma 0.99, lam 0.97, delta 0.01, damping_coeff 0.1, cg_iters 10,
    /// backtrack_iters 10, backtrack_coeff 0.8, vf_lr 1e-3, train_v_iters 80 full-batch Adam steps,
    /// hidden_sizes [64, 64] tanh, PyTorch's default Linear init, log_std init -0.5.
    /// </summary>
    public static TrpoOptions SpinningUp { get; } = new();

    /// <summary>
    /// sb3-contrib's TRPO defaults (sb3_contrib/trpo/trpo.py, v2.3.0): n_steps 2048, gamma 0.99,
    /// gae_lambda 0.95, target_kl 0.01, cg_damping 0.1, cg_max_steps 15, line_search_shrinking_factor 0.8,
    /// line_search_max_iter 10, n_critic_updates 10 epochs of batch_size 128 with Adam at learning_rate 1e-3
    /// (eps 1e-5, as sb3's ActorCriticPolicy sets it), normalize_advantage True; MlpPolicy net_arch
    /// pi=[64, 64], vf=[64, 64] tanh, ortho_init (gains sqrt(2), 0.01 policy head, 1 value head), log_std_init 0.
    /// </summary>
    public static TrpoOptions Sb3 { get; } = new()
    {
        StepsPerEpoch = 2048,
        Gamma = 0.99,
        Lam = 0.95,
        Delta = 0.01,
        DampingCoeff = 0.1,
        CgIters = 15,
        BacktrackIters = 10,
        BacktrackCoeff = 0.8,
        VfLr = 1e-3,
        TrainVIters = 10,
        VfBatchSize = 128,
        AdamEps = 1e-5,
        HiddenSizes = [64, 64],
        Init = WeightInit.Orthogonal,
        LogStdInit = 0.0,
        NormalizeAdvantages = true,
    };

    /// <summary>The preset names, default first; <c>zoo</c> (<see cref="ZooPreset"/>) depends on the environment.</summary>
    public static IReadOnlyList<string> Names { get; } = ["spinningup", "sb3", ZooPreset.Name];

    /// <summary>True when <paramref name="name"/> is a preset's name.</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The environment-independent preset called <paramref name="name"/>, or null when there is none (also for <c>zoo</c>: use <see cref="For"/>).</summary>
    public static TrpoOptions? Find(string name) => name switch
    {
        "spinningup" => SpinningUp,
        "sb3" => Sb3,
        _ => null,
    };

    /// <summary>
    /// The preset called <paramref name="name"/> for <paramref name="environmentId"/>: null when there is no such preset,
    /// or when it is <c>zoo</c> and the zoo file does not tune that environment.
    /// </summary>
    public static TrpoOptions? For(string name, string environmentId)
        => name == ZooPreset.Name ? ZooPreset.For(environmentId)?.Options : Find(name);
}
