using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>Progress for logs and CI: one <see cref="EpochLine"/> per epoch, flushed at once.</summary>
public sealed class PlainEpochProgress(TextWriter output) : IEpochProgress
{
    /// <inheritdoc />
    public T Track<T>(int totalEpochs, int completedEpochs, Func<Action<EpochReport, TimeSpan>, T> loop)
        => loop((report, epochTime) =>
        {
            output.WriteLine(EpochLine.Format(report, totalEpochs, epochTime));
            output.Flush();
        });
}
