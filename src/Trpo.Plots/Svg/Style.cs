namespace Trpo.Plots.Svg;

/// <summary>Sizes (px) and colours shared by the SVG drawing code.</summary>
internal static class Style
{
    public const string FontFamily = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";
    public const double FigureTitleFont = 16;
    public const double SubtitleFont = 12;
    public const double PanelTitleFont = 13;
    public const double AxisLabelFont = 12;
    public const double TickFont = 11;
    public const double LegendFont = 11;
    public const double NoteFont = 10;
    public const double NoteLine = 13;
    public const double ReferenceFont = 10.5;

    public const double Pad = 8;
    public const double TickLength = 4;
    public const double LineWidth = 1.8;
    public const double BandOpacity = 0.2;

    public const string Text = "#222222";
    public const string Muted = "#666666";
    public const string Frame = "#9a9a9a";
    public const string Grid = "#e6e6e6";
    public const string MinorGrid = "#f2f2f2";
    public const string LegendBorder = "#cccccc";
}
