namespace Trpo.Plots.Text;

/// <summary>
/// Estimated text widths, for layout without font files: per-character advance widths in em, rounded up from
/// DejaVu Sans / Verdana (the widest of the sans-serif fonts the SVG names), so estimates err on the wide side
/// and labels placed with them do not collide in a narrower font.
/// </summary>
public static class TextMetrics
{
    /// <summary>Estimated width in pixels of <paramref name="text"/> at <paramref name="fontSize"/> pixels.</summary>
    public static double Width(string text, double fontSize)
    {
        double em = 0;
        foreach (char c in text) em += Advance(c);
        return em * fontSize;
    }

    /// <summary><paramref name="text"/> cut to fit <paramref name="maxWidth"/> pixels, ending in "…" when cut.</summary>
    public static string Fit(string text, double maxWidth, double fontSize)
    {
        if (Width(text, fontSize) <= maxWidth) return text;
        double budget = maxWidth - Advance('…') * fontSize;
        double used = 0;
        int length = 0;
        while (length < text.Length && used + Advance(text[length]) * fontSize <= budget)
            used += Advance(text[length++]) * fontSize;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length].TrimEnd() + "…";
    }

    private static double Advance(char c) => c switch
    {
        ' ' => 0.32,
        '.' or ',' or ':' or ';' or '\'' or '!' or '|' or 'i' or 'j' or 'l' or 'I' => 0.32,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' => 0.42,
        'm' or 'w' or 'M' or 'W' or '—' => 0.98,
        '−' or '+' or '=' or '±' or '<' or '>' or '≤' or '≥' => 0.84,
        >= '0' and <= '9' => 0.64,
        >= 'a' and <= 'z' => 0.62,
        >= 'A' and <= 'Z' => 0.72,
        '⁰' or '¹' or '²' or '³' or '⁴' or '⁵' or '⁶' or '⁷' or '⁸' or '⁹' or '⁻' => 0.42,
        _ => 0.8,
    };
}
