using Trpo.Plots.Model;

namespace Trpo.Cli.Plotting;

/// <summary>
/// diagnostics.svg: what each TRPO update did, per epoch, in a 3 × 3 grid of panels from progress.csv's columns:
/// the KL of the accepted step against the limit δ, the policy entropy, the surrogate improvement, the accepted step
/// fraction, the line-search backtracks, the critic's explained variance, and on log scales the value loss, xᵀFx
/// and the CG residual r·r (quantities that span decades). For several configurations each panel has one line per
/// configuration (the mean over seeds, ± std or standard error) and the legend is shared below the grid.
/// </summary>
public static class DiagnosticsFigure
{
    /// <summary>One panel: the column it plots and how.</summary>
    /// <param name="Column">The progress.csv column.</param>
    /// <param name="Title">The panel title.</param>
    /// <param name="Scale">Linear or log.</param>
    public sealed record Diagnostic(string Column, string Title, AxisScale Scale = AxisScale.Linear);

    /// <summary>The panels, in reading order.</summary>
    public static IReadOnlyList<Diagnostic> Panels { get; } =
    [
        new("kl", "KL(π_old ‖ π_new)"),
        new("entropy", "policy entropy"),
        new("surrogate_improvement", "surrogate improvement"),
        new("accepted_step_fraction", "accepted step fraction"),
        new("backtracks", "line-search backtracks"),
        new("explained_variance", "explained variance (critic)"),
        new("value_loss", "value loss (before the fit)", AxisScale.Log),
        new("curvature", "xᵀFx of the step direction", AxisScale.Log),
        new("cg_residual", "CG residual r·r", AxisScale.Log),
    ];

    private const double PanelWidth = 380, PanelHeight = 240;

    /// <summary>The diagnostics of one run.</summary>
    public static Figure ForRun(RunRecord run)
    {
        var epochs = run.Progress.Numbers(ProgressTable.EpochColumn);
        var panels = Panels.Select(d => Panel(d, run.Delta is { } delta ? [delta] : [], run.BacktrackIters,
            [new LineSeries(d.Title, epochs, run.Progress.Numbers(d.Column)) { InLegend = false }])).ToList();
        return new Figure
        {
            Title = $"{run.Env ?? run.Name} — TRPO diagnostics per epoch",
            Subtitle = LearningCurveFigure.RunDescription(run),
            Columns = 3,
            PanelWidth = PanelWidth,
            PanelHeight = PanelHeight,
            Panels = panels,
        };
    }

    /// <summary>One line (mean over seeds, with a band when there are several) per configuration in every panel.</summary>
    /// <param name="title">The figure title.</param>
    /// <param name="subtitle">A line under it, or null.</param>
    /// <param name="configurations">The configurations, in legend order.</param>
    /// <param name="band">What the band over seeds shows.</param>
    /// <param name="delta">The values of δ of the configurations (each drawn on the KL panel).</param>
    /// <param name="backtrackIters">backtrack_iters, when shared (the top of the backtracks panel).</param>
    public static Figure Compare(string title, string? subtitle, IReadOnlyList<ConfigCurves> configurations, BandKind band, IReadOnlyList<double> delta, double? backtrackIters)
    {
        var panels = Panels.Select(d => Panel(d, delta, backtrackIters, configurations.Select((c, i) =>
            LearningCurveFigure.Line(c, d.Column, band, withEpisodeBand: false, byEpoch: true, minMaxOverSeeds: d.Scale == AxisScale.Log).Line
                with { Color = i, InLegend = false }).ToList())).ToList();
        var notes = configurations.Select(c => LearningCurveFigure.Line(c, "kl", band, false).Note).OfType<string>().ToList();
        if (configurations.Any(c => c.Seeds.Count >= 2))
            notes.Insert(0, (band == BandKind.Std ? "bands: mean ± sample std over seeds" : "bands: mean ± standard error over seeds")
                            + "; on the log-scale panels min–max over seeds (a mean minus a std can be ≤ 0)");
        return new Figure
        {
            Title = title,
            Subtitle = subtitle,
            Columns = 3,
            PanelWidth = PanelWidth,
            PanelHeight = PanelHeight,
            Panels = panels,
            SharedLegend = panels[0].Lines.Select(l => new LegendEntry(l.Label, l.Color ?? 0, l.BandLower is not null)).ToList(),
            Notes = notes,
        };
    }

    private static Panel Panel(Diagnostic diagnostic, IReadOnlyList<double> delta, double? backtrackIters, IReadOnlyList<LineSeries> lines)
    {
        var y = new Axis { Scale = diagnostic.Scale };
        IReadOnlyList<ReferenceLine> references = [];
        switch (diagnostic.Column)
        {
            case "kl":
                references = delta.Distinct().Order().Select(d => new ReferenceLine(d, $"δ = {LearningCurveFigure.Format(d)}")).ToList();
                break;
            case "accepted_step_fraction":
                y = y with { Min = -0.05, Max = 1.05 };
                break;
            case "backtracks":
                y = y with { IntegerTicks = true, Min = -0.5, Max = backtrackIters is { } b ? b + 0.5 : null };
                break;
        }
        return new Panel
        {
            Title = diagnostic.Title,
            X = new Axis { Label = "epoch" },
            Y = y,
            Lines = lines,
            References = references,
            Legend = LegendPosition.None,
        };
    }
}
