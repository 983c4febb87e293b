using System.Globalization;
using System.Text;
using Trpo.Plots.Text;

namespace Trpo.Plots.Svg;

/// <summary>
/// Appends SVG elements to a buffer, one per line. Coordinates are written with at most two decimals (invariant
/// culture, no exponent, no negative zero), clamped to ±10⁶ px, so the same figure always gives the same bytes.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>A coordinate or length as text, e.g. 12.5, 100, −3.25 (ASCII minus).</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value)) value = 0;
        double rounded = Math.Round(Math.Clamp(value, -1e6, 1e6), 2, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // no "-0"
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a line at the current indentation.</summary>
    public void Line(string element) => _text.Append(' ', 2 * _depth).Append(element).Append('\n');

    /// <summary>Opens an element that holds others (e.g. <c>&lt;g ...&gt;</c>).</summary>
    public void Open(string element)
    {
        Line(element);
        _depth++;
    }

    /// <summary>Closes the element opened last, e.g. <c>&lt;/g&gt;</c>.</summary>
    public void Close(string endTag)
    {
        _depth--;
        Line(endTag);
    }

    /// <summary>A straight line.</summary>
    public void Segment(double x1, double y1, double x2, double y2, string attributes)
        => Line($"<line x1=\"{Num(x1)}\" y1=\"{Num(y1)}\" x2=\"{Num(x2)}\" y2=\"{Num(y2)}\" {attributes}/>");

    /// <summary>A rectangle.</summary>
    public void Rect(double x, double y, double width, double height, string attributes)
        => Line($"<rect x=\"{Num(x)}\" y=\"{Num(y)}\" width=\"{Num(Math.Max(0, width))}\" height=\"{Num(Math.Max(0, height))}\" {attributes}/>");

    /// <summary>A circle.</summary>
    public void Circle(double x, double y, double radius, string attributes)
        => Line($"<circle cx=\"{Num(x)}\" cy=\"{Num(y)}\" r=\"{Num(radius)}\" {attributes}/>");

    /// <summary>A polyline or polygon through <paramref name="points"/>.</summary>
    public void Poly(string element, IEnumerable<(double X, double Y)> points, string attributes)
    {
        var list = new StringBuilder();
        foreach (var (x, y) in points)
        {
            if (list.Length > 0) list.Append(' ');
            list.Append(Num(x)).Append(',').Append(Num(y));
        }
        Line($"<{element} points=\"{list}\" {attributes}/>");
    }

    /// <summary>A text element; <paramref name="content"/> is escaped here.</summary>
    public void Text(double x, double y, string content, string attributes)
        => Line($"<text x=\"{Num(x)}\" y=\"{Num(y)}\" {attributes}>{XmlText.Escape(content)}</text>");

    /// <summary>The document so far.</summary>
    public override string ToString() => _text.ToString();
}
