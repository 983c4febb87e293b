using Trpo.Core.Numerics;
using Trpo.Core.Training;

namespace Trpo.Core.Policies;

/// <summary>
/// Jᵀ M J v through precomputed output sensitivities (docs/algorithm.md, "Fisher-vector product"). The network's
/// output has only k = <see cref="OutputSize"/> components, so the sensitivities S_h[n, o, :] = ∂f_o/∂z_h of every
/// row and hidden layer h are computed once at θ_old (k reverse sweeps per row) and every product then needs no
/// W da and no W δ terms:
/// (J v)_{n,o} = (dW_L a_{L−1} + db_L)_o + Σ_h S_h[n,o,:] · (dW_h a_{h−1} + db_h), and
/// Jᵀ u adds c_h a_{h−1}ᵀ to ∂W_h and c_h to ∂b_h with c_h = Σ_o u_o S_h[o,:] (c_L = u). The last hidden layer's
/// share, S_{L−1} · dz = W_L (1 − a²) dz and its transpose, runs through the forward-mode and reverse kernels, so only
/// S_1 .. S_{L−2} are stored (for [64, 64]: S_1, rows × k × 64 doubles).
/// About 4M + 4k Σ_h width_h FLOP per row instead of the forward-mode and reverse passes' 8M − 4m_0.
/// </summary>
/// <remarks>
/// The same F v as <see cref="JacobianTransposeMapJacobian"/> (the same Jᵀ M J) with other roundings. Chunks and
/// the chunk-order reduction of the partial gradients are those of <see cref="Backward"/>, so the bits do not
/// depend on the number of threads. S_{L−1}[o, j] = W_L[o, j] (1 − a_{L−1,j}²) (chunk scratch only) and
/// S_h = (1 − a_h²) ⊙ W_{h+1}ᵀ S_{h+1} in <see cref="Kernels.LaneDot"/> order (<see cref="Kernels.SensitivitiesThroughTanh"/>).
/// </remarks>
public sealed partial class Mlp
{
    /// <summary>
    /// Whether a Fisher-vector product over <paramref name="rows"/> rows goes through output sensitivities, decided from
    /// the network's shape and the batch size only (never timing): a product by sensitivities costs fewer FLOPs
    /// (k Σ_h width_h &lt; M − m_0, <see cref="Trpo.Core.Training.EpochFlops"/>; never true with a single hidden layer, where
    /// both cost 4M + 4kh), the workspace caches activations, and the stored sensitivities (rows × k × Σ_{h ≤ L−2} width_h
    /// doubles: every hidden layer but the last) fit <see cref="MlpWorkspace.ActivationCacheBytes"/>.
    /// Otherwise the forward-mode and reverse passes run (<see cref="JacobianTransposeMapJacobian"/>; e.g. huge batches).
    /// </summary>
    public bool FisherBySensitivities(int rows, bool cachesActivations)
    {
        if (LayerCount < 2 || !cachesActivations) return false;
        // 4M + 4kΣh < 8M − 4m_0, i.e. kΣh < M − m_0
        if (EpochFlops.FisherVectorProductBySensitivities(this) >= EpochFlops.FisherVectorProduct(this)) return false;
        long stored = 0;
        for (int h = 1; h < LayerCount - 1; h++) stored += _sizes[h];
        return (long)rows * OutputSize * stored * sizeof(double) <= MlpWorkspace.ActivationCacheBytes;
    }

    /// <summary>
    /// Computes the output sensitivities of the first <paramref name="rows"/> rows at <paramref name="theta"/> into
    /// <paramref name="ws"/>, after <see cref="Forward"/> on the same workspace and θ. Allocates only when the batch grows.
    /// </summary>
    internal void PrepareOutputSensitivities(ReadOnlySpan<double> theta, int rows, MlpWorkspace ws)
    {
        CheckTheta(theta);
        if (LayerCount < 2) throw new InvalidOperationException("a network without hidden layers has no output sensitivities");
        ws.EnsureSensitivities(rows);
        var job = JobsOf(ws).Sensitivities;
        job.Prepare(ws.PinTheta(theta), rows);
        ws.Workers.For(Workers.ChunkCount(rows), job);
    }

    /// <summary>
    /// Jᵀ M J v as <see cref="JacobianTransposeMapJacobian"/> (the map on each row's J v, partials added in chunk
    /// order), through the sensitivities that <see cref="PrepareOutputSensitivities"/> computed at the same θ.
    /// </summary>
    internal void JacobianTransposeMapJacobianBySensitivities(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int rows, MlpWorkspace ws, IOutputMap map, Span<double> gradient)
    {
        CheckTheta(theta);
        if (tangent.Length != ParameterCount) throw new ArgumentException($"tangent has length {tangent.Length}, expected {ParameterCount}");
        if (gradient.Length != ParameterCount) throw new ArgumentException($"gradient has length {gradient.Length}, expected {ParameterCount}");
        if (ws.SensitivityRows < rows) throw new InvalidOperationException("PrepareOutputSensitivities must be called for these rows first");
        var job = JobsOf(ws).SensitivityProduct;
        job.Prepare(ws.PinTheta(theta), ws.PinTangent(tangent), rows, map);
        RunReduction(job, rows, ws, gradient);
    }

    /// <summary>
    /// S_h of the chunk's rows for h = L−2 down to 1, from S_{L−1} = W_L diag(1 − a_{L−1}²) in the chunk scratch (not
    /// stored: the products apply the last hidden layer by the forward-mode and reverse kernels); the chunk's
    /// activations must be in place.
    /// </summary>
    private void SensitivityRows(ReadOnlySpan<double> theta, int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch)
    {
        int k = OutputSize, last = LayerCount - 1;
        if (last < 2) return;
        // S_{L−1}[o, j] = W_L[o, j] (1 − a_{L−1,j}²)
        int width = _sizes[last];
        Span<double> lastSensitivities = scratch.LastSensitivities.AsSpan(0, count * k * width);
        Kernels.LastHiddenSensitivities(theta.Slice(_weightOffsets[last], width * k), width, k, ws.Activations(last, start, count, scratch), count, lastSensitivities);
        for (int h = last - 1; h >= 1; h--)
        {
            int nIn = _sizes[h], nOut = _sizes[h + 1];
            ReadOnlySpan<double> next = h + 1 == last ? lastSensitivities : ws.Sensitivities[h + 1].AsSpan(start * k * nOut, count * k * nOut);
            // S_h[o, :] = (1 − a_h²) ⊙ W_{h+1}ᵀ S_{h+1}[o, :]
            Kernels.SensitivitiesThroughTanh(theta.Slice(_weightOffsets[h], nIn * nOut), nIn, nOut, next, k,
                ws.Activations(h, start, count, scratch), count, ws.Sensitivities[h].AsSpan(start * k * nIn, count * k * nIn));
        }
    }

    /// <summary>
    /// One chunk of Jᵀ M J v by sensitivities: dz_l = dW_l a_{l−1} + db_l on every layer below the output,
    /// J v = dW_L a_{L−1} + W_L (1 − a_{L−1}²) dz_{L−1} + db_L + Σ_{h ≤ L−2} S_h · dz_h, u = M J v by <paramref name="map"/>,
    /// then c_L = u, c_{L−1} = (1 − a_{L−1}²) ⊙ W_Lᵀ u, c_h = S_hᵀ u below, and the weight and bias gradients (rows summed in order).
    /// </summary>
    /// <remarks>
    /// The last hidden layer goes through the forward-mode and reverse kernels (<see cref="Kernels.AffinePairRows"/>,
    /// <see cref="Kernels.BackpropTanhRows"/>): W_L da costs the same 2k·width as S_{L−1} · dz would, and S_{L−1} then
    /// need not be stored, which halves the sensitivities' memory traffic for [64, 64].
    /// </remarks>
    private void SensitivityProductRows(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch, IOutputMap map, Span<double> gradient)
    {
        int k = OutputSize, last = LayerCount - 1;
        // dz_l = (Σ_k dW_jk a_k) + db_j below the output: each layer's own tangent, without the W da of the layers below
        for (int l = 0; l < last; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            Kernels.AffineRows(ws.Activations(l, start, count, scratch), count, nIn, tangent.Slice(_weightOffsets[l], nIn * nOut), nOut,
                tangent.Slice(_biasOffsets[l], nOut), scratch.Tangents[l + 1].AsSpan(0, count * nOut));
        }
        int width = _sizes[last];
        ReadOnlySpan<double> aLast = ws.Activations(last, start, count, scratch);
        Span<double> daLast = scratch.Tangents[last].AsSpan(0, count * width);
        // da_{L−1} = (1 − a_{L−1}²) dz_{L−1}; (J v)_o = (Σ_j (dW_oj a_j + W_oj da_j)) + db_o
        Kernels.MultiplyByTanhDerivative(daLast, aLast);
        ReadOnlySpan<double> wLast = theta.Slice(_weightOffsets[last], width * k);
        Span<double> jv = scratch.Tangents[LayerCount].AsSpan(0, count * k);
        Kernels.AffinePairRows(aLast, daLast, count, width, tangent.Slice(_weightOffsets[last], width * k), wLast, k, tangent.Slice(_biasOffsets[last], k), jv);
        // (J v)_o += S_h[o, :] · dz_h for the hidden layers below the last, from the deepest down
        for (int h = last - 1; h >= 1; h--)
        {
            int w = _sizes[h];
            Kernels.AddSensitivityDots(ws.Sensitivities[h].AsSpan(start * k * w, count * k * w), scratch.Tangents[h].AsSpan(0, count * w), w, k, count, jv);
        }
        Span<double> u = scratch.Deltas[LayerCount].AsSpan(0, count * k);
        map.Map(start, count, jv, u, scratch.RowScratch);
        for (int l = last; l >= 0; l--)
        {
            int nOut = _sizes[l + 1];
            Span<double> c = l == last ? u : scratch.Deltas[l + 1].AsSpan(0, count * nOut);
            // c_{L−1} = (1 − a_{L−1}²) ⊙ W_Lᵀ u ; c_h = Σ_o u_o S_h[o, :] below it (c_L = u: the output layer is linear)
            if (l == last - 1) Kernels.BackpropTanhRows(wLast, width, k, u, aLast, count, c);
            else if (l < last - 1) Kernels.CombineSensitivities(u, ws.Sensitivities[l + 1].AsSpan(start * k * nOut, count * k * nOut), nOut, k, count, c);
            // ∂ℓ/∂W_jk += c_nj a_nk ; ∂ℓ/∂b_j += c_nj   (rows summed in order)
            AddLayerGradient(l, ws.Activations(l, start, count, scratch), c, count, gradient);
        }
    }

    internal sealed class SensitivityJob(Mlp net, MlpWorkspace ws) : ChunkJob(net, ws)
    {
        public void Prepare(double[] theta, int rows) => (Theta, Rows) = (theta, rows);

        public override void Run(int chunk, int worker)
        {
            var (start, count) = RowsOf(chunk);
            var scratch = Ws.Scratch[worker];
            Net.EnsureActivations(Theta, start, count, Ws, scratch);
            Net.SensitivityRows(Theta, start, count, Ws, scratch);
        }
    }

    internal sealed class SensitivityProductJob(Mlp net, MlpWorkspace ws) : ReductionJob(net, ws)
    {
        private double[] _tangent = [];
        private IOutputMap? _map;

        public void Prepare(double[] theta, double[] tangent, int rows, IOutputMap map) => (Theta, _tangent, Rows, _map) = (theta, tangent, rows, map);

        protected override void RunChunk(int start, int count, MlpWorkspace.ChunkScratch scratch, double[] partial)
        {
            Net.EnsureActivations(Theta, start, count, Ws, scratch);
            Net.SensitivityProductRows(Theta, _tangent, start, count, Ws, scratch, _map!, partial);
        }
    }
}
