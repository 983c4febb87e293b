using System.Globalization;
using System.Text;

namespace Trpo.Plots.Text;

/// <summary>
/// Exact decimal text of numbers given as an integer and a power of ten, n × 10^p, so that tick labels never show
/// binary rounding (0.30000000000000004) and are the same on every platform. Negative numbers use the true minus
/// sign U+2212.
/// </summary>
public static class NumberText
{
    /// <summary>The minus sign used in labels.</summary>
    public const char Minus = '\u2212';

    /// <summary>n × 10^p in plain decimal form with max(0, −p) decimals, e.g. (15, −1) → "1.5", (−2, 3) → "−2000".</summary>
    public static string Decimal(long n, int p)
    {
        string digits = Digits(n);
        string body;
        if (p >= 0)
        {
            body = n == 0 ? "0" : digits + new string('0', p);
        }
        else
        {
            int decimals = -p;
            if (digits.Length <= decimals) digits = new string('0', decimals - digits.Length + 1) + digits;
            body = digits[..^decimals] + "." + digits[^decimals..];
        }
        return n < 0 ? Minus + body : body;
    }

    /// <summary>n × 10^p as mantissa and exponent, e.g. (15, −6) → "1.5e−5", (0, 4) → "0".</summary>
    public static string Scientific(long n, int p)
    {
        if (n == 0) return "0";
        (n, p) = Normalize(n, p);
        string digits = Digits(n);
        int exponent = p + digits.Length - 1;
        string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return (n < 0 ? Minus.ToString() : "") + mantissa + "e" + Signed(exponent);
    }

    /// <summary>10 to the power <paramref name="exponent"/> with superscript digits, e.g. −5 → "10⁻⁵".</summary>
    public static string PowerOfTen(int exponent)
    {
        var text = new StringBuilder("10");
        foreach (char c in exponent.ToString(CultureInfo.InvariantCulture))
            text.Append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']);
        return text.ToString();
    }

    /// <summary>The decimal exponent of the leading digit of n × 10^p (floor of log10 |value|); n must not be 0.</summary>
    public static int Magnitude(long n, int p) => Digits(n).Length - 1 + p;

    /// <summary>(n, p) with the trailing zeros of n moved into p: (1500, −3) → (15, −1).</summary>
    public static (long N, int P) Normalize(long n, int p)
    {
        if (n == 0) return (0, p);
        while (n % 10 == 0) { n /= 10; p++; }
        return (n, p);
    }

    private static string Digits(long n)
        => n == long.MinValue ? "9223372036854775808" : Math.Abs(n).ToString(CultureInfo.InvariantCulture);

    private static string Signed(int value)
        => value < 0 ? Minus + (-value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
