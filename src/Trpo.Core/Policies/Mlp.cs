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
/// Batch passes run over fixed <see cref="Workers.ChunkRows"/>-row chunks (Mlp.Passes.cs), spread over the
/// workspace's threads without allocating (Mlp.Jobs.cs).
/// </remarks>
public sealed partial class Mlp
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

    /// <summary>
    /// A workspace able to hold <paramref name="rows"/> rows, evaluated with <paramref name="workers"/> (one thread
    /// when null). <paramref name="cacheActivations"/> keeps every row's hidden activations for the reverse and
    /// forward-mode passes after <see cref="Forward"/>; without it those passes recompute them chunk by chunk
    /// (same bits, a few doubles per row of memory instead of the sum of the layer widths).
    /// </summary>
    /// <remarks>
    /// <paramref name="keepFeatures"/> makes every forward pass also write each row's outputs followed by its last hidden
    /// activations (<see cref="ForwardWithFeatures"/>); it needs at least one hidden layer.
    /// </remarks>
    public MlpWorkspace CreateWorkspace(int rows, Workers? workers = null, bool cacheActivations = true, bool keepFeatures = false)
        => new(_sizes, rows, ParameterCount, workers ?? Workers.Single, cacheActivations, keepFeatures);

    /// <summary>
    /// Forward pass over the first <paramref name="rows"/> rows of <paramref name="input"/> (row-major,
    /// rows × InputSize); the inputs (and, when the workspace caches them, the hidden activations) are kept in
    /// <paramref name="ws"/> and the outputs returned as a view of rows × OutputSize, valid until the next
    /// forward pass on <paramref name="ws"/>. Chunks of rows may run on different threads.
    /// </summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> theta, ReadOnlySpan<double> input, int rows, MlpWorkspace ws)
    {
        CheckTheta(theta);
        ws.EnsureRows(rows);
        input[..(rows * InputSize)].CopyTo(ws.Inputs);
        if (ws.Workers.Threads == 1)
        {
            for (int start = 0; start < rows; start += Workers.ChunkRows)
                ForwardRows(theta, start, Math.Min(Workers.ChunkRows, rows - start), ws, ws.Scratch[0], outputsInScratch: false);
        }
        else
        {
            var job = JobsOf(ws).Forward;
            job.Prepare(ws.PinTheta(theta), rows);
            ws.Workers.For(Workers.ChunkCount(rows), job);
        }
        return ws.Outputs.AsSpan(0, rows * OutputSize);
    }

    /// <summary>
    /// <see cref="Forward"/> on a workspace that keeps features (<see cref="CreateWorkspace"/>): returns rows of
    /// [a_L | a_{L−1}], the outputs followed by the last hidden layer's activations (rows × (OutputSize + last
    /// hidden width)), valid until the next forward pass on <paramref name="ws"/>. The outputs are the bits of <see cref="Forward"/>.
    /// </summary>
    public ReadOnlySpan<double> ForwardWithFeatures(ReadOnlySpan<double> theta, ReadOnlySpan<double> input, int rows, MlpWorkspace ws)
    {
        if (!ws.KeepsFeatures) throw new InvalidOperationException("the workspace does not keep features: create it with keepFeatures: true");
        Forward(theta, input, rows, ws);
        return ws.OutputsWithFeatures.AsSpan(0, rows * ws.OutputsWithFeaturesWidth);
    }

    /// <summary>
    /// Reverse pass after <see cref="Forward"/> on the same workspace and θ: given ∂ℓ/∂output for each row
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
        if (outputGradient.Length < rows * OutputSize) throw new ArgumentException($"output gradient has length {outputGradient.Length}, expected {rows * OutputSize}");
        var job = JobsOf(ws).Backward;
        job.Prepare(ws.PinTheta(theta), rows, ws.PinOutputGradient(outputGradient[..(rows * OutputSize)]));
        RunReduction(job, rows, ws, gradient);
    }

    /// <summary>
    /// Forward-mode pass after <see cref="Forward"/> on the same workspace and θ: the directional derivative of
    /// each row's output along the parameter tangent <paramref name="tangent"/>, J v (rows × OutputSize), as a
    /// view valid until the next forward-mode pass on <paramref name="ws"/>.
    /// </summary>
    /// <remarks>dz_l = dW_l a_{l-1} + W_l da_{l-1} + db_l ; da_l = (1 − a_l²) dz_l on hidden layers; da_0 = 0.</remarks>
    public ReadOnlySpan<double> JacobianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int rows, MlpWorkspace ws)
    {
        CheckTheta(theta);
        if (tangent.Length != ParameterCount) throw new ArgumentException($"tangent has length {tangent.Length}, expected {ParameterCount}");
        var job = JobsOf(ws).Tangent;
        job.Prepare(ws.PinTheta(theta), ws.PinTangent(tangent), rows);
        ws.Workers.For(Workers.ChunkCount(rows), job);
        return ws.TangentOutputs.AsSpan(0, rows * OutputSize);
    }

    /// <summary>
    /// Jᵀ M J v in one sweep over the chunks, after <see cref="Forward"/> on the same workspace and θ: per chunk,
    /// the forward-mode pass gives each row's J v, <paramref name="map"/> turns it into the row's output gradient
    /// u = M (J v), and the reverse pass adds Jᵀ u into <paramref name="gradient"/> (partials in chunk order, as
    /// <see cref="Backward"/>). The bits equal <see cref="JacobianVectorProduct"/>, the map on every row, then
    /// <see cref="Backward"/>; the tangents never leave the chunk's scratch.
    /// </summary>
    internal void JacobianTransposeMapJacobian(ReadOnlySpan<double> theta, ReadOnlySpan<double> tangent, int rows, MlpWorkspace ws, IOutputMap map, Span<double> gradient)
    {
        CheckTheta(theta);
        if (tangent.Length != ParameterCount) throw new ArgumentException($"tangent has length {tangent.Length}, expected {ParameterCount}");
        if (gradient.Length != ParameterCount) throw new ArgumentException($"gradient has length {gradient.Length}, expected {ParameterCount}");
        var job = JobsOf(ws).TangentThenBackward;
        job.Prepare(ws.PinTheta(theta), ws.PinTangent(tangent), rows, map);
        RunReduction(job, rows, ws, gradient);
    }

    /// <summary>Runs a reduction job in waves of <see cref="MlpWorkspace.PartialCount"/> chunks, adding each chunk's partial into <paramref name="gradient"/> in chunk order.</summary>
    private static void RunReduction(ReductionJob job, int rows, MlpWorkspace ws, Span<double> gradient)
    {
        int chunks = Workers.ChunkCount(rows);
        int wave = ws.Workers.Threads == 1 ? 1 : ws.PartialCount;
        for (int first = 0; first < chunks; first += wave)
        {
            int count = Math.Min(wave, chunks - first);
            job.FirstChunk = first;
            ws.Workers.For(count, job);
            for (int i = 0; i < count; i++) Kernels.Axpy(gradient, 1.0, ws.Partial(i));
        }
    }

    private void CheckTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ParameterCount) throw new ArgumentException($"theta has length {theta.Length}, expected {ParameterCount}");
    }
}
