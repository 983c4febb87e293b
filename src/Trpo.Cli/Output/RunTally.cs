using Trpo.Core.Training;

namespace Trpo.Cli.Output;

/// <summary>
/// What summary.json needs from the epochs so far, kept as running values so that a checkpoint can carry it
/// across a resume: epochs completed, steps, the last epoch's return and the best return.
/// </summary>
/// <param name="EpochsCompleted">Epochs that finished and are in progress.csv.</param>
/// <param name="EnvSteps">Environment steps taken.</param>
/// <param name="FinalReturnMean">return_mean of the last finished epoch (NaN when none finished or no episode ended in it).</param>
/// <param name="BestReturnMean">Largest finite return_mean of an epoch that finished episodes (NaN when none).</param>
public sealed record RunTally(int EpochsCompleted, long EnvSteps, double FinalReturnMean, double BestReturnMean)
{
    /// <summary>Before the first epoch.</summary>
    public static RunTally Empty { get; } = new(0, 0, double.NaN, double.NaN);

    /// <summary>The tally after one more epoch.</summary>
    public RunTally Add(EpochReport report)
    {
        bool counts = report.Episodes > 0 && double.IsFinite(report.ReturnMean);
        double best = counts && (double.IsNaN(BestReturnMean) || report.ReturnMean > BestReturnMean) ? report.ReturnMean : BestReturnMean;
        return new RunTally(EpochsCompleted + 1, report.EnvSteps, report.ReturnMean, best);
    }

    /// <summary>Value equality that treats NaN as equal to NaN (records compare doubles with ==... which is false for NaN).</summary>
    public bool Equals(RunTally? other)
        => other is not null && EpochsCompleted == other.EpochsCompleted && EnvSteps == other.EnvSteps
           && FinalReturnMean.Equals(other.FinalReturnMean) && BestReturnMean.Equals(other.BestReturnMean);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EpochsCompleted, EnvSteps);
}
