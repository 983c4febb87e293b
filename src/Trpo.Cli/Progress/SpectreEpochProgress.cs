using Spectre.Console;
using Trpo.Core.Training;

namespace Trpo.Cli.Progress;

/// <summary>Progress on an interactive terminal: a Spectre.Console bar labelled with the epoch and last return.</summary>
public sealed class SpectreEpochProgress(TextWriter output) : IEpochProgress
{
    /// <inheritdoc />
    public T Track<T>(int totalEpochs, int completedEpochs, Func<Action<EpochReport, TimeSpan>, T> loop)
    {
        // The caller decided the output is a terminal (CliConsole.Interactive); Spectre detects colour support itself.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"epoch {completedEpochs}/{totalEpochs}"), maxValue: totalEpochs);
                task.Value = completedEpochs;
                return loop((report, _) =>
                {
                    task.Description = Markup.Escape(EpochLine.Short(report, totalEpochs));
                    task.Value = report.Epoch;
                });
            });
    }
}
