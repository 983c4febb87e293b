namespace Trpo.Plots.Html;

/// <summary>
/// An HTML report as data: a title and a list of blocks (headings, paragraphs, images of plots, tables, links).
/// <see cref="HtmlReportWriter"/> turns it into one self-contained page: no scripts, no network, styles inline.
/// </summary>
public sealed record HtmlReport
{
    /// <summary>The page title and top heading.</summary>
    public required string Title { get; init; }

    /// <summary>A line under the title, or null.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The content, in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks { get; init; } = [];
}

/// <summary>One block of a report.</summary>
public abstract record ReportBlock;

/// <summary>A section heading.</summary>
/// <param name="Text">The heading text.</param>
public sealed record ReportHeading(string Text) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
/// <param name="Text">The text.</param>
public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>An image (a plot file beside the page), shown at most the page's width and linked to itself.</summary>
/// <param name="Source">Relative path of the image, e.g. <c>learning_curve.svg</c>.</param>
/// <param name="Alt">Text for readers that cannot show it.</param>
/// <param name="Caption">A caption, or null.</param>
public sealed record ReportImage(string Source, string Alt, string? Caption = null) : ReportBlock;

/// <summary>A table; cells that look like numbers are right-aligned.</summary>
/// <param name="Header">Column names.</param>
/// <param name="Rows">Rows of cells, each as many as <paramref name="Header"/>.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<ReportCell>> Rows) : ReportBlock
{
    /// <summary>A caption above the table, or null.</summary>
    public string? Caption { get; init; }
}

/// <summary>A table cell: text and, optionally, a relative link.</summary>
/// <param name="Text">The cell text.</param>
/// <param name="Href">A relative link, or null.</param>
public sealed record ReportCell(string Text, string? Href = null)
{
    /// <summary>A plain text cell.</summary>
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>A bulleted list of links.</summary>
/// <param name="Links">The links: text and relative target.</param>
public sealed record ReportLinks(IReadOnlyList<ReportCell> Links) : ReportBlock;
