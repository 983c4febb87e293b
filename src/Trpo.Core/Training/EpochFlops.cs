using Trpo.Core.Policies;

namespace Trpo.Core.Training;

/// <summary>
/// The floating-point work of one epoch by formula (README, "Performance"): multiplies and adds of the dense
/// layers, each counted as one FLOP; biases, tanh, the distributions and vector updates are left out (under 1%
/// for [64, 64] nets). With m_l = in_l · out_l and M = Σ_l m_l, per row: a forward pass costs 2M, a reverse
/// pass 2M (weight gradients) + 2(M − m_0) (deltas; none for the input), a forward-mode pass 2m_0 + 4(M − m_0)
/// (dW a + W da on every layer after the first), so a Fisher-vector product costs 8M − 4m_0.
/// </summary>
public static class EpochFlops
{
    /// <summary>Σ_l in_l · out_l of <paramref name="net"/>.</summary>
    public static long Weights(Mlp net)
    {
        long m = 0;
        for (int l = 0; l < net.LayerCount; l++) m += (long)net.LayerInput(l) * net.LayerOutput(l);
        return m;
    }

    /// <summary>FLOPs of one forward pass over one row.</summary>
    public static long Forward(Mlp net) => 2 * Weights(net);

    /// <summary>FLOPs of one reverse pass over one row.</summary>
    public static long Backward(Mlp net) => 2 * Weights(net) + 2 * (Weights(net) - FirstLayer(net));

    /// <summary>FLOPs of one forward-mode (Jacobian-vector) pass over one row.</summary>
    public static long Tangent(Mlp net) => 2 * FirstLayer(net) + 4 * (Weights(net) - FirstLayer(net));

    /// <summary>FLOPs of one Fisher-vector product over one row (forward mode, then reverse).</summary>
    public static long FisherVectorProduct(Mlp net) => Tangent(net) + Backward(net);

    /// <summary>
    /// The FLOPs of one epoch of <paramref name="rows"/> rows: rollout forward passes, V(s) (the few bootstrap rows
    /// left out), π_old's forward pass and the gradient, <paramref name="fisherProducts"/> Fisher-vector products (CG iterations
    /// + 1 for xᵀFx), <paramref name="lineSearchAttempts"/> trial forward passes, and <paramref name="criticRows"/>
    /// row-passes of the value fit (forward + reverse).
    /// </summary>
    public static long Epoch(Mlp policy, Mlp value, long rows, int fisherProducts, int lineSearchAttempts, long criticRows)
        => rows * Forward(policy)
           + rows * Forward(value)
           + rows * (Forward(policy) + Backward(policy))
           + fisherProducts * rows * FisherVectorProduct(policy)
           + lineSearchAttempts * rows * Forward(policy)
           + criticRows * (Forward(value) + Backward(value));

    private static long FirstLayer(Mlp net) => (long)net.LayerInput(0) * net.LayerOutput(0);
}
