using Trpo.Cli.Configuration;

namespace Trpo.Cli.Batch;

/// <summary>One run of a batch, fully resolved.</summary>
/// <param name="Index">0-based position in the batch's canonical order (environment, grid values, seed); shards are cut from it.</param>
/// <param name="Name">The run's folder name, e.g. <c>CartPole-v1__delta0.02_lam0.9__seed3</c>.</param>
/// <param name="Configuration">The name of its configuration (the run name without the seed), e.g. <c>CartPole-v1__delta0.02_lam0.9</c>.</param>
/// <param name="Values">The swept keys' values of this run, in key order.</param>
/// <param name="Settings">Everything the run trains with.</param>
public sealed record PlannedRun(int Index, string Name, string Configuration, IReadOnlyList<SweptValue> Values, RunSettings Settings)
{
    /// <summary>The environment id.</summary>
    public string EnvironmentId => Settings.EnvironmentId;

    /// <summary>The seed.</summary>
    public ulong Seed => Settings.Seed;
}

/// <summary>A swept key's value in one run.</summary>
/// <param name="Key">The key, e.g. <c>lam</c>.</param>
/// <param name="Value">Its value.</param>
public sealed record SweptValue(string Key, GridValue Value);
