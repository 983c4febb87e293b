namespace Trpo.Core.Evaluation;

/// <summary>One evaluation episode.</summary>
/// <param name="Return">Σ r_t, the raw (never normalised) rewards of the episode.</param>
/// <param name="Length">Steps taken.</param>
/// <param name="Terminated">True when the MDP reached a terminal state, false when the time limit cut the episode.</param>
public readonly record struct EpisodeOutcome(double Return, int Length, bool Terminated);
