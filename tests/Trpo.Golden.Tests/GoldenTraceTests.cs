using Trpo.Cli.Golden;
using Trpo.Core.Tracing;
using Xunit.Abstractions;

namespace Trpo.Golden.Tests;

/// <summary>
/// Every scenario's trace must equal its checked-in golden bit for bit. On a difference the received trace is
/// written beside the golden (git-ignored) and the failure names the first divergence. Set
/// <c>TRPO_ACCEPT_GOLDEN=1</c> to accept instead (on purpose, then review and commit the diff with the reason).
/// </summary>
public class GoldenTraceTests(ITestOutputHelper output)
{
    /// <summary>The switch that makes this test run write goldens instead of failing.</summary>
    public const string AcceptVariable = "TRPO_ACCEPT_GOLDEN";

    public static TheoryData<string> Scenarios => new(GoldenScenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_ReproducesItsGoldenTrace_BitForBit(string name)
    {
        var scenario = GoldenScenarios.Find(name)!;
        var store = new GoldenStore(RepositoryPaths.Golden);
        string trace = scenario.Run();
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            store.WriteGolden(name, trace);
            output.WriteLine($"{AcceptVariable}=1: wrote {store.GoldenPath(name)}");
            return;
        }
        var outcome = store.Compare(name, trace);
        Assert.True(outcome.Passed, outcome.Describe());
        Assert.True(new FileInfo(store.GoldenPath(name)).Length < 1_000_000, $"{name}'s golden trace must stay under 1 MB");
    }

    [Fact]
    public void EveryGoldenFolder_BelongsToAScenario()
    {
        var dangling = new GoldenStore(RepositoryPaths.Golden).Dangling().Select(d => d.Describe()).ToList();
        Assert.True(dangling.Count == 0, string.Join("\n", dangling));
    }

    [Fact]
    public void ScenarioNames_AreUnique_AndCoverEveryPresetOfEveryEnvironment()
    {
        Assert.Equal(GoldenScenarios.All.Count, GoldenScenarios.All.Select(s => s.Name).Distinct().Count());
        foreach (var env in Trpo.Core.Environments.EnvironmentRegistry.Ids)
            foreach (var preset in Trpo.Core.Training.Presets.Names.Where(p => Trpo.Core.Training.Presets.For(p, env) is not null))
                Assert.Contains(GoldenScenarios.All, s => s.EnvironmentId == env && s.Preset == preset);
    }

    [Fact]
    public void TheBacktrackingScenario_RejectsAWholeLineSearch()
    {
        // its purpose: the golden net covers a rejected search (accepted fraction 0, θ kept)
        var doc = TraceText.Parse(GoldenScenarios.Find("cartpole-backtracking")!.Run());
        Assert.Contains(doc.Epochs, e => e.Quantities.Single(q => q.Name == "accepted_step_fraction").Values[0] == "0");
    }
}
