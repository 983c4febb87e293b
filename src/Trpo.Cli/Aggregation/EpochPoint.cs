using Trpo.Cli.Errors;
using Trpo.Cli.Plotting;

namespace Trpo.Cli.Aggregation;

/// <summary>One epoch of one run as progress.csv records it (the columns aggregation uses).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="EnvSteps">Environment steps so far.</param>
/// <param name="ReturnMean">Mean return of the episodes that ended in the epoch; NaN when none did.</param>
public sealed record EpochPoint(int Epoch, long EnvSteps, double ReturnMean)
{
    /// <summary>The rows of <paramref name="progress"/>, in file order; a user error naming <paramref name="displayPath"/> when a row lacks its epoch or env_steps.</summary>
    public static IReadOnlyList<EpochPoint> Of(ProgressTable progress, string displayPath)
    {
        var epochs = progress.Numbers(ProgressTable.EpochColumn);
        var steps = progress.Numbers(ProgressTable.EnvStepsColumn);
        var returns = progress.Numbers("return_mean");
        return epochs.Select((epoch, i) => double.IsFinite(epoch) && double.IsFinite(steps[i])
            ? new EpochPoint((int)epoch, (long)steps[i], returns[i])
            : throw new UserError($"{displayPath}: row {i + 1} has no number in '{ProgressTable.EpochColumn}' or '{ProgressTable.EnvStepsColumn}'")).ToList();
    }
}
