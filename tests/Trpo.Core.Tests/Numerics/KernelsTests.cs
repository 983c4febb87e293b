using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// The vectorised kernels must give exactly the bits of their plain scalar definitions, written with one
/// <see cref="Math.FusedMultiplyAdd"/> per accumulated product in the documented order (see <see cref="Kernels"/>).
/// </summary>
public class KernelsTests
{
    private static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    private static double OneMinusSquare(double y) => Math.FusedMultiplyAdd(-y, y, 1.0);

    private static void AssertSameBits(double[] expected, double[] actual)
        => Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    // ----- scalar references: the documented order, one fused multiply-add per product -----

    private static double[] RowTimesMatrixReference(double[] a, double[] m, int cols)
    {
        var z = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            double s = 0.0;
            for (int k = 0; k < a.Length; k++) s = Fma(a[k], m[k * cols + j], s);
            z[j] = s;
        }
        return z;
    }

    private static double[] AffineRowsReference(double[] a, int rows, int inner, double[] m, int cols, double[] bias)
    {
        var z = new double[rows * cols];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < cols; j++)
            {
                double s = 0.0;
                for (int k = 0; k < inner; k++) s = Fma(a[n * inner + k], m[k * cols + j], s);
                z[n * cols + j] = s + bias[j];
            }
        return z;
    }

    private static double[] AffinePairRowsReference(double[] a, double[] b, int rows, int inner, double[] m, double[] w, int cols, double[] bias)
    {
        var z = new double[rows * cols];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < cols; j++)
            {
                double s = 0.0;
                for (int k = 0; k < inner; k++) s = Fma(b[n * inner + k], w[k * cols + j], Fma(a[n * inner + k], m[k * cols + j], s));
                z[n * cols + j] = s + bias[j];
            }
        return z;
    }

    private static double[] AddOuterProductsReference(double[] a, int inner, double[] d, int cols, int count, double[] g)
    {
        var expected = (double[])g.Clone();
        for (int n = 0; n < count; n++)
            for (int k = 0; k < inner; k++)
                for (int j = 0; j < cols; j++)
                    expected[k * cols + j] = Fma(a[n * inner + k], d[n * cols + j], expected[k * cols + j]);
        return expected;
    }

    /// <summary>LaneDot written out: four lane sums from 0, (s0 + s1) + (s2 + s3), then the tail, every product fused.</summary>
    private static double LaneDotReference(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int body = x.Length / 4 * 4;
        var s = new double[4];
        for (int i = 0; i < body; i++) s[i % 4] = Fma(x[i], y[i], s[i % 4]);
        double sum = (s[0] + s[1]) + (s[2] + s[3]);
        for (int i = body; i < x.Length; i++) sum = Fma(x[i], y[i], sum);
        return sum;
    }

    private static double[] BackpropTanhRowsReference(double[] w, int inner, int cols, double[] d, double[] a, int rows)
    {
        var p = new double[rows * inner];
        for (int n = 0; n < rows; n++)
            for (int k = 0; k < inner; k++)
                p[n * inner + k] = LaneDotReference(w.AsSpan(k * cols, cols), d.AsSpan(n * cols, cols)) * OneMinusSquare(a[n * inner + k]);
        return p;
    }

    // ----- fixed shapes (every register block and tail) -----

    /// <summary>
    /// rows (inputs), cols: the 256-bit blocks (32, 16, 4, pairs, single) and the 512-bit ones (64, 32, 8: 111 = 64 + 32 + 8 + 4 + 2 + 1).
    /// </summary>
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 }, { 3, 5 }, { 4, 16 }, { 7, 21 }, { 64, 64 }, { 5, 37 }, { 64, 2 }, { 9, 50 }, { 6, 3 },
        { 4, 64 }, { 64, 65 }, { 3, 24 }, { 5, 40 }, { 2, 16 }, { 9, 111 }, { 8, 8 }, { 11, 128 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RowTimesMatrix_EqualsTheFusedScalarLoopBitForBit(int rows, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 100 + cols));
        var a = TestData.Gaussian(rng, rows);
        var m = TestData.Gaussian(rng, rows * cols);
        var z = new double[cols];
        Kernels.RowTimesMatrix(a, m, cols, z);
        AssertSameBits(RowTimesMatrixReference(a, m, cols), z);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RowsTimesTwoMatrices_EqualsTheFusedScalarLoopBitForBit(int rows, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 1000 + cols));
        var a = TestData.Gaussian(rng, rows);
        var b = TestData.Gaussian(rng, rows);
        var m = TestData.Gaussian(rng, rows * cols);
        var w = TestData.Gaussian(rng, rows * cols);
        var z = new double[cols];
        Kernels.RowsTimesTwoMatrices(a, m, b, w, cols, z);
        AssertSameBits(AffinePairRowsReference(a, b, 1, rows, m, w, cols, new double[cols]), z);
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(70, 9, 4)]
    [InlineData(33, 64, 64)]
    [InlineData(40, 6, 9)]
    [InlineData(65, 5, 12)]
    [InlineData(70, 64, 2)]
    [InlineData(33, 21, 1)]
    [InlineData(40, 20, 3)]
    [InlineData(5, 16, 5)]
    [InlineData(33, 7, 59)]
    [InlineData(40, 3, 64)]
    [InlineData(128, 64, 64)]
    [InlineData(256, 64, 2)]
    [InlineData(65, 40, 24)]
    [InlineData(9, 36, 1)]
    [InlineData(70, 38, 5)]
    [InlineData(31, 5, 16)]
    [InlineData(2048, 64, 64)]
    [InlineData(37, 4, 100)]
    [InlineData(40, 33, 3)]
    [InlineData(35, 64, 7)]
    public void AddOuterProducts_EqualsFusingOneRowAtATime(int count, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(count * 7 + inner * 3 + cols));
        var a = TestData.Gaussian(rng, count * inner);
        var d = TestData.Gaussian(rng, count * cols);
        var g = TestData.Gaussian(rng, inner * cols);
        var expected = AddOuterProductsReference(a, inner, d, cols, count, g);
        Kernels.AddOuterProducts(a, inner, d, cols, count, g);
        AssertSameBits(expected, g);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(65)]
    public void LaneDot_EqualsItsFusedScalarDefinition(int n)
    {
        var rng = TestData.Rng((ulong)n + 7);
        var x = TestData.Gaussian(rng, n);
        var y = TestData.Gaussian(rng, n);
        Assert.Equal(BitConverter.DoubleToInt64Bits(LaneDotReference(x, y)), BitConverter.DoubleToInt64Bits(Kernels.LaneDot(x, y)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(LaneDotReference(x, y)), BitConverter.DoubleToInt64Bits(Kernels.LaneDotScalar(x, y)));
        Assert.Equal(VectorOps.Dot(x, y), Kernels.LaneDot(x, y), 12);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(64)]
    public void Axpy_EqualsTheFusedScalarLoopBitForBit(int n)
    {
        var rng = TestData.Rng(99 + (ulong)n);
        var x = TestData.Gaussian(rng, n);
        var y = TestData.Gaussian(rng, n);
        var expected = y.Select((v, i) => Fma(0.37, x[i], v)).ToArray();
        Kernels.Axpy(y, 0.37, x);
        AssertSameBits(expected, y);
    }

    [Theory]
    [InlineData(64, 128)]
    [InlineData(2, 2048)]
    [InlineData(1, 5)]
    [InlineData(3, 7)]
    [InlineData(111, 9)]
    [InlineData(16, 1)]
    [InlineData(70, 0)]
    public void AddRowSums_EqualsOneAxpyPerRow(int width, int count)
    {
        var rng = TestData.Rng((ulong)(width * 10_000 + count) + 5);
        var rows = TestData.Gaussian(rng, width * count);
        var sums = TestData.Gaussian(rng, width);
        var expected = (double[])sums.Clone();
        for (int n = 0; n < count; n++)
            for (int j = 0; j < width; j++) expected[j] = Fma(1.0, rows[n * width + j], expected[j]);
        Kernels.AddRowSums(sums, rows, width, count);
        AssertSameBits(expected, sums);
    }

    public static TheoryData<int, int, int> BatchShapes => new()
    {
        { 1, 3, 2 }, { 4, 4, 64 }, { 7, 64, 64 }, { 9, 64, 2 }, { 6, 64, 1 }, { 5, 3, 64 }, { 11, 5, 13 }, { 8, 37, 12 }, { 3, 2, 9 }, { 5, 300, 2 }, { 4, 22, 3 },
        // the 512-bit blocks and their tails: column blocks of 32, 16 and 8 (AffineRows, AffinePairRows), input blocks of
        // 16 and 8 with leftover inputs, odd rows and width tails (BackpropTanhRows), eight-input head columns plus a quad
        // (the narrow head), a weight matrix too large for the stack copy (130 × 70), the critic's and the policy's batches
        { 128, 64, 64 }, { 8, 64, 40 }, { 5, 24, 16 }, { 9, 16, 65 }, { 6, 40, 24 }, { 3, 9, 72 }, { 1, 64, 64 }, { 2, 8, 4 },
        { 7, 3, 64 }, { 1, 4, 64 }, { 5, 12, 2 }, { 3, 13, 1 }, { 3, 130, 70 }, { 2048, 64, 64 }, { 2048, 64, 2 }, { 4, 8, 7 },
    };

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void AffineRows_EqualsTheFusedScalarLoopPlusBias_OnEveryRow(int rows, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 10_000 + inner * 100 + cols));
        var a = TestData.Gaussian(rng, rows * inner);
        var m = TestData.Gaussian(rng, inner * cols);
        var bias = TestData.Gaussian(rng, cols);
        var z = new double[rows * cols];
        Kernels.AffineRows(a, rows, inner, m, cols, bias, z);
        AssertSameBits(AffineRowsReference(a, rows, inner, m, cols, bias), z);
    }

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void AffinePairRows_EqualsTheFusedScalarProductRulePlusBias_OnEveryRow(int rows, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 10_000 + inner * 100 + cols) + 1);
        var a = TestData.Gaussian(rng, rows * inner);
        var b = TestData.Gaussian(rng, rows * inner);
        var m = TestData.Gaussian(rng, inner * cols);
        var w = TestData.Gaussian(rng, inner * cols);
        var bias = TestData.Gaussian(rng, cols);
        var z = new double[rows * cols];
        Kernels.AffinePairRows(a, b, rows, inner, m, w, cols, bias, z);
        AssertSameBits(AffinePairRowsReference(a, b, rows, inner, m, w, cols, bias), z);
    }

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void BackpropTanhRows_EqualsLaneDotTimesTheFusedTanhDerivative_OnEveryRow(int rows, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 10_000 + inner * 100 + cols) + 2);
        var w = TestData.Gaussian(rng, inner * cols);
        var d = TestData.Gaussian(rng, rows * cols);
        var a = TestData.Gaussian(rng, rows * inner, 0.5);
        var p = new double[rows * inner];
        Kernels.BackpropTanhRows(w, inner, cols, d, a, rows, p);
        AssertSameBits(BackpropTanhRowsReference(w, inner, cols, d, a, rows), p);
    }

    [Theory]
    [InlineData(27)]
    [InlineData(64)]
    [InlineData(5)]
    public void MultiplyByTanhDerivative_EqualsTheFusedScalarLoopBitForBit(int n)
    {
        var rng = TestData.Rng(123 + (ulong)n);
        var dz = TestData.Gaussian(rng, n);
        var y = TestData.Gaussian(rng, n, 0.5);
        var expected = dz.Select((v, i) => v * OneMinusSquare(y[i])).ToArray();
        Kernels.MultiplyByTanhDerivative(dz, y);
        AssertSameBits(expected, dz);
    }

    // ----- random shapes, tails included -----

    [Fact]
    public void EveryBatchKernel_EqualsItsFusedReference_OnRandomShapes()
    {
        var rng = TestData.Rng(2026);
        for (int trial = 0; trial < 60; trial++)
        {
            int rows = 1 + (int)(rng.NextUInt64() % 13), inner = 1 + (int)(rng.NextUInt64() % 70), cols = 1 + (int)(rng.NextUInt64() % 70);
            string shape = $"rows {rows}, inner {inner}, cols {cols}";
            var a = TestData.Gaussian(rng, rows * inner);
            var b = TestData.Gaussian(rng, rows * inner);
            var m = TestData.Gaussian(rng, inner * cols);
            var w = TestData.Gaussian(rng, inner * cols);
            var bias = TestData.Gaussian(rng, cols);
            var d = TestData.Gaussian(rng, rows * cols);
            var g = TestData.Gaussian(rng, inner * cols);

            var z = new double[rows * cols];
            Kernels.AffineRows(a, rows, inner, m, cols, bias, z);
            Assert.True(SameBits(AffineRowsReference(a, rows, inner, m, cols, bias), z), "AffineRows, " + shape);

            Kernels.AffinePairRows(a, b, rows, inner, m, w, cols, bias, z);
            Assert.True(SameBits(AffinePairRowsReference(a, b, rows, inner, m, w, cols, bias), z), "AffinePairRows, " + shape);

            var zRow = new double[cols];
            Kernels.RowTimesMatrix(a.AsSpan(0, inner), m, cols, zRow);
            Assert.True(SameBits(RowTimesMatrixReference(a[..inner], m, cols), zRow), "RowTimesMatrix, " + shape);

            var tanh = a.Select(v => 0.5 * v).ToArray();
            var p = new double[rows * inner];
            Kernels.BackpropTanhRows(w, inner, cols, d, tanh, rows, p);
            Assert.True(SameBits(BackpropTanhRowsReference(w, inner, cols, d, tanh, rows), p), "BackpropTanhRows, " + shape);

            var expected = AddOuterProductsReference(a, inner, d, cols, rows, g);
            Kernels.AddOuterProducts(a, inner, d, cols, rows, g);
            Assert.True(SameBits(expected, g), "AddOuterProducts, " + shape);
        }
    }

    /// <summary>The references above are only worth something if fusing changes bits: on these inputs it does.</summary>
    [Fact]
    public void TheFusedReference_DiffersFromTheUnfusedLoop_SoTheTestsAboveCanTellThemApart()
    {
        var rng = TestData.Rng(7);
        int rows = 8, inner = 64, cols = 64;
        var a = TestData.Gaussian(rng, rows * inner);
        var m = TestData.Gaussian(rng, inner * cols);
        var bias = new double[cols];
        var z = new double[rows * cols];
        Kernels.AffineRows(a, rows, inner, m, cols, bias, z);
        int differing = 0;
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < cols; j++)
            {
                double s = 0.0;
                for (int k = 0; k < inner; k++) s += a[n * inner + k] * m[k * cols + j];
                if (BitConverter.DoubleToInt64Bits(s) != BitConverter.DoubleToInt64Bits(z[n * cols + j])) differing++;
            }
        Assert.True(differing > rows * cols / 10, $"only {differing} of {rows * cols} sums differ from the unfused loop");
    }

    private static bool SameBits(double[] expected, double[] actual)
        => expected.Length == actual.Length && expected.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(actual.Select(BitConverter.DoubleToInt64Bits));
}
