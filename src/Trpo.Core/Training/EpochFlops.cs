using Trpo.Core.Policies;

namespace Trpo.Core.Training;

/// <summary>
/// The floating-point work of one epoch by formula (README, "Performance"): multiplies and adds of the dense
/// layers, each counted as one FLOP; biases, tanh, the distributions and vector updates are left out (under 1%
/// for [64, 64] nets). With m_l = in_l · out_l and M = Σ_l m_l, per row: a forward pass costs 2M, a reverse
/// pass 2M (weight gradients) + 2(M − m_0) (deltas; none for the input), a forward-mode pass 2m_0 + 4(M − m_0)
/// (dW a + W da on every layer after the first), so a Fisher-vector product by those passes costs 8M − 4m_0.
/// Through output sensitivities (<see cref="Mlp.FisherBySensitivities"/>; k outputs, hidden widths h) a product costs
/// 2M (dW a) + 2M (weight gradients) + 4k Σ h (S · dz and Sᵀ u), after 2k (M − m_0 − m_{L−1}) per row once per policy
/// step for the sensitivities (k reverse sweeps; the last hidden layer's are a copy of W_L times tanh').
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

    /// <summary>FLOPs of one Fisher-vector product over one row by the forward-mode and reverse passes.</summary>
    public static long FisherVectorProduct(Mlp net) => Tangent(net) + Backward(net);

    /// <summary>FLOPs of one Fisher-vector product over one row through output sensitivities: 4M + 4k Σ_h h.</summary>
    public static long FisherVectorProductBySensitivities(Mlp net) => 4 * Weights(net) + 4L * net.OutputSize * HiddenUnits(net);

    /// <summary>FLOPs of one row's output sensitivities (once per policy step): 2k Σ_{l=1}^{L−2} m_l.</summary>
    public static long OutputSensitivities(Mlp net)
    {
        long m = 0;
        for (int l = 1; l < net.LayerCount - 1; l++) m += (long)net.LayerInput(l) * net.LayerOutput(l);
        return 2L * net.OutputSize * m;
    }

    /// <summary>
    /// The FLOPs of one epoch of <paramref name="rows"/> rows: rollout forward passes, V(s) (the few bootstrap rows
    /// left out), π_old's forward pass and the gradient, <paramref name="fisherProducts"/> Fisher-vector products (CG iterations
    /// + 1 for xᵀFx), <paramref name="lineSearchAttempts"/> trial forward passes, and <paramref name="criticRows"/>
    /// row-passes of the value fit (forward + reverse). With <paramref name="fisherBySensitivities"/> the products went
    /// through output sensitivities (<see cref="PolicyStepResult.FisherBySensitivities"/>), which also cost their
    /// precomputation once.
    /// </summary>
    public static long Epoch(Mlp policy, Mlp value, long rows, int fisherProducts, int lineSearchAttempts, long criticRows, bool fisherBySensitivities)
        => rows * Forward(policy)
           + rows * Forward(value)
           + rows * (Forward(policy) + Backward(policy))
           + (fisherBySensitivities
               ? rows * OutputSensitivities(policy) + fisherProducts * rows * FisherVectorProductBySensitivities(policy)
               : fisherProducts * rows * FisherVectorProduct(policy))
           + lineSearchAttempts * rows * Forward(policy)
           + criticRows * (Forward(value) + Backward(value));

    private static long FirstLayer(Mlp net) => (long)net.LayerInput(0) * net.LayerOutput(0);

    private static long HiddenUnits(Mlp net)
    {
        long h = 0;
        for (int l = 1; l < net.LayerCount; l++) h += net.LayerInput(l);
        return h;
    }
}
