using Trpo.Core.State;

namespace Trpo.Core.Training;

/// <summary>
/// Running mean and variance of a vector stream, updated one batch at a time by the parallel-variance merge
/// (Chan, Golub and LeVeque, "Updating formulae and a pairwise algorithm for computing sample variances",
/// 1979), exactly as stable-baselines3's <c>RunningMeanStd</c> (<c>stable_baselines3/common/running_mean_std.py</c>,
/// v2.3.2) computes it with NumPy 1.24.
/// </summary>
/// <remarks>
/// <para>Starts at mean 0, variance 1 and count <see cref="InitialCount"/> = 1e-4 (sb3's <c>epsilon</c>, so the
/// first batch dominates). For a batch of n rows with mean m_b and population variance v_b
/// (<c>update_from_moments</c>, in this order of operations):</para>
/// <code>
/// δ = m_b − mean;  N = count + n
/// mean' = mean + δ · n / N
/// var'  = (var · count + v_b · n + δ² · count · n / N) / N
/// count' = n + count
/// </code>
/// <para>The batch moments are NumPy's <c>np.mean(x, axis=0)</c> and <c>np.var(x, axis=0)</c> in the batch's own
/// precision. <see cref="UpdateFloat32"/> (observations: Gymnasium returns float32 arrays) sums the rows in
/// float32, in row order from the first row, divides by n in float32, and forms v_b · n in float32 too, as NumPy
/// does for a float32 array; <see cref="UpdateFloat64"/> (the discounted returns, a float64 vector) sums with
/// NumPy's pairwise summation (<see cref="PairwiseSum"/>). Everything else is float64 in the order written,
/// so the statistics are the same bits on every platform and equal sb3's.</para>
/// </remarks>
public sealed class RunningMeanStd : IStateful
{
    /// <summary>The count the statistics start from (sb3's <c>RunningMeanStd(epsilon=1e-4)</c>).</summary>
    public const double InitialCount = 1e-4;

    private readonly double[] _mean;
    private readonly double[] _variance;
    private readonly double[] _batchMean;
    private readonly double[] _batchSquares;

    /// <summary>Statistics of vectors of <paramref name="size"/> elements, at mean 0, variance 1, count 1e-4.</summary>
    public RunningMeanStd(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _mean = new double[size];
        _variance = new double[size];
        Array.Fill(_variance, 1.0);
        _batchMean = new double[size];
        _batchSquares = new double[size];
        Count = InitialCount;
    }

    /// <summary>Elements per vector.</summary>
    public int Size => _mean.Length;

    /// <summary>The running mean, per element.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The running (population) variance, per element.</summary>
    public ReadOnlySpan<double> Variance => _variance;

    /// <summary>The weight of the statistics: 1e-4 plus the rows seen.</summary>
    public double Count { get; private set; }

    /// <summary>
    /// Merges a batch of <paramref name="rows"/> float32 vectors (held as doubles) stored row after row:
    /// NumPy's float32 <c>mean</c>/<c>var</c> over axis 0, then the float64 merge.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is not rows × <see cref="Size"/> values, or has no rows.</exception>
    public void UpdateFloat32(ReadOnlySpan<double> batch, int rows)
    {
        CheckBatch(batch, rows);
        int size = Size;
        float n = rows;
        for (int j = 0; j < size; j++)
        {
            // np.mean(x, axis=0): float32 sum of the rows in order, then / n in float32
            float sum = (float)batch[j];
            for (int r = 1; r < rows; r++) sum += (float)batch[r * size + j];
            float mean = sum / n;
            // np.var(x, axis=0): d = x − mean, d·d, summed and divided as above, all float32
            float d0 = (float)batch[j] - mean;
            float squares = d0 * d0;
            for (int r = 1; r < rows; r++)
            {
                float d = (float)batch[r * size + j] - mean;
                squares += d * d;
            }
            float variance = squares / n;
            _batchMean[j] = mean;
            _batchSquares[j] = variance * n; // batch_var * batch_count stays float32 in NumPy 1.24
        }
        Merge(rows);
    }

    /// <summary>Merges a batch of <paramref name="rows"/> float64 vectors: NumPy's float64 <c>mean</c>/<c>var</c> (pairwise sums), then the merge.</summary>
    /// <exception cref="ArgumentException">The batch is not rows × <see cref="Size"/> values, or has no rows.</exception>
    public void UpdateFloat64(ReadOnlySpan<double> batch, int rows)
    {
        CheckBatch(batch, rows);
        int size = Size;
        Span<double> column = rows <= 64 ? stackalloc double[rows] : new double[rows];
        for (int j = 0; j < size; j++)
        {
            for (int r = 0; r < rows; r++) column[r] = batch[r * size + j];
            double mean = PairwiseSum(column) / rows;
            for (int r = 0; r < rows; r++)
            {
                double d = column[r] - mean;
                column[r] = d * d;
            }
            double variance = PairwiseSum(column) / rows;
            _batchMean[j] = mean;
            _batchSquares[j] = variance * rows;
        }
        Merge(rows);
    }

    /// <summary>
    /// NumPy's pairwise summation of a contiguous float64 array (<c>pairwise_sum</c>,
    /// numpy/core/src/umath/loops_utils.h.src, v1.24): below 8 elements a plain loop from 0; up to 128 eight
    /// interleaved partial sums combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the
    /// remainder; above, the two halves (the first a multiple of 8 long) summed recursively.
    /// </summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i = 8;
            for (; i < n - n % 8; i += 8)
            {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary>sb3's <c>update_from_moments</c> with the batch's mean in <c>_batchMean</c> and v_b · n in <c>_batchSquares</c>.</summary>
    private void Merge(int rows)
    {
        double count = Count, batchCount = rows;
        double totalCount = count + batchCount;
        for (int j = 0; j < Size; j++)
        {
            double delta = _batchMean[j] - _mean[j];
            double newMean = _mean[j] + delta * batchCount / totalCount;
            double m2 = _variance[j] * count + _batchSquares[j] + delta * delta * count * batchCount / (count + batchCount);
            _mean[j] = newMean;
            _variance[j] = m2 / (count + batchCount);
        }
        Count = batchCount + count;
    }

    private void CheckBatch(ReadOnlySpan<double> batch, int rows)
    {
        if (rows < 1 || batch.Length != rows * Size)
            throw new ArgumentException($"a batch of {rows} rows of {Size} values has {rows * Size} elements; got {batch.Length}", nameof(batch));
    }

    /// <summary>Writes <c>mean</c>, <c>var</c> and <c>count</c>.</summary>
    public void CaptureState(StateWriter state)
    {
        state.Doubles("mean", _mean);
        state.Doubles("var", _variance);
        state.Double("count", Count);
    }

    /// <summary>Restores what <see cref="CaptureState"/> wrote; the count must be positive and finite.</summary>
    public void RestoreState(StateReader state)
    {
        double count = state.Double("count");
        if (!(count > 0) || !double.IsFinite(count))
            throw new IncompatibleStateException($"running statistics need a positive finite count (got {count})");
        state.Doubles("mean", _mean);
        state.Doubles("var", _variance);
        Count = count;
    }
}
