using Trpo.Core.Numerics;
using Trpo.Core.Training;

namespace Trpo.Core.Policies;

/// <summary>Initial parameters of an <see cref="Mlp"/>, drawn from one RNG stream layer by layer.</summary>
public static class WeightInitializer
{
    /// <summary>
    /// Fills θ of <paramref name="net"/>. <see cref="WeightInit.Uniform"/>: every W_l and b_l entry uniform on
    /// [-1/sqrt(in_l), 1/sqrt(in_l)) (PyTorch's nn.Linear default, kaiming_uniform with a = sqrt(5)), weights
    /// row-major first, then biases. <see cref="WeightInit.Orthogonal"/>: W_l = gain · Q with Q from the QR
    /// factorisation of a standard-normal matrix (torch.nn.init.orthogonal_), biases 0; the gain is
    /// <paramref name="hiddenGain"/> on hidden layers and <paramref name="outputGain"/> on the last layer
    /// (sb3: sqrt(2) hidden, 0.01 policy head, 1 value head).
    /// </summary>
    public static void Initialize(Mlp net, Span<double> theta, WeightInit init, Rng rng, double hiddenGain, double outputGain)
    {
        for (int l = 0; l < net.LayerCount; l++)
        {
            int nIn = net.LayerInput(l), nOut = net.LayerOutput(l);
            Span<double> wt = theta.Slice(net.WeightOffset(l), nOut * nIn);
            var w = new double[nOut * nIn]; // W_l row-major (out × in), stored transposed below
            Span<double> b = theta.Slice(net.BiasOffset(l), nOut);
            if (init == WeightInit.Uniform)
            {
                // W drawn row-major (j outer, k inner), then b
                double bound = 1.0 / Math.Sqrt(nIn);
                for (int i = 0; i < w.Length; i++) w[i] = rng.NextUniform(-bound, bound);
                for (int i = 0; i < b.Length; i++) b[i] = rng.NextUniform(-bound, bound);
            }
            else
            {
                double gain = l == net.LayerCount - 1 ? outputGain : hiddenGain;
                Orthogonal(w, nOut, nIn, gain, rng);
                b.Clear();
            }
            for (int j = 0; j < nOut; j++)
                for (int k = 0; k < nIn; k++)
                    wt[k * nOut + j] = w[j * nIn + k];
        }
    }

    /// <summary>
    /// A rows × cols matrix with orthonormal rows (rows ≤ cols) or columns (rows &gt; cols), times
    /// <paramref name="gain"/>. Draws a standard-normal matrix A of shape max × min (transposed when
    /// rows &lt; cols), factors A = QR by modified Gram–Schmidt, and fixes signs so diag(R) &gt; 0.
    /// </summary>
    public static void Orthogonal(Span<double> w, int rows, int cols, double gain, Rng rng)
    {
        int tall = Math.Max(rows, cols), narrow = Math.Min(rows, cols);
        // q holds A (tall × narrow, column-major by column vectors) and becomes Q.
        var q = new double[narrow][];
        for (int c = 0; c < narrow; c++) q[c] = new double[tall];
        // Draw A row-major over the (rows × cols) matrix torch would draw, then view it as tall × narrow.
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double z = rng.NextGaussian();
                if (rows >= cols) q[c][r] = z; // A is rows × cols: column c, row r
                else q[r][c] = z;              // A^T is cols × rows: column r, row c
            }
        // Modified Gram–Schmidt: q_c ← (q_c − Σ_{i<c} (q_i·q_c) q_i) / ‖·‖ ; R_cc = ‖·‖ > 0 fixes the sign.
        for (int c = 0; c < narrow; c++)
        {
            for (int i = 0; i < c; i++)
            {
                double proj = VectorOps.Dot(q[i], q[c]);
                VectorOps.AddScaled(q[c], -proj, q[i]);
            }
            double norm = VectorOps.Norm(q[c]);
            if (norm == 0.0) throw new InvalidOperationException("degenerate random matrix in orthogonal init");
            for (int t = 0; t < tall; t++) q[c][t] /= norm;
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                w[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
    }
}
