using Trpo.Cli;
using Trpo.Cli.Golden;

namespace Trpo.Golden.Tests.Plots;

/// <summary>The received/accept workflow of plot snapshots, in a temporary golden folder.</summary>
public sealed class PlotSnapshotStoreTests : IDisposable
{
    private readonly string _golden = Path.Combine(Path.GetTempPath(), "trpo-plot-snapshots-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_golden)) Directory.Delete(_golden, recursive: true);
    }

    [Fact]
    public void A_new_plot_is_written_as_received_and_accepting_makes_it_match()
    {
        var store = new PlotSnapshotStore(_golden);
        var first = store.Compare("a", "<svg>1</svg>\n");
        Assert.Equal(GoldenStatus.New, first.Status);
        Assert.True(File.Exists(store.ReceivedPath("a")));

        Assert.Equal(["a"], store.AcceptAll());
        Assert.False(File.Exists(store.ReceivedPath("a")));
        Assert.True(store.Compare("a", "<svg>1</svg>\n").Passed);
    }

    [Fact]
    public void A_mismatch_names_the_first_differing_line_and_leaves_the_golden_alone()
    {
        var store = new PlotSnapshotStore(_golden);
        store.WriteGolden("a", "<svg>\n<line x1=\"1\"/>\n</svg>\n");
        var outcome = store.Compare("a", "<svg>\n<line x1=\"2\"/>\n</svg>\n");
        Assert.Equal(GoldenStatus.Mismatch, outcome.Status);
        Assert.Contains("line 2: expected '<line x1=\"1\"/>', actual '<line x1=\"2\"/>'", outcome.Describe());
        Assert.Equal("<svg>\n<line x1=\"1\"/>\n</svg>\n", File.ReadAllText(store.GoldenPath("a")));
        Assert.Equal(["a"], store.GoldenNames());
    }

    [Fact]
    public void The_plots_folder_is_not_a_dangling_scenario_but_other_folders_still_are()
    {
        new PlotSnapshotStore(_golden).WriteGolden("a", "<svg/>");
        Directory.CreateDirectory(Path.Combine(_golden, "no-such-scenario"));
        var dangling = new GoldenStore(_golden).Dangling().Select(d => d.Scenario).ToList();
        Assert.Equal(["no-such-scenario"], dangling);
    }

    [Fact]
    public async Task Golden_accept_without_names_also_accepts_received_plots()
    {
        var store = new PlotSnapshotStore(_golden);
        store.Compare("b", "<svg>new</svg>\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = await CliApp.RunAsync(["golden", "accept", "--dir", _golden], stdout, stderr, new Dictionary<string, string?>());
        Assert.Equal(0, code);
        Assert.Contains("accepted  plots/b", stdout.ToString());
        Assert.Equal("<svg>new</svg>\n", File.ReadAllText(store.GoldenPath("b")));
    }
}
