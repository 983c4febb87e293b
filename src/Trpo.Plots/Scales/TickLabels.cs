using Trpo.Plots.Text;

namespace Trpo.Plots.Scales;

/// <summary>
/// Labels for a set of tick values given exactly as n × 10^p. One style per axis:
/// <list type="bullet">
/// <item>plain decimals when every value is below 10,000 in magnitude: <c>0.0 0.5 1.0</c>, <c>−1200 −800</c>
/// (ticks sharing p share their number of decimals, zero included: <c>0.00 0.25</c>);</item>
/// <item>SI-style suffixes k, M, G, T chosen by the largest value when it reaches 10,000: <c>0 20k 40k</c>,
/// <c>0 0.5M 1.0M 1.5M</c>;</item>
/// <item>scientific notation when a value reaches 10^15 or a tick's p is −5 or lower: <c>2e−5</c>.</item>
/// </list>
/// </summary>
internal static class TickLabels
{
    private static readonly string[] Suffixes = ["", "k", "M", "G", "T"];

    /// <summary>The label of each value, in order.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<(long N, int P)> values)
    {
        var nonZero = values.Where(v => v.N != 0).ToList();
        if (nonZero.Count == 0) return values.Select(_ => "0").ToList();

        int largest = nonZero.Max(v => NumberText.Magnitude(v.N, v.P));
        int finest = nonZero.Min(v => v.P);
        if (largest >= 15 || finest <= -5)
            return values.Select(v => NumberText.Scientific(v.N, v.P)).ToList();

        if (largest < 4)
            return values.Select(v => NumberText.Decimal(v.N, v.P)).ToList();
        int suffix = Math.Min(largest / 3, Suffixes.Length - 1);
        return values.Select(v => v.N == 0 ? "0" : NumberText.Decimal(v.N, v.P - 3 * suffix) + Suffixes[suffix]).ToList();
    }
}
