namespace Trpo.Core.Optimization;

/// <summary>The outcome of the line search.</summary>
/// <param name="Attempts">Every attempt, in order; the last is the accepted one when any was.</param>
/// <param name="AcceptedFraction">backtrack_coeff^j of the accepted attempt j, or 0 when none was accepted.</param>
public sealed record LineSearchResult(IReadOnlyList<LineSearchAttempt> Attempts, double AcceptedFraction)
{
    /// <summary>True when an attempt satisfied both conditions.</summary>
    public bool Accepted => AcceptedFraction > 0;
    /// <summary>The accepted attempt, if any.</summary>
    public LineSearchAttempt? AcceptedAttempt => Accepted ? Attempts[^1] : null;
}

/// <summary>
/// TRPO's backtracking line search (Schulman et al. 2015, appendix C; Spinning Up's TRPO): for
/// j = 0 .. backtrack_iters−1 try θ = θ_old + backtrack_coeff^j · β x and accept the first j with
/// D̄_KL ≤ δ and L(θ) − L(θ_old) &gt; 0.
/// </summary>
public static class BacktrackingLineSearch
{
    /// <summary>Evaluates a trial at a step fraction: returns (mean KL, surrogate improvement).</summary>
    public delegate (double Kl, double Improvement) TrialEvaluator(double fraction);

    /// <summary>Runs the search. Fractions are the running product 1, c, c², ... (no pow).</summary>
    public static LineSearchResult Run(int backtrackIters, double backtrackCoeff, double delta, TrialEvaluator evaluate)
    {
        var attempts = new List<LineSearchAttempt>(backtrackIters);
        double fraction = 1.0;
        for (int j = 0; j < backtrackIters; j++)
        {
            var (kl, improvement) = evaluate(fraction);
            bool accepted = kl <= delta && improvement > 0;
            attempts.Add(new LineSearchAttempt(fraction, kl, improvement, accepted));
            if (accepted) return new LineSearchResult(attempts, fraction);
            fraction *= backtrackCoeff;
        }
        return new LineSearchResult(attempts, 0.0);
    }
}
