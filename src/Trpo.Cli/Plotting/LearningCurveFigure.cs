using Trpo.Plots.Model;

namespace Trpo.Cli.Plotting;

/// <summary>
/// learning_curve.svg: episode return against environment steps. For one run, the epoch's mean return with a
/// band from the epoch's worst to best episode (return_min … return_max). For several configurations, one line
/// per configuration: the mean over seeds of return_mean with a band of ± std (or ± standard error) over seeds;
/// a configuration with a single seed shows its min–max band instead. The environment's reward threshold, when
/// it has one, is a dashed line; callers may add more (e.g. a published result).
/// </summary>
public static class LearningCurveFigure
{
    private const string XLabel = "environment steps";
    private const string YLabel = "episode return";

    /// <summary>The learning curve of one run.</summary>
    public static Figure ForRun(RunRecord run)
    {
        var table = run.Progress;
        var mean = table.Numbers("return_mean");
        return new Figure
        {
            Title = $"{run.Env ?? run.Name} — episode return",
            Subtitle = RunDescription(run),
            PanelWidth = 720,
            PanelHeight = 420,
            Panels =
            [
                new Panel
                {
                    X = new Axis { Label = XLabel },
                    Y = new Axis { Label = YLabel },
                    Lines =
                    [
                        new LineSeries("mean episode return (band: min–max)", table.Numbers(ProgressTable.EnvStepsColumn), mean)
                        {
                            BandLower = table.Numbers("return_min"),
                            BandUpper = table.Numbers("return_max"),
                        },
                    ],
                    References = Threshold(run.RewardThreshold),
                    Notes = table.RowCount == 0 ? ["no epoch has finished yet"] : [],
                },
            ],
        };
    }

    /// <summary>One band per configuration (see the class remarks), for one environment.</summary>
    /// <param name="title">The figure title, e.g. <c>CartPole-v1 — episode return</c>.</param>
    /// <param name="subtitle">A line under it, or null.</param>
    /// <param name="configurations">The configurations, in legend order.</param>
    /// <param name="band">What the band over seeds shows.</param>
    /// <param name="references">Horizontal lines, e.g. <see cref="Threshold"/> of the environment.</param>
    public static Figure Compare(string title, string? subtitle, IReadOnlyList<ConfigCurves> configurations, BandKind band, IReadOnlyList<ReferenceLine> references)
    {
        var lines = new List<LineSeries>();
        var notes = new List<string>();
        foreach (var config in configurations)
        {
            var (line, note) = Line(config, "return_mean", band, withEpisodeBand: true);
            lines.Add(line with { Color = lines.Count });
            if (note is not null) notes.Add(note);
        }
        notes.Insert(0, BandNote(band, configurations));
        return new Figure
        {
            Title = title,
            Subtitle = subtitle,
            PanelWidth = 760,
            PanelHeight = 440,
            Panels =
            [
                new Panel
                {
                    X = new Axis { Label = XLabel },
                    Y = new Axis { Label = YLabel },
                    Lines = lines,
                    References = references,
                },
            ],
            Notes = notes,
        };
    }

    /// <summary>A dashed line at the reward threshold, or nothing when there is none.</summary>
    public static IReadOnlyList<ReferenceLine> Threshold(double? threshold)
        => threshold is { } t ? [new ReferenceLine(t, $"reward threshold {Format(t)}")] : [];

    /// <summary>
    /// The line of one configuration for <paramref name="column"/> against env steps: over several seeds the mean with
    /// a ± std/se band; for one seed the values themselves, with the min–max episode band when <paramref name="withEpisodeBand"/>.
    /// Returns a note when the seeds were cut to the epochs they all have.
    /// </summary>
    internal static (LineSeries Line, string? Note) Line(ConfigCurves config, string column, BandKind band, bool withEpisodeBand, bool byEpoch = false, bool minMaxOverSeeds = false)
    {
        var curve = SeedAggregate.Compute(config.Seeds, column);
        IReadOnlyList<double> x = byEpoch ? curve.Epochs.Select(e => (double)e).ToArray() : curve.EnvSteps;
        string? note = curve.LongestRun > curve.Epochs.Count
            ? $"{config.Label}: {curve.Seeds} seeds cut to the {curve.Epochs.Count} epochs they all have (longest: {curve.LongestRun})"
            : null;
        if (config.Seeds.Count >= 2)
        {
            var (lower, upper) = minMaxOverSeeds ? (curve.Min.ToArray(), curve.Max.ToArray()) : curve.Band(band);
            return (new LineSeries($"{config.Label} ({config.Seeds.Count} seeds)", x, curve.Mean) { BandLower = lower, BandUpper = upper }, note);
        }
        var single = new LineSeries($"{config.Label} (1 seed)", x, curve.Mean);
        if (withEpisodeBand)
        {
            var table = config.Seeds[0];
            single = single with
            {
                Label = $"{config.Label} (1 seed, band: min–max)",
                BandLower = SeedAggregate.Compute([table], "return_min").Mean,
                BandUpper = SeedAggregate.Compute([table], "return_max").Mean,
            };
        }
        return (single, note);
    }

    internal static string BandNote(BandKind band, IReadOnlyList<ConfigCurves> configurations)
    {
        string over = band == BandKind.Std ? "mean ± sample std over seeds" : "mean ± standard error over seeds";
        return configurations.Any(c => c.Seeds.Count == 1)
            ? $"bands: {over}; a single seed shows the min–max of its epoch's episodes"
            : $"bands: {over}";
    }

    internal static string RunDescription(RunRecord run, bool withName = true)
    {
        var parts = withName ? new List<string> { run.Name } : [];
        if (run.Seed is { } seed) parts.Add($"seed {seed}");
        if (run.Preset is { } preset) parts.Add($"preset {preset}");
        parts.Add($"{run.Progress.RowCount} epochs");
        if (run.Status is { } status) parts.Add(status);
        return string.Join(", ", parts);
    }

    internal static string Format(double value) => Output.RoundTrip.Format(value);
}
