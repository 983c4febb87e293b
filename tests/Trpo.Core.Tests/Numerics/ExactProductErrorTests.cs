using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// DetMath computes the exact error of a product, a·b − RN(a·b), with one fused multiply-add where the CPU has FMA and
/// with Dekker's splitting where it does not. Both must give the same double, or results would depend on the CPU:
/// here each splitting is compared bit for bit with Math.FusedMultiplyAdd, which is correctly
/// rounded on every platform (in software where there is no FMA instruction).
/// </summary>
public class ExactProductErrorTests
{
    /// <summary>Random signed doubles with exponents in [-400, 400] (the partial products neither overflow nor underflow) and full random mantissas.</summary>
    private static double[] Operands(ulong seed, int count)
    {
        var rng = TestData.Rng(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double mantissa = 1.0 + rng.NextDouble();
            double value = Math.ScaleB(mantissa, rng.NextBelow(801) - 400);
            values[i] = rng.NextDouble() < 0.5 ? -value : value;
        }
        return values;
    }

    private static void AssertSameBits(double fused, double split, double a, double b)
        => Assert.True(BitConverter.DoubleToInt64Bits(fused) == BitConverter.DoubleToInt64Bits(split),
            $"a = {a:R}, b = {b:R}: FMA error {fused:R}, Dekker's {split:R}");

    [Fact]
    public void Dekkers_product_error_equals_the_fused_error_bit_for_bit()
    {
        double[] a = Operands(11, 200_000), b = Operands(12, 200_000);
        for (int i = 0; i < a.Length; i++)
        {
            double p = a[i] * b[i];
            AssertSameBits(Math.FusedMultiplyAdd(a[i], b[i], -p), DetMath.DekkerProductError(a[i], b[i], p), a[i], b[i]);
        }
    }

    [Fact]
    public void Dekkers_square_error_equals_the_fused_error_bit_for_bit()
    {
        foreach (double a in Operands(13, 200_000))
        {
            double p = a * a;
            AssertSameBits(Math.FusedMultiplyAdd(a, a, -p), DetMath.DekkerSquareError(a, p), a, a);
        }
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.1, 0.1)]
    [InlineData(1.0 / 3.0, 3.0)]
    [InlineData(134217729.0, 134217729.0)] // the splitter itself
    [InlineData(-1.9999999999999998, 1.9999999999999998)]
    public void Hand_picked_products_agree_too(double a, double b)
    {
        double p = a * b;
        AssertSameBits(Math.FusedMultiplyAdd(a, b, -p), DetMath.DekkerProductError(a, b, p), a, b);
    }
}
