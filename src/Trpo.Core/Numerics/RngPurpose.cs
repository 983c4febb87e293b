namespace Trpo.Core.Numerics;

/// <summary>
/// What a random stream is used for. Each purpose gets its own independent stream so that, for example,
/// changing how many minibatch shuffles happen never changes the actions sampled. The numeric values are
/// part of the frozen stream definition: never renumber them.
/// </summary>
public enum RngPurpose : ulong
{
    /// <summary>Initial weights of the policy network.</summary>
    PolicyInit = 1,
    /// <summary>Initial weights of the value network.</summary>
    ValueInit = 2,
    /// <summary>
    /// Formerly environment start states; resets now draw from <see cref="NumPyGenerator"/> seeded with seed + env index
    /// (Gymnasium-identical start states). Kept reserved: never reuse the value.
    /// </summary>
    EnvironmentReset = 3,
    /// <summary>Action sampling (one stream per env index).</summary>
    ActionSampling = 4,
    /// <summary>Minibatch shuffles of the critic fit.</summary>
    MinibatchShuffle = 5,
    /// <summary>Bootstrap resampling of results over seeds (batch aggregation); one fixed stream, index 0.</summary>
    Bootstrap = 6,
    /// <summary>gSDE's exploration matrices (one stream per env index; <see cref="Policies.ExplorationNoise"/>).</summary>
    ExplorationNoise = 7,
    /// <summary>Fixed evaluation sets, e.g. the LQR cost-gap start states (used with seed 0, whatever the run's seed).</summary>
    Evaluation = 10,
    /// <summary>Sampled actions of a stochastic evaluation (<c>trpo eval --stochastic</c>), with the evaluation's seed; index 0.</summary>
    EvaluationActions = 11,
    /// <summary>gSDE's exploration matrices in a stochastic evaluation, with the evaluation's seed; index 0.</summary>
    EvaluationNoise = 12,
    /// <summary>Reserved for tests and tools that need their own stream.</summary>
    Test = 99,
}
