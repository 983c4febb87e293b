using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>Shows a run's progress while the training loop runs inside <see cref="Track{T}"/>.</summary>
public interface IEpochProgress
{
    /// <summary>
    /// Runs <paramref name="loop"/>, giving it a callback to call after each epoch with the report and that
    /// epoch's wall time; returns what the loop returns. <paramref name="completedEpochs"/> were done before
    /// (a resumed run).
    /// </summary>
    T Track<T>(int totalEpochs, int completedEpochs, Func<Action<EpochReport, TimeSpan>, T> loop);
}
