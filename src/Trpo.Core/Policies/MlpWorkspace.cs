using Trpo.Core.Numerics;

namespace Trpo.Core.Policies;

/// <summary>
/// Buffers for one batch evaluation of an <see cref="Mlp"/>: per-layer activations (kept for the reverse and
/// forward-mode passes), reverse-mode deltas, forward-mode tangents, and the per-chunk partial gradients of a
/// parallel reverse pass. Reused across calls to avoid allocation.
/// </summary>
public sealed class MlpWorkspace
{
    private readonly int[] _sizes;
    private readonly double[][] _partials;
    private double[] _theta;
    private double[] _tangent;

    internal MlpWorkspace(int[] sizes, int rows, int parameterCount, Workers workers)
    {
        _sizes = sizes;
        Workers = workers;
        Activations = new double[sizes.Length][];
        Deltas = new double[sizes.Length][];
        Tangents = new double[sizes.Length][];
        // a wave of 2 chunks per thread keeps all threads busy while bounding memory
        _partials = new double[workers.Threads == 1 ? 1 : 2 * workers.Threads][];
        for (int i = 0; i < _partials.Length; i++) _partials[i] = new double[parameterCount];
        _theta = new double[parameterCount];
        _tangent = new double[parameterCount];
        Allocate(Math.Max(rows, 1));
    }

    /// <summary>Rows the buffers can hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>The threads this workspace's passes may use.</summary>
    public Workers Workers { get; }

    /// <summary>a_l for each layer, row-major (a_0 is the input).</summary>
    internal double[][] Activations { get; }
    /// <summary>∂ℓ/∂z_l for each layer.</summary>
    internal double[][] Deltas { get; }
    /// <summary>Forward-mode tangents da_l (dz_L at the output).</summary>
    internal double[][] Tangents { get; }

    /// <summary>Partial-gradient buffers available to one wave of chunks.</summary>
    internal int PartialCount => _partials.Length;
    internal double[] Partial(int i) => _partials[i];

    /// <summary>θ copied into an array that worker threads can share (spans cannot cross into lambdas).</summary>
    internal double[] PinTheta(ReadOnlySpan<double> theta)
    {
        theta.CopyTo(_theta);
        return _theta;
    }

    internal double[] PinTangent(ReadOnlySpan<double> tangent)
    {
        tangent.CopyTo(_tangent);
        return _tangent;
    }

    internal void EnsureRows(int rows)
    {
        if (rows > Capacity) Allocate(rows);
    }

    private void Allocate(int rows)
    {
        for (int l = 0; l < _sizes.Length; l++)
        {
            Activations[l] = new double[rows * _sizes[l]];
            Deltas[l] = new double[rows * _sizes[l]];
            Tangents[l] = new double[rows * _sizes[l]];
        }
        Capacity = rows;
    }
}
