using System.Xml.Linq;
using Trpo.Plots.Text;

namespace Trpo.Plots.Tests.Text;

public class XmlTextTests
{
    [Fact]
    public void Markup_characters_are_escaped()
        => Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", XmlText.Escape("a <b> & \"c\" 'd'"));

    [Fact]
    public void Line_breaks_and_tabs_become_spaces()
        => Assert.Equal("a b c d", XmlText.Escape("a\nb\tc\rd"));

    [Fact]
    public void Characters_xml_cannot_hold_are_replaced_and_pairs_are_kept()
    {
        string text = "x\u0001y\uD800z\uFFFF" + "\U0001F600";
        string escaped = XmlText.Escape(text);
        Assert.Equal("x\uFFFDy\uFFFDz\uFFFD\U0001F600", escaped);
        var element = XElement.Parse($"<t a=\"{escaped}\">{escaped}</t>");
        Assert.Equal("x\uFFFDy\uFFFDz\uFFFD\U0001F600", element.Value);
    }

    [Fact]
    public void Escaped_text_round_trips_through_an_xml_parser()
    {
        string text = "δ = 0.01 <KL> & 'x' \"y\" ±∞";
        var element = XElement.Parse($"<t a=\"{XmlText.Escape(text)}\">{XmlText.Escape(text)}</t>");
        Assert.Equal(text, element.Value);
        Assert.Equal(text, element.Attribute("a")!.Value);
    }
}
