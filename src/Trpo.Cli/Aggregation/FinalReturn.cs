namespace Trpo.Cli.Aggregation;

/// <summary>
/// A run's final performance: the mean of <c>return_mean</c> over its last K epochs, K = max(1, ⌈epochs / 10⌉)
/// by default (the last 10% of training), skipping epochs in which no episode ended. Averaging a window rather
/// than taking the last epoch alone damps the epoch-to-epoch noise of training returns.
/// These are returns of the stochastic training policy, not of separate evaluation episodes.
/// </summary>
public static class FinalReturn
{
    /// <summary>The default window: max(1, ⌈<paramref name="epochs"/> / 10⌉).</summary>
    public static int DefaultWindow(int epochs) => Math.Max(1, (epochs + 9) / 10);

    /// <summary>The mean of the finite <c>return_mean</c> values of the last <paramref name="window"/> epochs; NaN when there is none.</summary>
    public static double Of(IReadOnlyList<EpochPoint> epochs, int window)
    {
        double sum = 0;
        int count = 0;
        for (int i = Math.Max(0, epochs.Count - window); i < epochs.Count; i++)
        {
            if (!double.IsFinite(epochs[i].ReturnMean)) continue;
            sum += epochs[i].ReturnMean;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
