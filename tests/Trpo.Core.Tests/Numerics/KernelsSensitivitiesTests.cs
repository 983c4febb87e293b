using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// The output-sensitivity kernels (Kernels.Sensitivities.cs) against their plain scalar definitions, one
/// <see cref="Math.FusedMultiplyAdd"/> per accumulated product in the documented order, bit for bit.
/// </summary>
public class KernelsSensitivitiesTests
{
    private static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    private static double OneMinusSquare(double y) => Math.FusedMultiplyAdd(-y, y, 1.0);

    private static void AssertSameBits(double[] expected, double[] actual)
        => Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

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

    /// <summary>rows, outputs k, inner width, next width: every register block, tail and the scalar fallbacks (inner &lt; 4, cols &lt; 4).</summary>
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 1, 1, 1, 1 }, { 3, 2, 64, 64 }, { 5, 1, 64, 64 }, { 7, 3, 13, 9 }, { 4, 2, 3, 16 }, { 6, 5, 16, 3 }, { 2, 4, 17, 21 }, { 9, 2, 8, 2 },
        // the 512-bit paths: 16- and 8-input blocks with odd sensitivity rows and width tails, eight-output blocks
        { 128, 2, 64, 64 }, { 3, 1, 24, 64 }, { 5, 3, 40, 13 }, { 2, 2, 9, 16 }, { 1, 3, 64, 65 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SensitivitiesThroughTanh_IsLaneDotOfEachOutputsRowTimesItsRowsTanhDerivative(int rows, int outputs, int inner, int cols)
    {
        var rng = TestData.Rng((ulong)(rows * 1_000_000 + outputs * 10_000 + inner * 100 + cols));
        var w = TestData.Gaussian(rng, inner * cols);
        var s = TestData.Gaussian(rng, rows * outputs * cols);
        var a = TestData.Gaussian(rng, rows * inner, 0.5);
        var p = new double[rows * outputs * inner];
        Kernels.SensitivitiesThroughTanh(w, inner, cols, s, outputs, a, rows, p);
        var expected = new double[p.Length];
        for (int n = 0; n < rows; n++)
            for (int o = 0; o < outputs; o++)
                for (int k = 0; k < inner; k++)
                    expected[(n * outputs + o) * inner + k] = LaneDotReference(w.AsSpan(k * cols, cols), s.AsSpan((n * outputs + o) * cols, cols)) * OneMinusSquare(a[n * inner + k]);
        AssertSameBits(expected, p);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LastHiddenSensitivities_AreTheOutputWeightsTimesTheTanhDerivative(int rows, int outputs, int inner, int cols)
    {
        _ = cols;
        var rng = TestData.Rng((ulong)(rows * 1_000_000 + outputs * 10_000 + inner * 100) + 1);
        var w = TestData.Gaussian(rng, inner * outputs);
        var a = TestData.Gaussian(rng, rows * inner, 0.5);
        var p = new double[rows * outputs * inner];
        Kernels.LastHiddenSensitivities(w, inner, outputs, a, rows, p);
        var expected = new double[p.Length];
        for (int n = 0; n < rows; n++)
            for (int o = 0; o < outputs; o++)
                for (int j = 0; j < inner; j++)
                    expected[(n * outputs + o) * inner + j] = w[j * outputs + o] * OneMinusSquare(a[n * inner + j]);
        AssertSameBits(expected, p);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddSensitivityDots_AddsLaneDotOfEachOutputsRowWithItsRowsTangent(int rows, int outputs, int width, int cols)
    {
        _ = cols;
        var rng = TestData.Rng((ulong)(rows * 1_000_000 + outputs * 10_000 + width * 100) + 2);
        var s = TestData.Gaussian(rng, rows * outputs * width);
        var t = TestData.Gaussian(rng, rows * width);
        var jv = TestData.Gaussian(rng, rows * outputs);
        var expected = (double[])jv.Clone();
        Kernels.AddSensitivityDots(s, t, width, outputs, rows, jv);
        for (int n = 0; n < rows; n++)
            for (int o = 0; o < outputs; o++)
                expected[n * outputs + o] += LaneDotReference(s.AsSpan((n * outputs + o) * width, width), t.AsSpan(n * width, width));
        AssertSameBits(expected, jv);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CombineSensitivities_SumsTheOutputGradientTimesEachOutputsRow_FusedInOutputOrder(int rows, int outputs, int width, int cols)
    {
        _ = cols;
        var rng = TestData.Rng((ulong)(rows * 1_000_000 + outputs * 10_000 + width * 100) + 3);
        var u = TestData.Gaussian(rng, rows * outputs);
        var s = TestData.Gaussian(rng, rows * outputs * width);
        var c = new double[rows * width];
        Kernels.CombineSensitivities(u, s, width, outputs, rows, c);
        var expected = new double[c.Length];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                double acc = 0.0;
                for (int o = 0; o < outputs; o++) acc = Fma(u[n * outputs + o], s[(n * outputs + o) * width + j], acc);
                expected[n * width + j] = acc;
            }
        AssertSameBits(expected, c);
    }
}
