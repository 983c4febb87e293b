using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

public sealed partial class Mlp
{
    // The three passes over one chunk of rows [start, start + count), count <= Workers.ChunkRows. Where a
    // layer's activations live is the workspace's business (MlpWorkspace.Activations); each pass computes
    // every row exactly as the plain per-row loops would (Kernels documents each kernel's order).

    /// <summary>
    /// z_l = (Σ_k W_jk a_k) + b_j and a_l = tanh(z_l) on hidden layers, for the chunk's rows; the outputs go to the
    /// full-batch outputs, or to the chunk scratch when <paramref name="outputsInScratch"/> (a recomputation).
    /// </summary>
    private void ForwardRows(ReadOnlySpan<double> theta, int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch, bool outputsInScratch)
    {
        for (int l = 0; l < LayerCount; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            ReadOnlySpan<double> wt = theta.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> b = theta.Slice(_biasOffsets[l], nOut);
            ReadOnlySpan<double> a = ws.Activations(l, start, count, scratch, outputsInScratch);
            Span<double> z = ws.Activations(l + 1, start, count, scratch, outputsInScratch);
            // z_j = (Σ_k W_jk a_k) + b_j, the sum over k in order, for every row
            Kernels.AffineRows(a, count, nIn, wt, nOut, b, z);
            if (l < LayerCount - 1) DetMath.Tanh(z, z, scratch.TanhScratch);
        }
        if (ws.KeepsFeatures && !outputsInScratch) CopyOutputsWithFeatures(start, count, ws, scratch);
    }

    /// <summary>Row n of the chunk into <see cref="MlpWorkspace.OutputsWithFeatures"/>: [a_L | a_{L−1}].</summary>
    private void CopyOutputsWithFeatures(int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch)
    {
        int nOut = OutputSize, k = _sizes[^2], width = nOut + k;
        ReadOnlySpan<double> outputs = ws.Activations(LayerCount, start, count, scratch);
        ReadOnlySpan<double> features = ws.Activations(LayerCount - 1, start, count, scratch);
        Span<double> rows = ws.OutputsWithFeatures.AsSpan(start * width, count * width);
        for (int n = 0; n < count; n++)
        {
            outputs.Slice(n * nOut, nOut).CopyTo(rows.Slice(n * width, nOut));
            features.Slice(n * k, k).CopyTo(rows.Slice(n * width + nOut, k));
        }
    }

    /// <summary>
    /// Adds Σ_rows (∂ℓ/∂output)ᵀ ∂output/∂θ over the chunk's rows into <paramref name="gradient"/> (rows summed in
    /// order), given the chunk's output gradient; the chunk's activations must be in place.
    /// </summary>
    private void BackwardRows(ReadOnlySpan<double> theta, int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch, ReadOnlySpan<double> outputGradient, Span<double> gradient)
    {
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            ReadOnlySpan<double> wt = theta.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> a = ws.Activations(l, start, count, scratch);
            // delta_L = ∂ℓ/∂z_L (the output layer is linear)
            ReadOnlySpan<double> d = l == LayerCount - 1 ? outputGradient[..(count * nOut)] : scratch.Deltas[l + 1].AsSpan(0, count * nOut);
            AddLayerGradient(l, a, d, count, gradient);
            if (l == 0) break;
            // delta_{l-1,k} = (1 − a_k²) Σ_j W_jk delta_j   (tanh' = 1 − tanh²; the sum in LaneDot order)
            Kernels.BackpropTanhRows(wt, nIn, nOut, d, a, count, scratch.Deltas[l].AsSpan(0, count * nIn));
        }
    }

    /// <summary>
    /// Layer <paramref name="l"/>'s share of a gradient over the chunk's rows, given its inputs <paramref name="a"/> and
    /// the deltas <paramref name="delta"/> = ∂ℓ/∂z_l: ∂ℓ/∂W_jk += delta_nj a_nk and ∂ℓ/∂b_j += delta_nj, rows summed in order.
    /// </summary>
    private void AddLayerGradient(int l, ReadOnlySpan<double> a, ReadOnlySpan<double> delta, int count, Span<double> gradient)
    {
        int nIn = _sizes[l], nOut = _sizes[l + 1];
        Kernels.AddOuterProducts(a, nIn, delta, nOut, count, gradient.Slice(_weightOffsets[l], nIn * nOut));
        Span<double> gb = gradient.Slice(_biasOffsets[l], nOut);
        Kernels.AddRowSums(gb, delta, nOut, count);
    }

    /// <summary>
    /// The forward-mode pass over the chunk's rows: dz_l = (Σ_k (dW_jk a_k + W_jk da_k)) + db_j, da_l = (1 − a_l²) dz_l
    /// on hidden layers, da_0 = 0. Returns the chunk's J v (count × OutputSize) in the chunk scratch.
    /// </summary>
    private Span<double> TangentRows(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch)
    {
        for (int l = 0; l < LayerCount; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            ReadOnlySpan<double> wt = theta.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> dwt = tangent.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> db = tangent.Slice(_biasOffsets[l], nOut);
            ReadOnlySpan<double> a = ws.Activations(l, start, count, scratch);
            Span<double> dz = scratch.Tangents[l + 1].AsSpan(0, count * nOut);
            if (l == 0)
            {
                // dz_j = (Σ_k dW_jk a_k) + db_j (the input has no tangent)
                Kernels.AffineRows(a, count, nIn, dwt, nOut, db, dz);
            }
            else
            {
                // dz_j = (Σ_k (dW_jk a_k + W_jk da_k)) + db_j
                Kernels.AffinePairRows(a, scratch.Tangents[l].AsSpan(0, count * nIn), count, nIn, dwt, wt, nOut, db, dz);
            }
            // da_l = (1 − a_l²) dz_l on hidden layers
            if (l < LayerCount - 1) Kernels.MultiplyByTanhDerivative(dz, ws.Activations(l + 1, start, count, scratch));
        }
        return scratch.Tangents[LayerCount].AsSpan(0, count * OutputSize);
    }

    /// <summary>When the workspace does not cache hidden activations, recomputes the chunk's (outputs into the scratch).</summary>
    private void EnsureActivations(ReadOnlySpan<double> theta, int start, int count, MlpWorkspace ws, MlpWorkspace.ChunkScratch scratch)
    {
        if (!ws.CachesActivations) ForwardRows(theta, start, count, ws, scratch, outputsInScratch: true);
    }
}
