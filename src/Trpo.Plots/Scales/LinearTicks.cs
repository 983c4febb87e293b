namespace Trpo.Plots.Scales;

/// <summary>
/// "Nice" ticks on a linear axis: the step is 1, 2 or 5 × 10^k (the 1-2-5 rule of Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990), the smallest such step that puts at most <c>maxTicks</c> + 1 of its
/// multiples inside the range; the ticks are those multiples, labelled exactly (<see cref="TickLabels"/>).
/// </summary>
internal static class LinearTicks
{
    /// <summary>Ticks on [<paramref name="lo"/>, <paramref name="hi"/>] (lo &lt; hi, both finite).</summary>
    /// <param name="lo">Lower end of the axis.</param>
    /// <param name="hi">Upper end of the axis.</param>
    /// <param name="maxTicks">Most intervals wanted (at least 1): at most maxTicks + 1 ticks.</param>
    /// <param name="integers">Whether the step must be a whole number.</param>
    public static IReadOnlyList<Tick> Compute(double lo, double hi, int maxTicks, bool integers = false)
    {
        maxTicks = Math.Max(1, maxTicks);
        // start below the answer (ticks inside the range can be one more than span / step) and grow the step
        var (mantissa, exponent) = Step(hi - lo, 4 * (maxTicks + 1), integers);
        while (true)
        {
            var (first, last) = Multiples(lo, hi, PowersOfTen.Value(mantissa, exponent));
            if (last - first + 1 <= maxTicks + 1)
            {
                var exact = new List<(long N, int P)>();
                for (long k = first; k <= last; k++) exact.Add((k * mantissa, exponent));
                var labels = TickLabels.Format(exact);
                return exact.Select((v, i) => new Tick(PowersOfTen.Value(v.N, v.P), labels[i])).ToList();
            }
            (mantissa, exponent) = Next(mantissa, exponent);
        }
    }

    /// <summary>The step m × 10^e, m ∈ {1, 2, 5}: the smallest one at least span / intervals (at least 1 for integer ticks).</summary>
    public static (long Mantissa, int Exponent) Step(double span, int intervals, bool integers = false)
    {
        double raw = span / Math.Max(1, intervals);
        if (integers && raw <= 1) return (1, 0);
        int e = PowersOfTen.Floor(raw);
        foreach (long m in (long[])[1, 2, 5])
            if (PowersOfTen.Value(m, e) >= raw * (1 - 1e-12)) return (m, e);
        return (1, e + 1);
    }

    /// <summary>The next larger 1-2-5 step: 1 → 2 → 5 → 10.</summary>
    private static (long, int) Next(long mantissa, int exponent)
        => mantissa switch { 1 => (2, exponent), 2 => (5, exponent), _ => (1, exponent + 1) };

    /// <summary>The first and last k with k × step inside [lo, hi] (a tolerance of 1e-9 steps keeps ticks that sit on an end).</summary>
    private static (long First, long Last) Multiples(double lo, double hi, double step)
        => ((long)Math.Ceiling(lo / step - 1e-9), (long)Math.Floor(hi / step + 1e-9));
}
