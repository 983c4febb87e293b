using Trpo.Plots.Model;

namespace Trpo.Plots.Scales;

/// <summary>
/// The drawn range of an axis from its data. Linear: [min, max] of the finite values widened by 4 % of the span on
/// each side; a single value v becomes v ± 10 % of |v| (± 1 for 0), and so does a span below 10⁻⁹ of the
/// magnitude; no data gives [0, 1]. Log: the same on log10 of the positive values, a single value ± half a decade,
/// no data [1, 10]. A fixed <see cref="Axis.Min"/>/<see cref="Axis.Max"/> replaces its end (no margin there).
/// Categorical: [−0.5, n − 0.5].
/// </summary>
internal static class AxisRange
{
    /// <summary>Largest magnitude drawn; beyond it a value counts as not finite (keeps every span finite).</summary>
    public const double Limit = 1e300;

    private const double Margin = 0.04;
    private const double SqrtTen = 3.1622776601683795;

    /// <summary>Whether <paramref name="value"/> can be placed on an axis of <paramref name="scale"/>.</summary>
    public static bool Drawable(double value, AxisScale scale)
        => double.IsFinite(value) && Math.Abs(value) <= Limit && (scale == AxisScale.Linear || value > 0);

    /// <summary>The range (lo &lt; hi) of <paramref name="axis"/> over the drawable <paramref name="values"/>.</summary>
    public static (double Lo, double Hi) Resolve(Axis axis, IEnumerable<double> values)
    {
        if (axis.Categories is { } categories)
            return (-0.5, Math.Max(1, categories.Count) - 0.5);

        var scale = axis.Scale;
        double? fixedMin = axis.Min is { } a && Drawable(a, scale) ? a : null;
        double? fixedMax = axis.Max is { } b && Drawable(b, scale) ? b : null;
        if (fixedMin is { } fa && fixedMax is { } fb && fa >= fb)
            throw new ArgumentException($"axis '{axis.Label}': Min ({fa}) must be below Max ({fb})");

        var drawable = values.Where(v => Drawable(v, scale)
                                         && (fixedMin is null || v >= fixedMin) && (fixedMax is null || v <= fixedMax)).ToList();
        return scale == AxisScale.Log ? LogRange(drawable, fixedMin, fixedMax) : LinearRange(drawable, fixedMin, fixedMax);
    }

    private static (double, double) LinearRange(List<double> values, double? fixedMin, double? fixedMax)
    {
        if (values.Count == 0)
            return (fixedMin ?? (fixedMax is { } m ? m - 1 : 0), fixedMax ?? (fixedMin is { } n ? n + 1 : 1));
        double lo = values.Min(), hi = values.Max();
        lo = fixedMin ?? lo;
        hi = fixedMax ?? hi;

        double magnitude = Math.Max(Math.Abs(lo), Math.Abs(hi));
        if (hi - lo <= magnitude * 1e-9)
        {
            double half = magnitude == 0 ? 1 : Math.Max(magnitude * 0.1, (hi - lo) / 2);
            double center = lo / 2 + hi / 2;
            return (fixedMin ?? center - half, fixedMax ?? center + half);
        }
        double margin = (hi - lo) * Margin;
        return (fixedMin ?? lo - margin, fixedMax ?? hi + margin);
    }

    private static (double, double) LogRange(List<double> values, double? fixedMin, double? fixedMax)
    {
        if (values.Count == 0)
            return (fixedMin ?? (fixedMax is { } m ? m / 10 : 1), fixedMax ?? (fixedMin is { } n ? n * 10 : 10));
        double lo = values.Min(), hi = values.Max();
        lo = fixedMin ?? lo;
        hi = fixedMax ?? hi;

        if (hi <= lo * (1 + 1e-9))
            return (fixedMin ?? lo / SqrtTen, fixedMax ?? hi * SqrtTen);
        double factor = Math.Pow(10, (Math.Log10(hi) - Math.Log10(lo)) * Margin);
        return (fixedMin ?? lo / factor, fixedMax ?? hi * factor);
    }
}
