using Trpo.Plots.Model;

namespace Trpo.Plots;

/// <summary>
/// The narrow seam between what a plot shows and how it is drawn: a <see cref="Figure"/> in, a document out.
/// <see cref="Svg.SvgRenderer"/> is the implementation here; another backend (e.g. ScottPlot, once it can be
/// restored) would implement this interface and nothing that builds figures would change.
/// </summary>
public interface IFigureRenderer
{
    /// <summary>The file extension of the documents this renderer makes, without the dot (e.g. <c>svg</c>).</summary>
    string FileExtension { get; }

    /// <summary>Renders <paramref name="figure"/>. Must be deterministic: the same figure gives the same text.</summary>
    string Render(Figure figure);
}
