using Trpo.Cli.Golden;
using Trpo.Core.Tracing;
using Trpo.Core.Training;
using Xunit.Abstractions;

namespace Trpo.Golden.Tests;

/// <summary>
/// The net must catch a small algorithm change and point at the first quantity it acts on. An engine change is
/// simulated by running a scenario with altered options under the scenario's own meta lines.
/// </summary>
public class DeliberateChangeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _golden = RepositoryPaths.CopyOfGolden();

    public void Dispose() => Directory.Delete(_golden, recursive: true);

    private GoldenOutcome VerifyChanged(string name, Func<TrpoOptions, TrpoOptions> change)
    {
        var scenario = GoldenScenarios.Find(name)!;
        var changed = scenario with { Options = change(scenario.Options) };
        // keep the golden's header: only the algorithm's numbers changed, not the scenario
        string header = TraceText.FormatHeader(scenario.Meta());
        string body = changed.Run()[TraceText.FormatHeader(changed.Meta()).Length..];
        var outcome = new GoldenStore(_golden).Compare(name, header + body);
        output.WriteLine(outcome.Describe());
        return outcome;
    }

    [Theory]
    [InlineData("cartpole-spinningup")]
    [InlineData("pendulum-sb3")]
    public void DampingChangedBy1e6_FailsAtTheConjugateGradient(string name)
    {
        var outcome = VerifyChanged(name, o => o with { DampingCoeff = o.DampingCoeff + 1e-6 });
        Assert.Equal(GoldenStatus.Mismatch, outcome.Status);
        // damping enters only the Fisher-vector product: everything before CG (batch, GAE, g) is unchanged
        Assert.Equal(1, outcome.Divergence!.Epoch);
        Assert.Equal("cg.residuals", outcome.Divergence.Quantity);
        Assert.Equal(1, outcome.Divergence.Index); // r_0 = g is unchanged; r_1 is the first to move
        Assert.NotNull(outcome.Divergence.UlpDistance);
        Assert.True(File.Exists(outcome.ReceivedPath));
    }

    [Fact]
    public void OneConjugateGradientIterationFewer_FailsAtTheConjugateGradient()
    {
        // CG usually meets its tolerance before cg_iters: cap it one below what epoch 1 really ran
        var golden = TraceText.Parse(File.ReadAllText(Path.Combine(_golden, "cartpole-spinningup", "trace.txt")));
        int ran = golden.Epochs[0].Quantities.Single(q => q.Name == "cg.residuals").Values.Count - 1;
        var outcome = VerifyChanged("cartpole-spinningup", o => o with { CgIters = ran - 1 });
        Assert.Equal(GoldenStatus.Mismatch, outcome.Status);
        Assert.Equal(1, outcome.Divergence!.Epoch);
        Assert.StartsWith("cg.", outcome.Divergence.Quantity);
        Assert.True(outcome.Divergence.DifferingAfter > 0);
    }

    [Fact]
    public void AMatchingTrace_DeletesAStaleReceivedFile()
    {
        var scenario = GoldenScenarios.Find("cartpole-spinningup")!;
        var store = new GoldenStore(_golden);
        File.WriteAllText(store.ReceivedPath(scenario.Name), "stale");
        Assert.Equal(GoldenStatus.Match, store.Verify(scenario).Status);
        Assert.False(File.Exists(store.ReceivedPath(scenario.Name)));
    }
}
