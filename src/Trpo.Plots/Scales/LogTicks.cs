using Trpo.Plots.Text;

namespace Trpo.Plots.Scales;

/// <summary>
/// Ticks on a log axis. Over two or more decades: a labelled tick at every decade (or every 2nd, 3rd, 5th, ...
/// when there are too many) with unlabelled minor ticks at 2..9 × 10^k when decades are few; labels are plain
/// (0.01 … 1000) when every decade is in that range, else powers of ten (10⁻⁵). Within about one decade the
/// labelled ticks are 1, 2 and 5 × 10^k (then every 1..9 × 10^k), and if that still gives fewer than two,
/// linear ticks.
/// </summary>
internal static class LogTicks
{
    private static readonly int[] Strides = [1, 2, 3, 4, 5, 10, 20, 25, 50, 100];

    /// <summary>Ticks on [<paramref name="lo"/>, <paramref name="hi"/>], 0 &lt; lo &lt; hi.</summary>
    public static IReadOnlyList<Tick> Compute(double lo, double hi, int maxTicks)
    {
        maxTicks = Math.Max(2, maxTicks);
        int first = PowersOfTen.Ceiling(lo * (1 - 1e-12));
        int last = PowersOfTen.Floor(hi * (1 + 1e-12));
        int decades = last - first + 1;
        if (decades >= 2) return Decades(first, last, lo, hi, maxTicks);

        foreach (long[] mantissas in (long[][])[[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]])
        {
            var exact = new List<(long N, int P)>();
            for (int p = first - 1; p <= last; p++)
                foreach (long m in mantissas)
                {
                    double v = PowersOfTen.Value(m, p);
                    if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) exact.Add((m, p));
                }
            if (exact.Count >= 2 && exact.Count <= maxTicks + 1)
            {
                var labels = TickLabels.Format(exact);
                return exact.Select((v, i) => new Tick(PowersOfTen.Value(v.N, v.P), labels[i])).ToList();
            }
        }
        return LinearTicks.Compute(lo, hi, Math.Min(maxTicks, 4));
    }

    private static List<Tick> Decades(int first, int last, double lo, double hi, int maxTicks)
    {
        int decades = last - first + 1;
        int stride = Strides.FirstOrDefault(s => (decades + s - 1) / s <= maxTicks, Strides[^1]);
        var majors = Enumerable.Range(first, decades).Where(p => p % stride == 0).ToList();
        if (majors.Count < 2) majors = Enumerable.Range(0, (decades + stride - 1) / stride).Select(j => first + j * stride).ToList();
        bool plain = majors.All(p => p is >= -2 and <= 3);

        var ticks = majors.Select(p => new Tick(PowersOfTen.Of(p), plain ? NumberText.Decimal(1, p) : NumberText.PowerOfTen(p))).ToList();
        if (stride == 1 && decades <= 6)
        {
            for (int p = first - 1; p <= last; p++)
                for (long m = 2; m <= 9; m++)
                {
                    double v = PowersOfTen.Value(m, p);
                    if (v >= lo && v <= hi) ticks.Add(new Tick(v, "", Major: false));
                }
        }
        return ticks;
    }
}
