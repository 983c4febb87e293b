using Trpo.Core.Environments;

namespace Trpo.Core.Training;

/// <summary>
/// Runs TRPO epochs on one environment with one seed. Everything it computes is a pure function of
/// (options, environment id, seed, epoch count): the same inputs give the same bits.
/// </summary>
public sealed class Trainer
{
    /// <summary>Sets up networks, environments and RNG streams for <paramref name="environmentId"/> and <paramref name="seed"/>.</summary>
    public Trainer(TrpoOptions options, string environmentId, ulong seed)
    {
        Options = options;
        Spec = EnvironmentRegistry.SpecOf(environmentId);
        Seed = seed;
        throw new NotImplementedException("engine under construction");
    }

    /// <summary>The hyperparameters in force.</summary>
    public TrpoOptions Options { get; }
    /// <summary>The environment's spec.</summary>
    public EnvironmentSpec Spec { get; }
    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }
    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }
    /// <summary>Environment steps taken so far.</summary>
    public long EnvSteps { get; private set; }

    /// <summary>Collects one batch, updates the policy and the value function, and reports.</summary>
    public EpochReport RunEpoch() => throw new NotImplementedException();
}
