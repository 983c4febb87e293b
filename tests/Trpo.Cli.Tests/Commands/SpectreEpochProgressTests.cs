using Trpo.Cli.Progress;
using Trpo.Cli.Tests.TestSupport;

namespace Trpo.Cli.Tests.Commands;

public sealed class SpectreEpochProgressTests
{
    [Fact]
    public void Progress_bar_runs_the_loop_returns_its_result_and_labels_the_last_epoch()
    {
        var output = new StringWriter();

        var result = new SpectreEpochProgress(output).Track(2, 0, onEpoch =>
        {
            onEpoch(FakeEngine.ReportFor(1, 64), TimeSpan.FromSeconds(0.1));
            onEpoch(FakeEngine.ReportFor(2, 64), TimeSpan.FromSeconds(0.1));
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Contains("epoch 2/2  return n/a", output.ToString());
    }
}
