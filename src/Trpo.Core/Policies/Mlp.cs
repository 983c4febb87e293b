using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// A multilayer perceptron with tanh hidden layers and a linear output layer, evaluated over a batch of
/// rows with hand-written forward, reverse-mode (backprop) and forward-mode (Jacobian-vector) passes.
/// The network holds no parameters: they live in a flat vector θ supplied to every call, laid out layer by
/// layer as W_lᵀ (in_l × out_l, row-major: element [k, j] is W_jk, the weight from input k to output j)
/// followed by b_l. The transposed layout makes every inner loop run over contiguous outputs j.
/// </summary>
/// <remarks>
/// Layer l computes z_l = W_l a_{l-1} + b_l; hidden layers a_l = tanh(z_l), the output layer a_L = z_L.
/// Each z_j is (Σ_k W_jk a_k) + b_j summed over k in order, every parameter gradient sums over the batch in
/// row order, and the backpropagated Σ_j W_jk delta_j uses <see cref="Kernels.LaneDot"/>'s fixed order, so a
/// row's outputs do not depend on the batch it is evaluated in nor on the CPU's vector width.
/// </remarks>
public sealed class Mlp
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;

    /// <summary>A network mapping <paramref name="inputSize"/> inputs through <paramref name="hiddenSizes"/> to <paramref name="outputSize"/> outputs.</summary>
    public Mlp(int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize)
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "must be at least 1");
        if (outputSize < 1) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "must be at least 1");
        _sizes = [inputSize, .. hiddenSizes, outputSize];
        if (_sizes.Any(s => s < 1)) throw new ArgumentException($"layer sizes must be positive: [{string.Join(", ", _sizes)}]");
        _weightOffsets = new int[LayerCount];
        _biasOffsets = new int[LayerCount];
        int offset = 0;
        for (int l = 0; l < LayerCount; l++)
        {
            _weightOffsets[l] = offset;
            offset += _sizes[l + 1] * _sizes[l];
            _biasOffsets[l] = offset;
            offset += _sizes[l + 1];
        }
        ParameterCount = offset;
    }

    /// <summary>Number of affine layers (hidden layers + 1).</summary>
    public int LayerCount => _sizes.Length - 1;
    /// <summary>Width of the input.</summary>
    public int InputSize => _sizes[0];
    /// <summary>Width of the output.</summary>
    public int OutputSize => _sizes[^1];
    /// <summary>Length of θ.</summary>
    public int ParameterCount { get; }
    /// <summary>Widths of all layers, input first, output last.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Offset of W_lᵀ (in_l × out_l) in θ.</summary>
    public int WeightOffset(int layer) => _weightOffsets[layer];
    /// <summary>Offset of b_l in θ.</summary>
    public int BiasOffset(int layer) => _biasOffsets[layer];
    /// <summary>Input width of layer l.</summary>
    public int LayerInput(int layer) => _sizes[layer];
    /// <summary>Output width of layer l.</summary>
    public int LayerOutput(int layer) => _sizes[layer + 1];

    /// <summary>A workspace able to hold <paramref name="rows"/> rows, evaluated with <paramref name="workers"/> (one thread when null).</summary>
    public MlpWorkspace CreateWorkspace(int rows, Workers? workers = null) => new(_sizes, rows, ParameterCount, workers ?? Workers.Single);

    /// <summary>
    /// Forward pass over the first <paramref name="rows"/> rows of <paramref name="input"/> (row-major,
    /// rows × InputSize); activations are kept in <paramref name="ws"/> and the outputs returned as a view
    /// of rows × OutputSize. Rows are independent: chunks of rows may run on different threads.
    /// </summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> theta, ReadOnlySpan<double> input, int rows, MlpWorkspace ws)
    {
        CheckTheta(theta);
        ws.EnsureRows(rows);
        input[..(rows * InputSize)].CopyTo(ws.Activations[0]);
        if (rows <= Workers.ChunkRows || ws.Workers.Threads == 1)
        {
            ForwardRows(theta, 0, rows, ws);
        }
        else
        {
            double[] thetaCopy = ws.PinTheta(theta);
            ws.Workers.For(Workers.ChunkCount(rows), c =>
            {
                int start = c * Workers.ChunkRows;
                ForwardRows(thetaCopy, start, Math.Min(rows, start + Workers.ChunkRows), ws);
            });
        }
        return ws.Activations[LayerCount].AsSpan(0, rows * OutputSize);
    }

    private void ForwardRows(ReadOnlySpan<double> theta, int start, int end, MlpWorkspace ws)
    {
        int count = end - start;
        for (int l = 0; l < LayerCount; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            ReadOnlySpan<double> wt = theta.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> b = theta.Slice(_biasOffsets[l], nOut);
            ReadOnlySpan<double> a = ws.Activations[l].AsSpan(start * nIn, count * nIn);
            Span<double> z = ws.Activations[l + 1].AsSpan(start * nOut, count * nOut);
            // z_j = (Σ_k W_jk a_k) + b_j, the sum over k in order, for every row
            Kernels.AffineRows(a, count, nIn, wt, nOut, b, z);
            if (l < LayerCount - 1) DetMath.Tanh(z, z);
        }
    }

    /// <summary>
    /// Reverse pass after <see cref="Forward"/> on the same workspace: given ∂ℓ/∂output for each row
    /// (rows × OutputSize), adds ∂ℓ/∂θ = Σ_rows (∂ℓ/∂output)ᵀ ∂output/∂θ into <paramref name="gradient"/>.
    /// </summary>
    /// <remarks>
    /// The sum over rows is cut into <see cref="Workers.ChunkRows"/>-row chunks: chunk c's partial gradient p_c
    /// sums its rows in order from 0, and the partials are added into the gradient in chunk order,
    /// gradient ← (((gradient + p_0) + p_1) + ...), whatever the number of threads.
    /// </remarks>
    public void Backward(ReadOnlySpan<double> theta, ReadOnlySpan<double> outputGradient, int rows, MlpWorkspace ws, Span<double> gradient)
    {
        CheckTheta(theta);
        if (gradient.Length != ParameterCount) throw new ArgumentException($"gradient has length {gradient.Length}, expected {ParameterCount}");
        // delta_L = ∂ℓ/∂z_L (the output layer is linear)
        outputGradient[..(rows * OutputSize)].CopyTo(ws.Deltas[LayerCount]);
        int chunks = Workers.ChunkCount(rows);
        if (chunks <= 1 || ws.Workers.Threads == 1)
        {
            for (int c = 0; c < chunks; c++)
            {
                double[] partial = ws.Partial(0);
                Array.Clear(partial);
                int start = c * Workers.ChunkRows;
                BackwardRows(theta, start, Math.Min(rows, start + Workers.ChunkRows), ws, partial);
                Kernels.Axpy(gradient, 1.0, partial);
            }
            return;
        }
        double[] thetaCopy = ws.PinTheta(theta);
        int wave = ws.PartialCount;
        for (int first = 0; first < chunks; first += wave)
        {
            int count = Math.Min(wave, chunks - first);
            ws.Workers.For(count, i =>
            {
                double[] partial = ws.Partial(i);
                Array.Clear(partial);
                int start = (first + i) * Workers.ChunkRows;
                BackwardRows(thetaCopy, start, Math.Min(rows, start + Workers.ChunkRows), ws, partial);
            });
            for (int i = 0; i < count; i++) Kernels.Axpy(gradient, 1.0, ws.Partial(i));
        }
    }

    private void BackwardRows(ReadOnlySpan<double> theta, int start, int end, MlpWorkspace ws, Span<double> gradient)
    {
        int count = end - start;
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            ReadOnlySpan<double> wt = theta.Slice(_weightOffsets[l], nIn * nOut);
            Span<double> gwt = gradient.Slice(_weightOffsets[l], nIn * nOut);
            Span<double> gb = gradient.Slice(_biasOffsets[l], nOut);
            ReadOnlySpan<double> a = ws.Activations[l].AsSpan(start * nIn, count * nIn);
            ReadOnlySpan<double> d = ws.Deltas[l + 1].AsSpan(start * nOut, count * nOut);
            // ∂ℓ/∂W_jk += delta_nj a_nk ; ∂ℓ/∂b_j += delta_nj   (rows summed in order)
            Kernels.AddOuterProducts(a, nIn, d, nOut, count, gwt);
            for (int n = 0; n < count; n++) Kernels.Axpy(gb, 1.0, d.Slice(n * nOut, nOut));
            if (l == 0) break;
            // delta_{l-1,k} = (1 − a_k²) Σ_j W_jk delta_j   (tanh' = 1 − tanh²; the sum in LaneDot order)
            Kernels.BackpropTanhRows(wt, nIn, nOut, d, a, count, ws.Deltas[l].AsSpan(start * nIn, count * nIn));
        }
    }

    /// <summary>
    /// Forward-mode pass after <see cref="Forward"/> on the same workspace: the directional derivative of each
    /// row's output along the parameter tangent <paramref name="tangent"/>, J v (rows × OutputSize).
    /// </summary>
    /// <remarks>dz_l = dW_l a_{l-1} + W_l da_{l-1} + db_l ; da_l = (1 − a_l²) dz_l on hidden layers; da_0 = 0.</remarks>
    public ReadOnlySpan<double> JacobianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int rows, MlpWorkspace ws)
    {
        CheckTheta(theta);
        if (tangent.Length != ParameterCount) throw new ArgumentException($"tangent has length {tangent.Length}, expected {ParameterCount}");
        if (rows <= Workers.ChunkRows || ws.Workers.Threads == 1)
        {
            JacobianVectorProductRows(theta, tangent, 0, rows, ws);
        }
        else
        {
            double[] thetaCopy = ws.PinTheta(theta);
            double[] tangentCopy = ws.PinTangent(tangent);
            ws.Workers.For(Workers.ChunkCount(rows), c =>
            {
                int start = c * Workers.ChunkRows;
                JacobianVectorProductRows(thetaCopy, tangentCopy, start, Math.Min(rows, start + Workers.ChunkRows), ws);
            });
        }
        return ws.Tangents[LayerCount].AsSpan(0, rows * OutputSize);
    }

    private void JacobianVectorProductRows(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int start, int end, MlpWorkspace ws)
    {
        int count = end - start;
        for (int l = 0; l < LayerCount; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            ReadOnlySpan<double> wt = theta.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> dwt = tangent.Slice(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> db = tangent.Slice(_biasOffsets[l], nOut);
            ReadOnlySpan<double> a = ws.Activations[l].AsSpan(start * nIn, count * nIn);
            Span<double> dz = ws.Tangents[l + 1].AsSpan(start * nOut, count * nOut);
            if (l == 0)
            {
                // dz_j = (Σ_k dW_jk a_k) + db_j (the input has no tangent)
                Kernels.AffineRows(a, count, nIn, dwt, nOut, db, dz);
            }
            else
            {
                // dz_j = (Σ_k (dW_jk a_k + W_jk da_k)) + db_j
                ReadOnlySpan<double> da = ws.Tangents[l].AsSpan(start * nIn, count * nIn);
                Kernels.AffinePairRows(a, da, count, nIn, dwt, wt, nOut, db, dz);
            }
            // da_l = (1 − a_l²) dz_l on hidden layers
            if (l < LayerCount - 1) Kernels.MultiplyByTanhDerivative(dz, ws.Activations[l + 1].AsSpan(start * nOut, count * nOut));
        }
    }

    private void CheckTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ParameterCount) throw new ArgumentException($"theta has length {theta.Length}, expected {ParameterCount}");
    }
}
