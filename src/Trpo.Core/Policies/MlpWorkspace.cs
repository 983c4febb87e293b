using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// Buffers for batch evaluations of an <see cref="Mlp"/>, reused across calls so that no pass allocates:
/// the inputs and outputs of every row, the hidden activations of every row when they are cached, and per
/// worker thread the scratch of one <see cref="Workers.ChunkRows"/>-row chunk (hidden activations when not
/// cached, reverse-mode deltas, forward-mode tangents) plus the partial gradients of a wave of chunks.
/// </summary>
/// <remarks>
/// With <see cref="CachesActivations"/> off (not asked for, or more than <see cref="ActivationCacheBytes"/>), a reverse or forward-mode pass recomputes each chunk's hidden
/// activations from the stored inputs, so memory stays at a few doubles per row (a batch of a million rows
/// fits); with it on, they are computed once by <see cref="Mlp.Forward"/>. Both give the same bits: a row's
/// activations do not depend on which pass or chunk computed them.
/// </remarks>
public sealed class MlpWorkspace
{
    private readonly int[] _sizes;
    private readonly int _parameterCount;
    private readonly double[][] _partials;
    private readonly bool _cacheWhenItFits;

    /// <summary>
    /// Hidden activations are cached only while they take at most this many bytes (rows × Σ hidden widths × 8);
    /// a larger batch recomputes them chunk by chunk, so a million-row batch stays within a few hundred MiB.
    /// </summary>
    public const long ActivationCacheBytes = 256L << 20;

    internal MlpWorkspace(int[] sizes, int rows, int parameterCount, Workers workers, bool cacheActivations, bool keepFeatures = false)
    {
        if (keepFeatures && sizes.Length < 3) throw new ArgumentException("a network without hidden layers has no features to keep", nameof(keepFeatures));
        _sizes = sizes;
        _parameterCount = parameterCount;
        Workers = workers;
        _cacheWhenItFits = cacheActivations;
        KeepsFeatures = keepFeatures;
        Scratch = new ChunkScratch[workers.Threads];
        for (int w = 0; w < Scratch.Length; w++) Scratch[w] = new ChunkScratch(sizes);
        // a wave of 2 chunks per thread keeps all threads busy while bounding memory
        _partials = new double[workers.Threads == 1 ? 1 : 2 * workers.Threads][];
        for (int i = 0; i < _partials.Length; i++) _partials[i] = new double[parameterCount];
        Theta = new double[parameterCount];
        Tangent = new double[parameterCount];
        Hidden = new double[sizes.Length - 1][];
        Inputs = Outputs = TangentOutputs = OutputsWithFeatures = [];
        Allocate(Math.Max(rows, 1));
    }

    /// <summary>Rows the buffers can hold (they grow when a larger batch arrives).</summary>
    public int Capacity { get; private set; }

    /// <summary>The threads this workspace's passes may use.</summary>
    public Workers Workers { get; }

    /// <summary>True when the hidden activations of every row are kept (faster repeated passes, more memory).</summary>
    public bool CachesActivations { get; private set; }

    /// <summary>
    /// True when <see cref="Mlp.Forward"/> also writes <see cref="OutputsWithFeatures"/>: each row's outputs followed
    /// by its features, the activations of the last hidden layer (what gSDE's noise is a function of).
    /// </summary>
    public bool KeepsFeatures { get; }

    /// <summary>Width of a row of <see cref="OutputsWithFeatures"/>: the output width plus the last hidden width.</summary>
    public int OutputsWithFeaturesWidth => _sizes[^1] + _sizes[^2];

    /// <summary>Row n is [a_L (outputs) | a_{L−1} (features)] of the last forward pass, when <see cref="KeepsFeatures"/>.</summary>
    internal double[] OutputsWithFeatures { get; private set; }

    /// <summary>a_0 of every row (a copy of the last forward pass's input).</summary>
    internal double[] Inputs { get; private set; }
    /// <summary>a_L of every row (the last forward pass's outputs).</summary>
    internal double[] Outputs { get; private set; }
    /// <summary>J v of every row (the last forward-mode pass's result).</summary>
    internal double[] TangentOutputs { get; private set; }
    /// <summary>Hidden activations a_1 .. a_{L−1} of every row when cached (index l; 0 unused), else empty.</summary>
    internal double[][] Hidden { get; }
    /// <summary>Per-worker chunk scratch.</summary>
    internal ChunkScratch[] Scratch { get; }
    /// <summary>θ copied into an array that worker threads can share (spans cannot be captured by jobs).</summary>
    internal double[] Theta { get; }
    /// <summary>The tangent v of a forward-mode pass, likewise.</summary>
    internal double[] Tangent { get; }

    /// <summary>
    /// Output sensitivities S_h[n, o, :] = ∂f_o/∂z_h of every row for hidden layers h = 1 .. L−2 (index h; 0 and L−1 unused),
    /// row-major as (n·outputs + o)·width_h + j, after <see cref="Mlp.PrepareOutputSensitivities"/>; empty until then.
    /// </summary>
    internal double[][] Sensitivities { get; private set; } = [];

    /// <summary>Rows <see cref="Sensitivities"/> can hold (0 before the first <see cref="EnsureSensitivities"/>).</summary>
    internal int SensitivityRows { get; private set; }

    /// <summary>
    /// Grows <see cref="Sensitivities"/> to hold <paramref name="rows"/> rows and every worker's chunk buffer for S_{L−1}
    /// (allocates only when they do not fit yet).
    /// </summary>
    internal void EnsureSensitivities(int rows)
    {
        int outputs = _sizes[^1];
        if (Sensitivities.Length == 0)
        {
            Sensitivities = new double[_sizes.Length - 1][];
            for (int h = 0; h < Sensitivities.Length; h++) Sensitivities[h] = [];
            // S_{L−1} passes through a chunk buffer when there is a layer below it to propagate to
            if (_sizes.Length > 3)
                foreach (var scratch in Scratch) scratch.LastSensitivities = new double[Workers.ChunkRows * outputs * _sizes[^2]];
        }
        if (rows <= SensitivityRows) return;
        for (int h = 1; h < _sizes.Length - 2; h++) Sensitivities[h] = new double[(long)rows * outputs * _sizes[h]];
        SensitivityRows = rows;
    }

    /// <summary>The output gradient of a reverse pass, copied so worker threads can share it.</summary>
    internal double[] OutputGradient { get; private set; } = [];
    /// <summary>The pass jobs of this workspace (created on first use by <see cref="Mlp"/>).</summary>
    internal Mlp.PassJobs? Jobs { get; set; }

    internal double[] PinTheta(ReadOnlySpan<double> theta)
    {
        theta.CopyTo(Theta);
        return Theta;
    }

    internal double[] PinTangent(ReadOnlySpan<double> tangent)
    {
        tangent.CopyTo(Tangent);
        return Tangent;
    }

    internal double[] PinOutputGradient(ReadOnlySpan<double> outputGradient)
    {
        if (OutputGradient.Length < outputGradient.Length) OutputGradient = new double[outputGradient.Length];
        outputGradient.CopyTo(OutputGradient);
        return OutputGradient;
    }

    /// <summary>Partial-gradient buffers available to one wave of chunks.</summary>
    internal int PartialCount => _partials.Length;
    internal double[] Partial(int i) => _partials[i];
    internal int ParameterCount => _parameterCount;

    /// <summary>
    /// Activations of layer <paramref name="layer"/> for rows [start, start + count) of a chunk, wherever they
    /// live: inputs and outputs in the full-batch arrays (or the chunk scratch, <paramref name="outputsInScratch"/>,
    /// when a pass only recomputes them), hidden layers in the cache or the chunk scratch.
    /// </summary>
    internal Span<double> Activations(int layer, int start, int count, ChunkScratch scratch, bool outputsInScratch = false)
    {
        int width = _sizes[layer];
        if (layer == 0) return Inputs.AsSpan(start * width, count * width);
        if (layer == _sizes.Length - 1 && !outputsInScratch) return Outputs.AsSpan(start * width, count * width);
        if (layer < _sizes.Length - 1 && CachesActivations) return Hidden[layer].AsSpan(start * width, count * width);
        return scratch.Activations[layer].AsSpan(0, count * width);
    }

    internal void EnsureRows(int rows)
    {
        if (rows > Capacity) Allocate(rows);
    }

    private void Allocate(int rows)
    {
        Inputs = new double[rows * _sizes[0]];
        Outputs = new double[rows * _sizes[^1]];
        TangentOutputs = new double[rows * _sizes[^1]];
        OutputsWithFeatures = KeepsFeatures ? new double[rows * OutputsWithFeaturesWidth] : [];
        long hiddenWidths = 0;
        for (int l = 1; l < _sizes.Length - 1; l++) hiddenWidths += _sizes[l];
        CachesActivations = _cacheWhenItFits && rows * hiddenWidths * sizeof(double) <= ActivationCacheBytes;
        for (int l = 1; l < _sizes.Length - 1; l++) Hidden[l] = CachesActivations ? new double[rows * _sizes[l]] : [];
        Capacity = rows;
    }

    /// <summary>The buffers one worker uses for one chunk of at most <see cref="Workers.ChunkRows"/> rows.</summary>
    internal sealed class ChunkScratch
    {
        public ChunkScratch(int[] sizes)
        {
            int n = sizes.Length;
            Activations = new double[n][];
            Deltas = new double[n][];
            Tangents = new double[n][];
            for (int l = 1; l < n; l++)
            {
                Activations[l] = new double[Workers.ChunkRows * sizes[l]];
                Deltas[l] = new double[Workers.ChunkRows * sizes[l]];
                Tangents[l] = new double[Workers.ChunkRows * sizes[l]];
            }
            RowScratch = new double[4 * sizes[^1]];
            TanhScratch = new double[DetMath.TanhScratchLength];
        }

        /// <summary>a_l of the chunk's rows for layers not held elsewhere (index l; 0 unused).</summary>
        public double[][] Activations { get; }
        /// <summary>∂ℓ/∂z_l of the chunk's rows (index l; the output layer's is where the pass's caller put it).</summary>
        public double[][] Deltas { get; }
        /// <summary>Forward-mode tangents da_l (dz_L at the output) of the chunk's rows.</summary>
        public double[][] Tangents { get; }
        /// <summary>S_{L−1} of the chunk's rows while the sensitivities are computed (empty until <see cref="MlpWorkspace.EnsureSensitivities"/>).</summary>
        public double[] LastSensitivities { get; set; } = [];
        /// <summary>A few output-sized rows of scratch for per-row callbacks.</summary>
        public double[] RowScratch { get; }
        /// <summary>The staged span tanh's intermediates (<see cref="DetMath.TanhScratchLength"/>), so a forward pass clears no stack buffer.</summary>
        public double[] TanhScratch { get; }
    }
}
