using System.Globalization;
using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>
/// The one-line epoch summary printed when output is not a terminal, e.g.
/// <c>epoch 3/25  steps 12000  return 41.2 ± 20.1  kl 0.0087  step 1.000  vloss 12.3  (0.4 s)</c>.
/// Values are rounded for reading; progress.csv has them exact.
/// </summary>
public static class EpochLine
{
    /// <summary>The line for <paramref name="report"/> of <paramref name="totalEpochs"/>.</summary>
    public static string Format(EpochReport report, int totalEpochs, TimeSpan epochTime)
    {
        var c = CultureInfo.InvariantCulture;
        var returns = report.Episodes > 0 && double.IsFinite(report.ReturnMean)
            ? string.Format(c, "{0:F1} ± {1:F1}", report.ReturnMean, report.ReturnStd)
            : "n/a";
        var line = string.Format(c,
            "epoch {0}/{1}  steps {2}  return {3}  kl {4:F4}  step {5:F3}  vloss {6:G4}  ({7:F1} s)",
            report.Epoch, totalEpochs, report.EnvSteps, returns, report.Kl, report.AcceptedStepFraction,
            report.ValueLoss, epochTime.TotalSeconds);
        return report.SkipReason is null ? line : $"{line}  skipped: {report.SkipReason}";
    }

    /// <summary>The short form used as the progress bar's label: <c>epoch 3/25  return 41.2</c>.</summary>
    public static string Short(EpochReport report, int totalEpochs)
    {
        var returns = report.Episodes > 0 && double.IsFinite(report.ReturnMean)
            ? report.ReturnMean.ToString("F1", CultureInfo.InvariantCulture)
            : "n/a";
        return $"epoch {report.Epoch}/{totalEpochs}  return {returns}";
    }
}
