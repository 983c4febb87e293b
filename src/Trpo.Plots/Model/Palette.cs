namespace Trpo.Plots.Model;

/// <summary>
/// Series colours: the eight colours of Okabe and Ito's colour-universal-design palette, which stay
/// distinguishable under the common forms of colour blindness (M. Okabe and K. Ito, "Color Universal Design
/// (CUD): How to make figures and presentations that are friendly to colorblind people", 2008,
/// https://jfly.uni-koeln.de/color/; recommended by B. Wong, "Points of view: Color blindness", Nature
/// Methods 8, 441, 2011). Ordered for lines on white: yellow, the palest, comes last. Index 8 and beyond
/// reuse the colours with a dash pattern (<see cref="Dash"/>), so series stay apart without colour too.
/// </summary>
public static class Palette
{
    /// <summary>The colours as #RRGGBB: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.</summary>
    public static IReadOnlyList<string> Colors { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    private static readonly string?[] Dashes = [null, "7 3", "2 2.5", "9 3 2 3"];

    /// <summary>The colour of palette index <paramref name="index"/> (wrapping around).</summary>
    public static string Color(int index) => Colors[Wrap(index, Colors.Count)];

    /// <summary>The SVG dash array of index <paramref name="index"/>: solid for the first eight, then dashed patterns; null for solid.</summary>
    public static string? Dash(int index) => Dashes[Wrap(index / Colors.Count, Dashes.Length)];

    /// <summary>Grey of reference lines and their labels.</summary>
    public const string ReferenceGrey = "#555555";

    private static int Wrap(int index, int count) => ((index % count) + count) % count;
}
