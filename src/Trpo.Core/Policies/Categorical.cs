using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// The categorical distribution over K actions parameterised by logits z: p_i = exp(z_i) / Σ_j exp(z_j).
/// All functions work on one row of logits; spans passed as scratch must have length K.
/// </summary>
public static class Categorical
{
    /// <summary>log p_i = z_i − m − log Σ_j exp(z_j − m), with m = max_j z_j for stability.</summary>
    /// <remarks>exp(z_j − m) at the maximum is exp(0) = 1 exactly, so it is not evaluated.</remarks>
    public static void LogSoftmax(ReadOnlySpan<double> logits, Span<double> logProbs)
    {
        double m = logits[0];
        for (int i = 1; i < logits.Length; i++) if (logits[i] > m) m = logits[i];
        double s = 0.0;
        for (int i = 0; i < logits.Length; i++)
        {
            double d = logits[i] - m;
            s += d == 0.0 ? 1.0 : DetMath.Exp(d);
        }
        double logZ = m + DetMath.Log(s);
        for (int i = 0; i < logits.Length; i++) logProbs[i] = logits[i] - logZ;
    }

    /// <summary>p_i = exp(log p_i).</summary>
    public static void Probabilities(ReadOnlySpan<double> logits, Span<double> probs)
    {
        LogSoftmax(logits, probs);
        for (int i = 0; i < probs.Length; i++) probs[i] = DetMath.Exp(probs[i]);
    }

    /// <summary>log π(a) for the action index <paramref name="action"/>.</summary>
    public static double LogProb(ReadOnlySpan<double> logits, int action, Span<double> scratch)
    {
        LogSoftmax(logits, scratch);
        return scratch[action];
    }

    /// <summary>H = −Σ_i p_i log p_i.</summary>
    public static double Entropy(ReadOnlySpan<double> logits, Span<double> scratch)
    {
        LogSoftmax(logits, scratch);
        double h = 0.0;
        for (int i = 0; i < scratch.Length; i++) h -= DetMath.Exp(scratch[i]) * scratch[i];
        return h;
    }

    /// <summary>KL(p ‖ q) = Σ_i p_i (log p_i − log q_i) for logits of p (<paramref name="oldLogits"/>) and q.</summary>
    public static double Kl(ReadOnlySpan<double> oldLogits, ReadOnlySpan<double> newLogits, Span<double> scratchOld, Span<double> scratchNew)
    {
        LogSoftmax(oldLogits, scratchOld);
        LogSoftmax(newLogits, scratchNew);
        double kl = 0.0;
        for (int i = 0; i < scratchOld.Length; i++) kl += DetMath.Exp(scratchOld[i]) * (scratchOld[i] - scratchNew[i]);
        return kl;
    }

    /// <summary>∂ log π(a) / ∂z_i = 1[i = a] − p_i, written to <paramref name="gradient"/>.</summary>
    public static void LogProbGradient(ReadOnlySpan<double> logits, int action, Span<double> gradient)
    {
        Probabilities(logits, gradient);
        for (int i = 0; i < gradient.Length; i++) gradient[i] = -gradient[i];
        gradient[action] += 1.0;
    }

    /// <summary>
    /// The Fisher matrix of the logits applied to u: M u = diag(p) u − p (pᵀu), the Hessian of
    /// KL(p_old ‖ p(z)) in z at z = z_old. <paramref name="probs"/> are p_old.
    /// </summary>
    public static void FisherProduct(ReadOnlySpan<double> probs, ReadOnlySpan<double> u, Span<double> result)
    {
        double pu = 0.0;
        for (int i = 0; i < probs.Length; i++) pu += probs[i] * u[i];
        for (int i = 0; i < probs.Length; i++) result[i] = probs[i] * (u[i] - pu);
    }

    /// <summary>Inverse-CDF sample: the first i with Σ_{j≤i} p_j &gt; u for u uniform on [0, 1) (the last index if rounding leaves none).</summary>
    /// <remarks>p_i = exp(log p_i) is evaluated only as far as the cumulative sum needs it.</remarks>
    public static int Sample(ReadOnlySpan<double> logits, Rng rng, Span<double> scratch)
    {
        LogSoftmax(logits, scratch);
        double u = rng.NextDouble();
        double cumulative = 0.0;
        for (int i = 0; i < scratch.Length - 1; i++)
        {
            cumulative += DetMath.Exp(scratch[i]);
            if (u < cumulative) return i;
        }
        return scratch.Length - 1;
    }
}
