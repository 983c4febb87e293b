namespace Trpo.Core.Advantage;

/// <summary>
/// Generalized Advantage Estimation (Schulman et al., "High-Dimensional Continuous Control Using
/// Generalized Advantage Estimation", ICLR 2016, eq. 16) over one environment's contiguous segment.
/// </summary>
public static class Gae
{
    /// <summary>
    /// Backward recursion over t = T−1 .. 0:
    /// <code>
    /// delta_t = r_t + γ V_next(t) − V(s_t)
    /// A_t     = delta_t + γ λ A_next(t)
    /// </code>
    /// where at a termination V_next = 0 and A_next = 0 (a terminal state has no future: the episode's return
    /// ends there); at a truncation or at the segment's last step V_next = V(s_{t+1}) from
    /// <paramref name="bootstrapValues"/> (the episode would have gone on: its value estimate stands in for the
    /// unseen rewards) and A_next = 0; otherwise V_next = V(s_{t+1}) and A_next = A_{t+1}.
    /// Value targets are A_t + V(s_t) (the λ-return).
    /// </summary>
    /// <param name="rewards">r_t.</param>
    /// <param name="values">V(s_t).</param>
    /// <param name="terminated">Episode ended in a terminal state at step t.</param>
    /// <param name="truncated">Episode was cut by the time limit at step t (ignored where terminated).</param>
    /// <param name="bootstrapValues">V(s_{t+1}) of the final observation, read where the episode was truncated or at t = T−1.</param>
    /// <param name="gamma">Discount γ.</param>
    /// <param name="lambda">GAE λ.</param>
    /// <param name="deltas">Output: TD residuals delta_t.</param>
    /// <param name="advantages">Output: A_t.</param>
    /// <param name="targets">Output: value targets A_t + V(s_t).</param>
    public static void Compute(
        ReadOnlySpan<double> rewards, ReadOnlySpan<double> values,
        ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<double> bootstrapValues,
        double gamma, double lambda,
        Span<double> deltas, Span<double> advantages, Span<double> targets)
    {
        int T = rewards.Length;
        double nextAdvantage = 0.0;
        for (int t = T - 1; t >= 0; t--)
        {
            double nextValue;
            if (terminated[t])
            {
                nextValue = 0.0;
                nextAdvantage = 0.0;
            }
            else if (truncated[t] || t == T - 1)
            {
                nextValue = bootstrapValues[t];
                nextAdvantage = 0.0;
            }
            else
            {
                nextValue = values[t + 1];
            }
            // delta_t = r_t + γ V(s_{t+1}) (1 − terminal) − V(s_t)
            double delta = rewards[t] + gamma * nextValue - values[t];
            // A_t = delta_t + γ λ A_{t+1}
            double advantage = delta + gamma * lambda * nextAdvantage;
            deltas[t] = delta;
            advantages[t] = advantage;
            targets[t] = advantage + values[t];
            nextAdvantage = advantage;
        }
    }
}
