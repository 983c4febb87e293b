using System.Globalization;

namespace Trpo.Plots.Scales;

/// <summary>
/// Powers of ten as doubles, parsed from "1E{k}" (correctly rounded by .NET's parser, so identical on every
/// platform) instead of computed with Math.Pow, and the exact decimal exponent of a number.
/// </summary>
internal static class PowersOfTen
{
    private const int Lowest = -340, Highest = 310;
    private static readonly double[] Table = Build();

    /// <summary>10^<paramref name="exponent"/> (0 below 1e-340, +∞ above 1e308).</summary>
    public static double Of(int exponent)
        => exponent < Lowest ? 0 : exponent > Highest ? double.PositiveInfinity : Table[exponent - Lowest];

    /// <summary>The largest k with 10^k ≤ <paramref name="x"/>, for finite x &gt; 0: floor(log10 x), exact at powers of ten.</summary>
    public static int Floor(double x)
    {
        int k = (int)Math.Clamp(Math.Floor(Math.Log10(x)), Lowest + 1, Highest - 1);
        while (k > Lowest && Of(k) > x) k--;
        while (k < Highest && Of(k + 1) <= x) k++;
        return k;
    }

    /// <summary>The smallest k with 10^k ≥ <paramref name="x"/>, for finite x &gt; 0.</summary>
    public static int Ceiling(double x)
    {
        int k = Floor(x);
        return Of(k) == x ? k : k + 1;
    }

    /// <summary>n × 10^p as the double nearest to it (one correctly rounded operation when |p| ≤ 22).</summary>
    public static double Value(long n, int p) => p >= 0 ? n * Of(p) : n / Of(-p);

    private static double[] Build()
    {
        var table = new double[Highest - Lowest + 1];
        for (int k = Lowest; k <= Highest; k++)
            table[k - Lowest] = double.Parse("1E" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return table;
    }
}
