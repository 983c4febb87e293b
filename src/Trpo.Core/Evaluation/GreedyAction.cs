using Trpo.Core.Environments;

namespace Trpo.Core.Evaluation;

/// <summary>
/// The deterministic action of a policy, as sb3's <c>predict(obs, deterministic=True)</c> takes it: the mode of the
/// distribution. Categorical: argmax of the logits (the first index on ties, as NumPy's and torch's argmax).
/// Diagonal Gaussian and gSDE: the mean μ(s) (gSDE's noise term E ᵀ f(s) has mean 0), clipped to the action
/// space's bounds as sb3's <c>BasePolicy.predict</c> clips every Box action before it reaches the environment
/// (stable-baselines3 v2.3.2, common/policies.py).
/// </summary>
public static class GreedyAction
{
    /// <summary>
    /// Writes the mode of the distribution whose parameters are <paramref name="outputs"/> (logits or means; any
    /// trailing gSDE features are ignored) into <paramref name="action"/>: one element, the index, for a discrete space;
    /// the clipped mean for a continuous one.
    /// </summary>
    public static void Of(EnvironmentSpec spec, ReadOnlySpan<double> outputs, Span<double> action)
    {
        if (spec.ActionKind == ActionKind.Discrete)
        {
            int best = 0;
            for (int i = 1; i < spec.ActionSize; i++)
                if (outputs[i] > outputs[best]) best = i;
            action[0] = best;
            return;
        }
        spec.ClipAction(outputs[..spec.ActionSize], action);
    }
}
