using System.Globalization;
using System.Xml.Linq;
using Trpo.Plots.Model;
using Trpo.Plots.Svg;

namespace Trpo.Plots.Tests.Support;

/// <summary>A rendered figure parsed back as XML, with finders for the elements the tests look at.</summary>
public sealed class SvgDocument
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private SvgDocument(string text)
    {
        Text = text;
        Root = XDocument.Parse(text).Root!;
    }

    /// <summary>Renders <paramref name="figure"/> and parses the result (which fails the test if it is not well-formed XML).</summary>
    public static SvgDocument Render(Figure figure) => new(SvgRenderer.Instance.Render(figure));

    /// <summary>A one-panel figure.</summary>
    public static SvgDocument Render(Panel panel, double width = 480, double height = 300)
        => Render(new Figure { Panels = [panel], PanelWidth = width, PanelHeight = height });

    public string Text { get; }
    public XElement Root { get; }

    public IEnumerable<XElement> All(string name) => Root.Descendants(Ns + name);

    public IReadOnlyList<string> Texts() => All("text").Select(t => t.Value).ToList();

    public IReadOnlyList<XElement> Polylines() => All("polyline").ToList();

    /// <summary>The legend boxes (rounded rectangles).</summary>
    public IReadOnlyList<XElement> LegendBoxes() => All("rect").Where(r => r.Attribute("rx") is not null).ToList();

    /// <summary>The frame of the first panel: the rectangle drawn with the frame colour and no fill.</summary>
    public (double Left, double Top, double Right, double Bottom) Frame()
    {
        var rect = All("rect").First(r => (string?)r.Attribute("fill") == "none");
        double x = Number(rect, "x"), y = Number(rect, "y");
        return (x, y, x + Number(rect, "width"), y + Number(rect, "height"));
    }

    public static double Number(XElement element, string attribute)
        => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>The (x, y) pairs of a polyline's points.</summary>
    public static IReadOnlyList<(double X, double Y)> Points(XElement poly)
        => ((string)poly.Attribute("points")!).Split(' ').Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
}
