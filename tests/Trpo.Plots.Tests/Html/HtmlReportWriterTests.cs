using System.Xml.Linq;
using Trpo.Plots.Html;

namespace Trpo.Plots.Tests.Html;

public class HtmlReportWriterTests
{
    private static HtmlReport Sample() => new()
    {
        Title = "CartPole-v1 <seed 0>",
        Subtitle = "spinningup & co",
        Blocks =
        [
            new ReportHeading("Plots"),
            new ReportImage("learning_curve.svg", "learning curve", "episode return"),
            new ReportHeading("Summary"),
            new ReportTable(["key", "value"], [["env", "CartPole-v1"], ["final_return_mean", "475.5"], ["seeds", "3 ± 0.5"]]) { Caption = "summary.json" },
            new ReportLinks([new ReportCell("run a", "runs/a b/index.html")]),
            new ReportParagraph("δ = 0.01"),
        ],
    };

    [Fact]
    public void The_page_has_no_scripts_and_no_network_references()
    {
        string html = HtmlReportWriter.Render(Sample());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n", html);
        Assert.DoesNotContain("\r", html);
    }

    [Fact]
    public void The_page_is_deterministic_and_escapes_text()
    {
        string html = HtmlReportWriter.Render(Sample());
        Assert.Equal(html, HtmlReportWriter.Render(Sample()));
        Assert.Contains("<title>CartPole-v1 &lt;seed 0&gt;</title>", html);
        Assert.Contains("spinningup &amp; co", html);
    }

    [Fact]
    public void Images_link_to_their_files_and_tables_right_align_numbers()
    {
        string html = HtmlReportWriter.Render(Sample());
        Assert.Contains("<a href=\"learning_curve.svg\"><img src=\"learning_curve.svg\" alt=\"learning curve\"></a>", html);
        Assert.Contains("<td class=\"num\">475.5</td>", html);
        Assert.Contains("<td class=\"num\">3 ± 0.5</td>", html);
        Assert.Contains("<td>CartPole-v1</td>", html);
        Assert.Contains("<a href=\"runs/a%20b/index.html\">run a</a>", html);
    }

    [Fact]
    public void The_body_is_well_formed_markup()
    {
        string html = HtmlReportWriter.Render(Sample());
        string body = html[html.IndexOf("<body>", StringComparison.Ordinal)..(html.IndexOf("</body>", StringComparison.Ordinal) + 7)];
        var parsed = XElement.Parse(body.Replace("\"></a>", "\"/></a>"));
        Assert.Equal(2, parsed.Elements("h2").Count());
    }

    [Fact]
    public void Hrefs_percent_encode_everything_but_safe_path_characters()
    {
        Assert.Equal("a/b%20c%23d%3F/%C3%A9.svg", HtmlReportWriter.Href("a\\b c#d?/é.svg"));
        Assert.Equal("runs/CartPole-v1__spinningup__seed0/index.html", HtmlReportWriter.Href("runs/CartPole-v1__spinningup__seed0/index.html"));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_rejected()
        => Assert.Throws<ArgumentException>(() => HtmlReportWriter.Render(new HtmlReport { Title = "t", Blocks = [new ReportTable(["a", "b"], [["1"]])] }));
}
