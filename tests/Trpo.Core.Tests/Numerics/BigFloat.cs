using System.Numerics;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// An exact binary number Mantissa * 2^Exponent for the test reference. Products and sums are exact;
/// <see cref="Truncate"/> keeps a chosen number of leading bits. Deliberately tiny: only what the reference needs.
/// </summary>
internal readonly record struct BigFloat(BigInteger Mantissa, int Exponent)
{
    public static readonly BigFloat Zero = new(BigInteger.Zero, 0);
    public static readonly BigFloat One = new(BigInteger.One, 0);

    public bool IsZero => Mantissa.IsZero;

    public int Sign => Mantissa.Sign;

    /// <summary>floor(log2 |value|) for a nonzero value.</summary>
    public int Log2Floor => (int)BigInteger.Abs(Mantissa).GetBitLength() - 1 + Exponent;

    /// <summary>The exact value of a finite double.</summary>
    public static BigFloat FromDouble(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "finite doubles only");
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0x000F_FFFF_FFFF_FFFFL;
        int exponent;
        if (biased == 0)
        {
            exponent = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            exponent = biased - 1075;
        }
        return new BigFloat(x < 0 || (x == 0 && bits < 0) ? -mantissa : mantissa, exponent);
    }

    /// <summary>The value n / 2^fracBits of a fixed-point integer.</summary>
    public static BigFloat FromFixed(BigInteger n, int fracBits) => new(n, -fracBits);

    /// <summary>floor-toward-zero of value * 2^fracBits.</summary>
    public BigInteger ToFixed(int fracBits)
    {
        int shift = Exponent + fracBits;
        return shift >= 0 ? Mantissa << shift : BigInteger.Divide(Mantissa, BigInteger.Pow(2, -shift));
    }

    /// <summary>Keeps the leading <paramref name="bits"/> bits of the mantissa (truncation toward zero).</summary>
    public BigFloat Truncate(int bits)
    {
        int excess = (int)BigInteger.Abs(Mantissa).GetBitLength() - bits;
        return excess <= 0 ? this : new BigFloat(BigInteger.Divide(Mantissa, BigInteger.Pow(2, excess)), Exponent + excess);
    }

    public static BigFloat operator *(BigFloat a, BigFloat b) => new(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    public static BigFloat operator -(BigFloat a) => new(-a.Mantissa, a.Exponent);

    public static BigFloat operator +(BigFloat a, BigFloat b)
    {
        if (a.IsZero) return b;
        if (b.IsZero) return a;
        int e = Math.Min(a.Exponent, b.Exponent);
        return new BigFloat((a.Mantissa << (a.Exponent - e)) + (b.Mantissa << (b.Exponent - e)), e);
    }

    public static BigFloat operator -(BigFloat a, BigFloat b) => a + (-b);

    /// <summary>a / b with about <paramref name="bits"/> significant bits (truncated).</summary>
    public static BigFloat Divide(BigFloat a, BigFloat b, int bits)
    {
        int shift = bits + (int)BigInteger.Abs(b.Mantissa).GetBitLength() - (int)BigInteger.Abs(a.Mantissa).GetBitLength();
        shift = Math.Max(shift, 0);
        return new BigFloat(BigInteger.Divide(a.Mantissa << shift, b.Mantissa), a.Exponent - b.Exponent - shift);
    }

    /// <summary>
    /// The double nearest to this value (ties to even), with gradual underflow and overflow to infinity,
    /// as IEEE 754 round-to-nearest defines it.
    /// </summary>
    public double RoundToDouble()
    {
        if (IsZero) return 0.0;
        bool negative = Mantissa.Sign < 0;
        BigInteger a = BigInteger.Abs(Mantissa);
        int top = (int)a.GetBitLength() - 1 + Exponent;            // floor(log2 |v|)
        int lsb = Math.Max(top - 52, -1074);                        // weight of the last kept bit
        BigInteger q;
        int shift = lsb - Exponent;
        if (shift > 0)
        {
            q = a >> shift;
            BigInteger remainder = a - (q << shift);
            BigInteger half = BigInteger.One << (shift - 1);
            if (remainder > half || (remainder == half && !q.IsEven)) q += 1;
        }
        else
        {
            q = a << -shift;
        }
        // q < 2^54 here; q * 2^lsb is exactly representable unless it overflows.
        double result;
        if (lsb + (int)q.GetBitLength() > 1024)
        {
            result = double.PositiveInfinity;
        }
        else
        {
            result = Math.ScaleB((double)(ulong)q, lsb);
        }
        return negative ? -result : result;
    }
}
