using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>The vectorised kernels must give exactly the bits of their plain scalar definitions.</summary>
public class KernelsTests
{
    public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 3, 5 }, { 4, 16 }, { 7, 21 }, { 64, 64 }, { 5, 37 }, { 64, 2 }, { 9, 50 }, { 6, 3 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RowTimesMatrix_EqualsTheScalarLoopBitForBit(int rows, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 100 + cols));
        var a = TestData.Gaussian(rng, rows);
        var m = TestData.Gaussian(rng, rows * cols);
        var z = new double[cols];
        Kernels.RowTimesMatrix(a, m, cols, z);
        for (int j = 0; j < cols; j++)
        {
            double s = 0.0;
            for (int k = 0; k < rows; k++) s += a[k] * m[k * cols + j];
            Assert.Equal(BitConverter.DoubleToInt64Bits(s), BitConverter.DoubleToInt64Bits(z[j]));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RowsTimesTwoMatrices_EqualsTheScalarLoopBitForBit(int rows, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 1000 + cols));
        var a = TestData.Gaussian(rng, rows);
        var b = TestData.Gaussian(rng, rows);
        var m = TestData.Gaussian(rng, rows * cols);
        var w = TestData.Gaussian(rng, rows * cols);
        var z = new double[cols];
        Kernels.RowsTimesTwoMatrices(a, m, b, w, cols, z);
        for (int j = 0; j < cols; j++)
        {
            double s = 0.0;
            for (int k = 0; k < rows; k++) s += a[k] * m[k * cols + j] + b[k] * w[k * cols + j];
            Assert.Equal(BitConverter.DoubleToInt64Bits(s), BitConverter.DoubleToInt64Bits(z[j]));
        }
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(70, 9, 4)]
    [InlineData(33, 64, 64)]
    public void AddOuterProducts_EqualsAddingOneRowAtATime(int count, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(count + inner + cols));
        var a = TestData.Gaussian(rng, count * inner);
        var d = TestData.Gaussian(rng, count * cols);
        var g = TestData.Gaussian(rng, inner * cols);
        var expected = (double[])g.Clone();
        for (int n = 0; n < count; n++)
            for (int k = 0; k < inner; k++)
                for (int j = 0; j < cols; j++)
                    expected[k * cols + j] += a[n * inner + k] * d[n * cols + j];
        Kernels.AddOuterProducts(a, inner, d, cols, count, g);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), g.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(65)]
    public void LaneDot_EqualsItsScalarDefinition(int n)
    {
        var rng = TestData.Rng((ulong)n + 7);
        var x = TestData.Gaussian(rng, n);
        var y = TestData.Gaussian(rng, n);
        Assert.Equal(BitConverter.DoubleToInt64Bits(Kernels.LaneDotScalar(x, y)), BitConverter.DoubleToInt64Bits(Kernels.LaneDot(x, y)));
        Assert.Equal(VectorOps.Dot(x, y), Kernels.LaneDot(x, y), 12);
    }

    [Fact]
    public void Axpy_EqualsTheScalarLoopBitForBit()
    {
        var rng = TestData.Rng(99);
        var x = TestData.Gaussian(rng, 23);
        var y = TestData.Gaussian(rng, 23);
        var expected = y.Select((v, i) => v + 0.37 * x[i]).ToArray();
        Kernels.Axpy(y, 0.37, x);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), y.Select(BitConverter.DoubleToInt64Bits));
    }

    public static TheoryData<int, int, int> BatchShapes => new()
    {
        { 1, 3, 2 }, { 4, 4, 64 }, { 7, 64, 64 }, { 9, 64, 2 }, { 6, 64, 1 }, { 5, 3, 64 }, { 11, 5, 13 }, { 8, 37, 12 }, { 3, 2, 9 }, { 5, 300, 2 }, { 4, 22, 3 },
    };

    private static void AssertSameBits(double[] expected, double[] actual)
        => Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void AffineRows_EqualsRowTimesMatrixPlusBias_OnEveryRow(int rows, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 10_000 + inner * 100 + cols));
        var a = TestData.Gaussian(rng, rows * inner);
        var m = TestData.Gaussian(rng, inner * cols);
        var bias = TestData.Gaussian(rng, cols);
        var expected = new double[rows * cols];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < cols; j++)
            {
                double s = 0.0;
                for (int k = 0; k < inner; k++) s += a[n * inner + k] * m[k * cols + j];
                expected[n * cols + j] = s + bias[j];
            }
        var z = new double[rows * cols];
        Kernels.AffineRows(a, rows, inner, m, cols, bias, z);
        AssertSameBits(expected, z);
    }

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void AffinePairRows_EqualsTheScalarProductRulePlusBias_OnEveryRow(int rows, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 10_000 + inner * 100 + cols) + 1);
        var a = TestData.Gaussian(rng, rows * inner);
        var b = TestData.Gaussian(rng, rows * inner);
        var m = TestData.Gaussian(rng, inner * cols);
        var w = TestData.Gaussian(rng, inner * cols);
        var bias = TestData.Gaussian(rng, cols);
        var expected = new double[rows * cols];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < cols; j++)
            {
                double s = 0.0;
                for (int k = 0; k < inner; k++) s += a[n * inner + k] * m[k * cols + j] + b[n * inner + k] * w[k * cols + j];
                expected[n * cols + j] = s + bias[j];
            }
        var z = new double[rows * cols];
        Kernels.AffinePairRows(a, b, rows, inner, m, w, cols, bias, z);
        AssertSameBits(expected, z);
    }

    [Theory]
    [MemberData(nameof(BatchShapes))]
    public void BackpropTanhRows_EqualsLaneDotTimesTanhDerivative_OnEveryRow(int rows, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 10_000 + inner * 100 + cols) + 2);
        var w = TestData.Gaussian(rng, inner * cols);
        var d = TestData.Gaussian(rng, rows * cols);
        var a = TestData.Gaussian(rng, rows * inner, 0.5);
        var expected = new double[rows * inner];
        for (int n = 0; n < rows; n++)
            for (int k = 0; k < inner; k++)
                expected[n * inner + k] = Kernels.LaneDotScalar(w.AsSpan(k * cols, cols), d.AsSpan(n * cols, cols)) * (1.0 - a[n * inner + k] * a[n * inner + k]);
        var p = new double[rows * inner];
        Kernels.BackpropTanhRows(w, inner, cols, d, a, rows, p);
        AssertSameBits(expected, p);
    }

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(33, 64, 64)]
    [InlineData(40, 6, 9)]
    [InlineData(65, 5, 12)]
    [InlineData(70, 64, 2)]
    [InlineData(33, 21, 1)]
    [InlineData(40, 20, 3)]
    [InlineData(5, 16, 5)]
    public void AddOuterProducts_EqualsAddingOneRowAtATime_ForBlockedShapes(int count, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(count * 7 + inner * 3 + cols));
        var a = TestData.Gaussian(rng, count * inner);
        var d = TestData.Gaussian(rng, count * cols);
        var g = TestData.Gaussian(rng, inner * cols);
        var expected = (double[])g.Clone();
        for (int n = 0; n < count; n++)
            for (int k = 0; k < inner; k++)
                for (int j = 0; j < cols; j++)
                    expected[k * cols + j] += a[n * inner + k] * d[n * cols + j];
        Kernels.AddOuterProducts(a, inner, d, cols, count, g);
        AssertSameBits(expected, g);
    }

    [Fact]
    public void MultiplyByTanhDerivative_EqualsTheScalarLoopBitForBit()
    {
        var rng = TestData.Rng(123);
        var dz = TestData.Gaussian(rng, 27);
        var y = TestData.Gaussian(rng, 27, 0.5);
        var expected = dz.Select((v, i) => v * (1.0 - y[i] * y[i])).ToArray();
        Kernels.MultiplyByTanhDerivative(dz, y);
        AssertSameBits(expected, dz);
    }
}
