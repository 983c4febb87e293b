using Trpo.Core.Statistics;

namespace Trpo.Core.Evaluation;

/// <summary>The episodes of one evaluation, in the order they were played, and their summary.</summary>
/// <param name="Seed">The seed of the evaluation environment's first reset (Gymnasium's <c>reset(seed=Seed)</c>).</param>
/// <param name="Episodes">The episodes, first to last.</param>
/// <param name="Stochastic">True when the actions were sampled from π_θ(·|s) (<see cref="PolicyEvaluation"/>), false for its mode.</param>
public sealed record EvaluationResult(ulong Seed, IReadOnlyList<EpisodeOutcome> Episodes, bool Stochastic = false)
{
    /// <summary>Mean, sample std, standard error, min and max of the episode returns.</summary>
    public SampleSummary Returns { get; } = SampleSummary.Of(Episodes.Select(e => e.Return).ToArray());

    /// <summary>Mean, sample std, standard error, min and max of the episode lengths.</summary>
    public SampleSummary Lengths { get; } = SampleSummary.Of(Episodes.Select(e => (double)e.Length).ToArray());
}
