namespace Trpo.Core.Optimization;

/// <summary>One trial of the backtracking line search.</summary>
/// <param name="Fraction">backtrack_coeff^j: the fraction of the full step tried.</param>
/// <param name="Kl">Mean KL(π_old ‖ π_trial).</param>
/// <param name="Improvement">L(θ_trial) − L(θ_old).</param>
/// <param name="Accepted">Kl ≤ δ and Improvement &gt; 0.</param>
public readonly record struct LineSearchAttempt(double Fraction, double Kl, double Improvement, bool Accepted);
