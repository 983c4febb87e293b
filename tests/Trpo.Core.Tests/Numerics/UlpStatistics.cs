using System.Globalization;
using System.Numerics;
using System.Text;

namespace Trpo.Core.Tests.Numerics;

/// <summary>
/// Compares a function's doubles with high-precision reference values: the integer ulp distance to the
/// correctly rounded reference (what the tests assert) and the real-valued error in ulps of the exact value
/// (what the report shows, e.g. 0.5000012).
/// </summary>
internal sealed class UlpStatistics(string name)
{
    /// <summary>The accuracy contract of DetMath: at most one ulp from the correctly rounded value.</summary>
    public const long MaxAllowedUlpDistance = 1;

    /// <summary>
    /// The largest error allowed, in ulps of the exact value: 0.5000082 ulp (cos(1.1681834453322084)) was the worst
    /// of 3 million arguments checked against mpmath (README, "Determinism").
    /// </summary>
    public const double MaxMeasuredErrorUlps = 0.5001;

    /// <summary>The largest fraction of arguments allowed to come out not correctly rounded (measured: about one in 10^5–10^6).</summary>
    public const double MaxNotCorrectlyRoundedFraction = 1e-4;

    private readonly List<string> _failures = [];

    public int Count { get; private set; }

    public int CorrectlyRounded { get; private set; }

    /// <summary>Fraction of the arguments whose result is not the correctly rounded value.</summary>
    public double NotCorrectlyRoundedFraction => Count == 0 ? 0.0 : (double)(Count - CorrectlyRounded) / Count;

    public double MaxErrorUlps { get; private set; }

    public double WorstArgument { get; private set; } = double.NaN;

    public long MaxUlpDistance { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Records f(x) = <paramref name="actual"/> against the exact value <paramref name="exact"/>.</summary>
    public void Add(double x, double actual, BigFloat exact)
    {
        double rounded = exact.RoundToDouble();
        if (exact.IsZero && actual == 0.0)
        {
            rounded = actual; // the reference has no signed zero; signs of zero are checked by the special-value tests
        }
        long distance = UlpDistance(actual, rounded);
        double error = ErrorInUlps(actual, exact, rounded);
        Count++;
        if (distance == 0)
        {
            CorrectlyRounded++;
        }
        MaxUlpDistance = Math.Max(MaxUlpDistance, distance);
        if (error > MaxErrorUlps)
        {
            MaxErrorUlps = error;
            WorstArgument = x;
        }
        if (distance > MaxAllowedUlpDistance && _failures.Count < 20)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name}({x:R}) = {actual:R}, correctly rounded {rounded:R}, {distance} ulp apart"));
        }
    }

    public string Report() => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {Count} arguments, max error {MaxErrorUlps:F7} ulp (at {WorstArgument:R}), " +
        $"max distance {MaxUlpDistance} ulp, correctly rounded {100.0 * CorrectlyRounded / Count:F4}%");

    public string FailureText()
    {
        var text = new StringBuilder();
        text.AppendLine(Report());
        foreach (string failure in _failures)
        {
            text.AppendLine(failure);
        }
        return text.ToString();
    }

    /// <summary>Number of doubles strictly between a and b plus one (0 when equal, NaN equals NaN, +0 != -0 counts 1).</summary>
    public static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        }
        return (long)Math.Min((double)long.MaxValue, Math.Abs((double)((Int128)Ordinal(a) - Ordinal(b))));
    }

    /// <summary>Maps doubles to integers monotonically (-0 just below +0).</summary>
    private static long Ordinal(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        return bits < 0 ? long.MinValue - bits - 1 : bits;
    }

    /// <summary>(actual - exact) / ulp(exact), ulp(v) = 2^(max(floor(log2|v|), -1022) - 52); overflow counts 0 when both overflow.</summary>
    private static double ErrorInUlps(double actual, BigFloat exact, double rounded)
    {
        if (double.IsInfinity(actual) || double.IsInfinity(rounded) || double.IsNaN(actual))
        {
            return actual == rounded ? 0.0 : double.PositiveInfinity;
        }
        if (exact.IsZero)
        {
            return actual == 0.0 ? 0.0 : double.PositiveInfinity;
        }
        int ulpExponent = Math.Max(exact.Log2Floor, -1022) - 52;
        BigFloat difference = BigFloat.FromDouble(actual) - exact;
        if (difference.IsZero)
        {
            return 0.0;
        }
        double scaled = new BigFloat(difference.Mantissa, difference.Exponent - ulpExponent).Truncate(60).RoundToDouble();
        return Math.Abs(scaled);
    }
}
