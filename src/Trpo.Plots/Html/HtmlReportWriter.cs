using System.Text;
using System.Text.RegularExpressions;
using Trpo.Plots.Text;

namespace Trpo.Plots.Html;

/// <summary>
/// Writes an <see cref="HtmlReport"/> as an HTML5 page: UTF-8, LF line ends, an inline style sheet, images by
/// relative link, no scripts and nothing fetched from the network. The text depends on the report only, so
/// equal reports give equal bytes.
/// </summary>
public static partial class HtmlReportWriter
{
    private const string StyleSheet = """
        body { font-family: "DejaVu Sans", Verdana, Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1240px; padding: 0 16px; }
        h1 { font-size: 22px; margin-bottom: 4px; }
        h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        p.subtitle { color: #666; margin-top: 0; }
        figure { margin: 12px 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #666; font-size: 13px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        caption { text-align: left; color: #666; padding-bottom: 4px; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        """;

    /// <summary>The page's text.</summary>
    public static string Render(HtmlReport report)
    {
        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');

        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\">");
        Line("<head>");
        Line("<meta charset=\"utf-8\">");
        Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Line($"<title>{XmlText.Escape(report.Title)}</title>");
        Line("<style>");
        foreach (var rule in StyleSheet.Split('\n')) Line(rule.TrimEnd());
        Line("</style>");
        Line("</head>");
        Line("<body>");
        Line($"<h1>{XmlText.Escape(report.Title)}</h1>");
        if (report.Subtitle is { } subtitle) Line($"<p class=\"subtitle\">{XmlText.Escape(subtitle)}</p>");
        foreach (var block in report.Blocks)
        {
            switch (block)
            {
                case ReportHeading heading:
                    Line($"<h2>{XmlText.Escape(heading.Text)}</h2>");
                    break;
                case ReportParagraph paragraph:
                    Line($"<p>{XmlText.Escape(paragraph.Text)}</p>");
                    break;
                case ReportImage image:
                    Line("<figure>");
                    Line($"<a href=\"{Href(image.Source)}\"><img src=\"{Href(image.Source)}\" alt=\"{XmlText.Escape(image.Alt)}\"></a>");
                    if (image.Caption is { } caption) Line($"<figcaption>{XmlText.Escape(caption)}</figcaption>");
                    Line("</figure>");
                    break;
                case ReportTable table:
                    Table(table, Line);
                    break;
                case ReportLinks links:
                    Line("<ul>");
                    foreach (var link in links.Links) Line($"<li>{Cell(link)}</li>");
                    Line("</ul>");
                    break;
                default:
                    throw new ArgumentException($"unknown report block {block.GetType().Name}");
            }
        }
        Line("</body>");
        Line("</html>");
        return html.ToString();
    }

    /// <summary>
    /// A relative path as an attribute value: backslashes become slashes, and every byte of its UTF-8 form other
    /// than letters, digits, <c>- . _ ~ /</c> is percent-encoded (so spaces, <c>#</c>, <c>?</c> and quotes are safe).
    /// </summary>
    public static string Href(string path)
    {
        var encoded = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(path.Replace('\\', '/')))
        {
            char c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~' or '/') encoded.Append(c);
            else encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    private static void Table(ReportTable table, Action<string> line)
    {
        foreach (var row in table.Rows)
            if (row.Count != table.Header.Count)
                throw new ArgumentException($"a table row has {row.Count} cells for {table.Header.Count} columns");
        line("<table>");
        if (table.Caption is { } caption) line($"<caption>{XmlText.Escape(caption)}</caption>");
        line("<tr>" + string.Concat(table.Header.Select(h => $"<th>{XmlText.Escape(h)}</th>")) + "</tr>");
        foreach (var row in table.Rows)
            line("<tr>" + string.Concat(row.Select(c => (Numeric().IsMatch(c.Text) ? "<td class=\"num\">" : "<td>") + Cell(c) + "</td>")) + "</tr>");
        line("</table>");
    }

    private static string Cell(ReportCell cell)
        => cell.Href is { } href ? $"<a href=\"{Href(href)}\">{XmlText.Escape(cell.Text)}</a>" : XmlText.Escape(cell.Text);

    [GeneratedRegex(@"^(?=.*\d)[-−+]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?( ± [-−+]?\d[\d.,]*([eE][-+]?\d+)?)?$")]
    private static partial Regex Numeric();
}
