namespace Trpo.Core.Policies;

/// <summary>
/// Buffers for one batch evaluation of an <see cref="Mlp"/>: per-layer activations (kept for the reverse and
/// forward-mode passes), reverse-mode deltas and forward-mode tangents. Reused across calls to avoid allocation.
/// </summary>
public sealed class MlpWorkspace
{
    private readonly int[] _sizes;

    internal MlpWorkspace(int[] sizes, int rows)
    {
        _sizes = sizes;
        Activations = new double[sizes.Length][];
        Deltas = new double[sizes.Length][];
        Tangents = new double[sizes.Length][];
        Allocate(Math.Max(rows, 1));
    }

    /// <summary>Rows the buffers can hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>a_l for each layer, row-major (a_0 is the input).</summary>
    internal double[][] Activations { get; }
    /// <summary>∂ℓ/∂z_l for each layer.</summary>
    internal double[][] Deltas { get; }
    /// <summary>Forward-mode tangents da_l (dz_L at the output).</summary>
    internal double[][] Tangents { get; }

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
