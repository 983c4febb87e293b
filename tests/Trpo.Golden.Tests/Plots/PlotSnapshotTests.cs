using Trpo.Cli.Golden;
using Trpo.Plots.Svg;
using Xunit.Abstractions;

namespace Trpo.Golden.Tests.Plots;

/// <summary>
/// Every plot snapshot case must render to exactly its checked-in <c>golden/plots/&lt;name&gt;.svg</c>. On a difference
/// the received SVG is written beside the golden (git-ignored): render both with <c>rsvg-convert</c>, look, and accept
/// on purpose with <c>trpo golden accept</c> or <c>TRPO_ACCEPT_GOLDEN=1</c>.
/// </summary>
public class PlotSnapshotTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new(PlotSnapshotCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plot_renders_to_its_golden_svg_byte_for_byte(string name)
    {
        string svg = SvgRenderer.Instance.Render(PlotSnapshotCases.All.Single(c => c.Name == name).Build());
        var store = new PlotSnapshotStore(RepositoryPaths.Golden);
        if (Environment.GetEnvironmentVariable(GoldenTraceTests.AcceptVariable) == "1")
        {
            store.WriteGolden(name, svg);
            output.WriteLine($"{GoldenTraceTests.AcceptVariable}=1: wrote {store.GoldenPath(name)}");
            return;
        }
        var outcome = store.Compare(name, svg);
        Assert.True(outcome.Passed, outcome.Describe());
        Assert.True(new FileInfo(store.GoldenPath(name)).Length < 100_000, $"plots/{name}.svg must stay small");
    }

    [Fact]
    public void Every_golden_plot_belongs_to_a_snapshot_case()
    {
        var known = PlotSnapshotCases.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var store = new PlotSnapshotStore(RepositoryPaths.Golden);
        var dangling = store.GoldenNames().Where(n => !known.Contains(n)).ToList();
        Assert.True(dangling.Count == 0, "golden plots with no case (delete them or restore the case): " + string.Join(", ", dangling));
        var strays = Directory.GetFiles(store.Directory).Select(Path.GetFileName)
            .Where(f => !f!.EndsWith(PlotSnapshotStore.GoldenSuffix, StringComparison.Ordinal)).ToList();
        Assert.True(strays.Count == 0, "files in golden/plots that are not SVG snapshots: " + string.Join(", ", strays));
    }

    [Fact]
    public void Case_names_are_unique()
        => Assert.Equal(PlotSnapshotCases.All.Count, PlotSnapshotCases.All.Select(c => c.Name).Distinct().Count());
}
