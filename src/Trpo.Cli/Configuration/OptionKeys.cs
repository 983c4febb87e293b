using System.Text.Json;
using Trpo.Cli.Output;
using Trpo.Core.Training;

namespace Trpo.Cli.Configuration;

/// <summary>
/// The explicit table of configuration keys: every <see cref="TrpoOptions"/> field under its documented snake_case
/// name, plus the run-level keys and the metadata keys that config.json records. Binding goes through this table
/// (not reflection) so that unknown keys can be rejected with a suggestion and every parse error names its key.
/// </summary>
public static class OptionKeys
{
    /// <summary>The environment id (run-level; also <c>--env</c>).</summary>
    public const string Env = "env";
    /// <summary>The run's seed (run-level; also <c>--seed</c>).</summary>
    public const string Seed = "seed";
    /// <summary>Number of epochs (run-level; also <c>--epochs</c>).</summary>
    public const string Epochs = "epochs";
    /// <summary>The preset the hyperparameters start from (run-level; also <c>--preset</c>).</summary>
    public const string Preset = "preset";
    /// <summary>Metadata written to config.json: the tool's informational version. Ignored on input.</summary>
    public const string ToolVersion = "tool_version";
    /// <summary>Metadata written to config.json: the source commit, when known. Ignored on input.</summary>
    public const string GitCommit = "git_commit";

    /// <summary>The hyperparameter keys, in the order <see cref="TrpoOptions"/> declares them.</summary>
    public static IReadOnlyList<OptionKey> Hyperparameters { get; } =
    [
        Integer("steps_per_epoch", o => o.StepsPerEpoch, (o, v) => o with { StepsPerEpoch = v }),
        Integer("num_envs", o => o.NumEnvs, (o, v) => o with { NumEnvs = v }),
        Number("gamma", o => o.Gamma, (o, v) => o with { Gamma = v }),
        Number("lam", o => o.Lam, (o, v) => o with { Lam = v }),
        Number("delta", o => o.Delta, (o, v) => o with { Delta = v }),
        Number("damping_coeff", o => o.DampingCoeff, (o, v) => o with { DampingCoeff = v }),
        Integer("cg_iters", o => o.CgIters, (o, v) => o with { CgIters = v }),
        Number("cg_residual_tol", o => o.CgResidualTol, (o, v) => o with { CgResidualTol = v }),
        Integer("backtrack_iters", o => o.BacktrackIters, (o, v) => o with { BacktrackIters = v }),
        Number("backtrack_coeff", o => o.BacktrackCoeff, (o, v) => o with { BacktrackCoeff = v }),
        Number("vf_lr", o => o.VfLr, (o, v) => o with { VfLr = v }),
        Integer("train_v_iters", o => o.TrainVIters, (o, v) => o with { TrainVIters = v }),
        Integer("vf_batch_size", o => o.VfBatchSize, (o, v) => o with { VfBatchSize = v }),
        Number("adam_eps", o => o.AdamEps, (o, v) => o with { AdamEps = v }),
        new("hidden_sizes",
            (o, raw) => o with { HiddenSizes = ValueParsers.IntList(raw) },
            (w, o) =>
            {
                w.WriteStartArray();
                foreach (var width in o.HiddenSizes) w.WriteNumberValue(width);
                w.WriteEndArray();
            }),
        new("init",
            (o, raw) => o with { Init = ValueParsers.Init(raw) },
            (w, o) => w.WriteStringValue(o.Init.ToString().ToLowerInvariant())),
        Number("log_std_init", o => o.LogStdInit, (o, v) => o with { LogStdInit = v }),
        new("normalize_advantages",
            (o, raw) => o with { NormalizeAdvantages = ValueParsers.Bool(raw) },
            (w, o) => w.WriteBooleanValue(o.NormalizeAdvantages)),
        new("normalize_obs",
            (o, raw) => o with { NormalizeObs = ValueParsers.Bool(raw) },
            (w, o) => w.WriteBooleanValue(o.NormalizeObs)),
        new("normalize_reward",
            (o, raw) => o with { NormalizeReward = ValueParsers.Bool(raw) },
            (w, o) => w.WriteBooleanValue(o.NormalizeReward)),
        Number("clip_obs", o => o.ClipObs, (o, v) => o with { ClipObs = v }),
        Number("clip_reward", o => o.ClipReward, (o, v) => o with { ClipReward = v }),
        new("use_sde",
            (o, raw) => o with { UseSde = ValueParsers.Bool(raw) },
            (w, o) => w.WriteBooleanValue(o.UseSde)),
        Integer("sde_sample_freq", o => o.SdeSampleFreq, (o, v) => o with { SdeSampleFreq = v }),
        new("clip_actions",
            (o, raw) => o with { ClipActions = ValueParsers.Bool(raw) },
            (w, o) => w.WriteBooleanValue(o.ClipActions)),
    ];

    /// <summary>The run-level keys.</summary>
    public static IReadOnlyList<string> RunKeys { get; } = [Env, Seed, Epochs, Preset];

    /// <summary>Keys config.json records for provenance; accepted and ignored on input, so a run's config.json can be fed back with --config.</summary>
    public static IReadOnlyList<string> MetadataKeys { get; } = [ToolVersion, GitCommit];

    /// <summary>Every key a configuration layer may set, sorted (the LQR-v0 system's keys, <see cref="LqrKeys"/>, included).</summary>
    public static IReadOnlyList<string> AllNames { get; } =
        Hyperparameters.Select(k => k.Name).Concat(RunKeys).Concat(MetadataKeys).Concat(LqrKeys.Names).Order(StringComparer.Ordinal).ToArray();

    /// <summary>True when <paramref name="key"/> (lower case) is a known key.</summary>
    public static bool IsKnown(string key) => AllNames.Contains(key, StringComparer.Ordinal);

    private static OptionKey Integer(string name, Func<TrpoOptions, int> get, Func<TrpoOptions, int, TrpoOptions> set)
        => new(name, (o, raw) => set(o, ValueParsers.Int(raw)), (w, o) => w.WriteNumberValue(get(o)));

    private static OptionKey Number(string name, Func<TrpoOptions, double> get, Func<TrpoOptions, double, TrpoOptions> set)
        => new(name, (o, raw) => set(o, ValueParsers.Double(raw)), (w, o) => JsonFormat.WriteDouble(w, get(o)));
}
