using Trpo.Plots.Model;
using Trpo.Plots.Text;

namespace Trpo.Plots.Svg;

/// <summary>
/// Renders a <see cref="Figure"/> as a standalone SVG 1.1 document (UTF-8, LF line ends, white background, system
/// sans-serif fonts, no scripts, no external references). The text is a pure function of the figure: coordinates
/// have at most two decimals, tick labels are exact decimals, element ids are derived from panel positions, and
/// nothing reads the clock or the culture, so equal figures give equal bytes.
/// </summary>
public sealed class SvgRenderer : IFigureRenderer
{
    /// <summary>The renderer (it holds no state).</summary>
    public static SvgRenderer Instance { get; } = new();

    /// <inheritdoc />
    public string FileExtension => "svg";

    /// <inheritdoc />
    public string Render(Figure figure)
    {
        if (figure.Columns < 1) throw new ArgumentException($"Columns must be at least 1 (got {figure.Columns})");
        if (!(figure.PanelWidth >= 120 && figure.PanelHeight >= 100))
            throw new ArgumentException($"panels must be at least 120 x 100 px (got {figure.PanelWidth} x {figure.PanelHeight})");

        int columns = Math.Min(figure.Columns, Math.Max(1, figure.Panels.Count));
        int rows = (figure.Panels.Count + columns - 1) / columns;
        double width = columns * figure.PanelWidth;

        double header = 0;
        if (figure.Title is not null) header += Style.Pad + Style.FigureTitleFont + 6;
        if (figure.Subtitle is not null) header += Style.SubtitleFont + 6;
        if (header > 0) header += 2;

        double gridBottom = header + rows * figure.PanelHeight;
        var legendRows = Legend.Flow(figure.SharedLegend, width - 2 * Style.Pad);
        double legendHeight = legendRows.Count == 0 ? 0 : legendRows.Count * Legend.FlowRow + 6;
        double notesHeight = figure.Notes.Count == 0 ? 0 : figure.Notes.Count * Style.NoteLine + 6;
        double height = Math.Max(40, gridBottom + legendHeight + notesHeight);

        var svg = new SvgWriter();
        string w = SvgWriter.Num(width), h = SvgWriter.Num(height);
        svg.Open($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{Style.FontFamily}\">");
        svg.Line($"<title>{XmlText.Escape(figure.Title ?? "figure")}</title>");
        svg.Rect(0, 0, width, height, "fill=\"white\"");

        double y = 0;
        if (figure.Title is { } title)
        {
            y = Style.Pad + Style.FigureTitleFont;
            svg.Text(width / 2, y, TextMetrics.Fit(title, width - 2 * Style.Pad, Style.FigureTitleFont),
                $"font-size=\"{SvgWriter.Num(Style.FigureTitleFont)}\" font-weight=\"bold\" fill=\"{Style.Text}\" text-anchor=\"middle\"");
        }
        if (figure.Subtitle is { } subtitle)
        {
            y += Style.SubtitleFont + 6;
            svg.Text(width / 2, y, TextMetrics.Fit(subtitle, width - 2 * Style.Pad, Style.SubtitleFont),
                $"font-size=\"{SvgWriter.Num(Style.SubtitleFont)}\" fill=\"{Style.Muted}\" text-anchor=\"middle\"");
        }

        for (int i = 0; i < figure.Panels.Count; i++)
            PanelRenderer.Render(svg, figure.Panels[i], i,
                i % columns * figure.PanelWidth, header + i / columns * figure.PanelHeight, figure.PanelWidth, figure.PanelHeight);

        if (legendRows.Count > 0)
            Legend.DrawFlow(svg, legendRows, width / 2, gridBottom + 2);
        for (int i = 0; i < figure.Notes.Count; i++)
            svg.Text(Style.Pad, gridBottom + legendHeight + (i + 1) * Style.NoteLine, TextMetrics.Fit(figure.Notes[i], width - 2 * Style.Pad, Style.NoteFont),
                $"font-size=\"{SvgWriter.Num(Style.NoteFont)}\" fill=\"{Style.Muted}\" font-style=\"italic\"");
        svg.Close("</svg>");
        return svg.ToString();
    }
}
