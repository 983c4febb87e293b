using System.Globalization;

namespace Trpo.Core.Tracing;

/// <summary>Exact (token-by-token, hence bitwise for doubles) comparison of two traces.</summary>
public static class TraceComparison
{
    /// <summary>The first divergence of <paramref name="actual"/> from <paramref name="expected"/>, or null when they are equal.</summary>
    public static TraceDivergence? Compare(TraceText.Document expected, TraceText.Document actual)
    {
        // Flatten both into (epoch, quantity) slots in order, so counting "after" is one pass.
        var e = Slots(expected);
        var a = Slots(actual);
        string expectedMeta = string.Join("; ", expected.Meta.Select(m => $"{m.Key}={m.Value}"));
        string actualMeta = string.Join("; ", actual.Meta.Select(m => $"{m.Key}={m.Value}"));
        if (expectedMeta != actualMeta)
            return new TraceDivergence(0, "meta", -1, expectedMeta, actualMeta, null, 0, CountAllDiffering(e, a, 0));

        for (int s = 0; s < Math.Max(e.Count, a.Count); s++)
        {
            if (s >= e.Count || s >= a.Count)
            {
                var present = s < e.Count ? e[s] : a[s];
                return new TraceDivergence(present.Epoch, present.Quantity.Name, -1,
                    s < e.Count ? $"{e[s].Quantity.Name} ({e[s].Quantity.Values.Count} values)" : "end of trace",
                    s < a.Count ? $"{a[s].Quantity.Name} ({a[s].Quantity.Values.Count} values)" : "end of trace",
                    null, 0, CountAllDiffering(e, a, s + 1));
            }
            var (ex, ac) = (e[s], a[s]);
            if (ex.Epoch != ac.Epoch || ex.Quantity.Name != ac.Quantity.Name || ex.Quantity.Values.Count != ac.Quantity.Values.Count)
            {
                return new TraceDivergence(ex.Epoch, ex.Quantity.Name, -1,
                    $"epoch {ex.Epoch} {ex.Quantity.Name} ({ex.Quantity.Values.Count} values)",
                    $"epoch {ac.Epoch} {ac.Quantity.Name} ({ac.Quantity.Values.Count} values)",
                    null, 0, CountAllDiffering(e, a, s + 1));
            }
            int first = -1, differing = 0;
            for (int i = 0; i < ex.Quantity.Values.Count; i++)
            {
                if (ex.Quantity.Values[i] == ac.Quantity.Values[i]) continue;
                differing++;
                if (first < 0) first = i;
            }
            if (first >= 0)
            {
                string ev = ex.Quantity.Values[first], av = ac.Quantity.Values[first];
                return new TraceDivergence(ex.Epoch, ex.Quantity.Name, first, ev, av, UlpDistance(ev, av), differing, CountAllDiffering(e, a, s + 1));
            }
        }
        return null;
    }

    /// <summary>Ulps between two doubles written as round-trip text, or null when either is not a number.</summary>
    public static long? UlpDistance(string expected, string actual)
    {
        if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
            || !double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
            || double.IsNaN(x) || double.IsNaN(y))
            return null;
        static long Ordered(double d)
        {
            long bits = BitConverter.DoubleToInt64Bits(d);
            return bits < 0 ? long.MinValue - bits : bits;
        }
        long a = Ordered(x), b = Ordered(y);
        return a > b ? (long)Math.Min((ulong)(a - b), long.MaxValue) : (long)Math.Min((ulong)(b - a), long.MaxValue);
    }

    private readonly record struct Slot(int Epoch, TraceQuantity Quantity);

    private static List<Slot> Slots(TraceText.Document doc)
        => doc.Epochs.SelectMany(ep => ep.Quantities.Select(q => new Slot(ep.Epoch, q))).ToList();

    private static int CountAllDiffering(List<Slot> e, List<Slot> a, int from)
    {
        int total = 0;
        for (int s = from; s < Math.Max(e.Count, a.Count); s++)
        {
            if (s >= e.Count) { total += a[s].Quantity.Values.Count; continue; }
            if (s >= a.Count) { total += e[s].Quantity.Values.Count; continue; }
            var (ev, av) = (e[s].Quantity.Values, a[s].Quantity.Values);
            if (e[s].Quantity.Name != a[s].Quantity.Name || ev.Count != av.Count) { total += Math.Max(ev.Count, av.Count); continue; }
            for (int i = 0; i < ev.Count; i++) if (ev[i] != av[i]) total++;
        }
        return total;
    }
}
