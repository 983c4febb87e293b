using Trpo.Core.Control;
using Trpo.Core.Environments;
using Trpo.Core.Training;

namespace Trpo.Cli.Configuration;

/// <summary>A fully resolved and validated run: what config.json records and what the trainer gets.</summary>
/// <param name="EnvironmentId">The environment id, e.g. <c>CartPole-v1</c> (key <c>env</c>).</param>
/// <param name="Seed">The seed, 0..4294967295 (key <c>seed</c>, default 0 as in Spinning Up).</param>
/// <param name="Epochs">Epochs to run, 1..1000000 (key <c>epochs</c>, default 50 as in Spinning Up).</param>
/// <param name="Preset">The preset the hyperparameters started from (key <c>preset</c>).</param>
/// <param name="Options">Every hyperparameter, after all layers.</param>
/// <param name="Lqr">The system of an LQR-v0 run (keys <c>lqr_*</c>, <see cref="LqrKeys"/>); null for other environments.</param>
public sealed record RunSettings(string EnvironmentId, ulong Seed, int Epochs, string Preset, TrpoOptions Options, LqrSystem? Lqr = null)
{
    /// <summary>Makes one of the run's environments: LQR-v0 on <see cref="Lqr"/>, otherwise the registry's.</summary>
    public Func<IEnvironment> EnvironmentFactory => Lqr is { } system
        ? () => new Core.Environments.Lqr(system)
        : () => EnvironmentRegistry.Create(EnvironmentId);

    /// <summary>Default of <c>seed</c> (Spinning Up's default).</summary>
    public const ulong DefaultSeed = 0;
    /// <summary>Largest accepted seed (seeds are 32-bit so that every peer implementation can take them).</summary>
    public const ulong MaxSeed = uint.MaxValue;
    /// <summary>Default of <c>epochs</c> (Spinning Up's default).</summary>
    public const int DefaultEpochs = 50;
    /// <summary>Largest accepted <c>epochs</c>.</summary>
    public const int MaxEpochs = 1_000_000;

    /// <summary>The default run folder name, <c>{env}__{preset}__seed{seed}</c>: no wall-clock time in it.</summary>
    public string RunName => $"{EnvironmentId}__{Preset}__seed{Seed}";
}
