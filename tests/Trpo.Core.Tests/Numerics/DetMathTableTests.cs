using System.Numerics;
using Trpo.Core.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// The computed constants and tables of DetMath against published values and the independent reference.
/// Tolerance: double-double entries must agree with the reference to 2^-100 relative (they are built to
/// about 2^-106).
/// </summary>
public sealed class DetMathTableTests
{
    private const int DoubleDoubleBits = 100;

    private static void AssertDoubleDoubleMatches(BigFloat exact, double hi, double lo, string what)
    {
        BigFloat error = BigFloat.FromDouble(hi) + BigFloat.FromDouble(lo) - exact;
        Assert.True(error.IsZero || error.Log2Floor < exact.Log2Floor - DoubleDoubleBits,
            $"{what}: {hi:R} + {lo:R} is off by 2^{(error.IsZero ? 0 : error.Log2Floor - exact.Log2Floor)} relative");
    }

    [Fact]
    public void CodyWaiteConstants_MatchFdlibm()
    {
        // fdlibm e_exp.c / k_rem_pio2 era constants: ln2_hi = 0x3FE62E42FEE00000, pio2_1 = 0x3FF921FB54400000.
        Assert.Equal(0x3FE62E42FEE00000L, BitConverter.DoubleToInt64Bits(DetMath.Tables.Ln2Part1));
        Assert.Equal(0x3FF921FB54400000L, BitConverter.DoubleToInt64Bits(DetMath.Tables.PiOver2Part1));
        // pi/2 as double-double: M_PI_2 and its well-known tail 6.123233995736766e-17.
        Assert.Equal(Math.PI / 2, DetMath.Tables.PiOver2Hi);
        Assert.Equal(6.123233995736766E-17, DetMath.Tables.PiOver2Lo);
        Assert.Equal(0.6366197723675814, DetMath.Tables.TwoOverPi);
        Assert.Equal(Math.PI / 4, DetMath.Tables.PiOver4);
    }

    [Fact]
    public void TwoOverPiBits_MatchPublishedHexAndTheIndependentReference()
    {
        ulong[] words = DetMath.TwoOverPiBits.Words;
        // 2/pi = 0.A2F9836E 4E441529 FC2757D1 F534DDC0 DB629599 3C439041 ... (hex), as in fdlibm's two_over_pi.
        Assert.Equal(0xA2F9836E4E441529UL, words[0]);
        Assert.Equal(0xFC2757D1F534DDC0UL, words[1]);
        Assert.Equal(0xDB6295993C439041UL, words[2]);
        // All words from the reference's pi (Gauss's formula; DetMath uses Machin's).
        int bits = 64 * words.Length;
        BigInteger reference = (BigInteger.One << (bits + ReferenceMath.PiFractionBits)) / ReferenceMath.PiOver2Fixed;
        for (int i = 0; i < words.Length; i++)
        {
            Assert.Equal((ulong)((reference >> (64 * (words.Length - 1 - i))) & ulong.MaxValue), words[i]);
        }
    }

    [Fact]
    public void ExpTable_HoldsTwoToTheJOver128_ToDoubleDoublePrecision()
    {
        for (int j = 0; j < 128; j++)
        {
            // (2^(j/128))^128 = 2^j, so check T^128 against 2^j (relative error multiplies by 128 = 2^7).
            BigFloat t = BigFloat.FromDouble(DetMath.Tables.ExpHi[j]) + BigFloat.FromDouble(DetMath.Tables.ExpLo[j]);
            BigFloat power = BigFloat.One;
            for (int i = 0; i < 7; i++)
            {
                t = (t * t).Truncate(400);
            }
            power = t;
            BigFloat error = power - new BigFloat(BigInteger.One, j);
            Assert.True(error.IsZero || error.Log2Floor < j - DoubleDoubleBits + 7, $"2^({j}/128) is off");
        }
        Assert.Equal(Math.Sqrt(2.0), DetMath.Tables.ExpHi[64]);
    }

    [Fact]
    public void LogTable_HoldsReciprocalsAndLogarithmsOfCentres()
    {
        for (int j = -DetMath.Tables.LogTableOffset; j <= 106; j++)
        {
            int i = j + DetMath.Tables.LogTableOffset;
            double c = 1.0 + j / 256.0;
            if (j != 0)
            {
                AssertDoubleDoubleMatches(ReferenceMath.Log(c), DetMath.Tables.LogCHi[i], DetMath.Tables.LogCLo[i], $"log c_{j}");
            }
            BigFloat inverse = BigFloat.Divide(BigFloat.One, BigFloat.FromDouble(c), 300);
            AssertDoubleDoubleMatches(inverse, DetMath.Tables.LogInvCHi[i], DetMath.Tables.LogInvCLo[i], $"1/c_{j}");
        }
    }

    [Fact]
    public void SinCosTable_HoldsSinAndCosOfJOver128()
    {
        for (int j = 1; j < DetMath.Tables.SinHi.Length; j++)
        {
            double a = j / 128.0;
            AssertDoubleDoubleMatches(ReferenceMath.Sin(a), DetMath.Tables.SinHi[j], DetMath.Tables.SinLo[j], $"sin({j}/128)");
            AssertDoubleDoubleMatches(ReferenceMath.Cos(a), DetMath.Tables.CosHi[j], DetMath.Tables.CosLo[j], $"cos({j}/128)");
        }
    }
}
