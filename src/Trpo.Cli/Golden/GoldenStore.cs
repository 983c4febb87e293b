using Trpo.Cli.Output;
using Trpo.Core.Tracing;

namespace Trpo.Cli.Golden;

/// <summary>
/// The checked-in golden traces: <c>&lt;dir&gt;/&lt;scenario&gt;/trace.txt</c>, with a mismatching or new trace written
/// beside it as <c>trace.received.txt</c> (git-ignored). Comparison is exact; accepting is always an explicit call.
/// </summary>
public sealed class GoldenStore(string directory)
{
    /// <summary>File name of a golden trace.</summary>
    public const string GoldenFile = "trace.txt";
    /// <summary>File name of a received trace.</summary>
    public const string ReceivedFile = "trace.received.txt";

    /// <summary>The golden folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Path of the golden trace of <paramref name="scenario"/>.</summary>
    public string GoldenPath(string scenario) => Path.Combine(Directory, scenario, GoldenFile);
    /// <summary>Path of the received trace of <paramref name="scenario"/>.</summary>
    public string ReceivedPath(string scenario) => Path.Combine(Directory, scenario, ReceivedFile);

    /// <summary>Runs <paramref name="scenario"/> and compares its trace with the golden one, writing the received trace on any difference.</summary>
    public GoldenOutcome Verify(GoldenScenario scenario, int threads = 1) => Compare(scenario.Name, scenario.Run(threads));

    /// <summary>Compares a trace text with the golden trace of <paramref name="name"/>.</summary>
    public GoldenOutcome Compare(string name, string received)
    {
        string goldenPath = GoldenPath(name), receivedPath = ReceivedPath(name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
        if (!File.Exists(goldenPath))
        {
            AtomicFile.WriteAllText(receivedPath, received);
            return new GoldenOutcome(name, GoldenStatus.New, null, receivedPath);
        }
        string golden = File.ReadAllText(goldenPath);
        if (golden == received)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return new GoldenOutcome(name, GoldenStatus.Match, null, null);
        }
        AtomicFile.WriteAllText(receivedPath, received);
        var divergence = TraceComparison.Compare(TraceText.Parse(golden), TraceText.Parse(received))
                         ?? new TraceDivergence(0, "bytes", -1, "the golden file's bytes", "different bytes with equal content (line endings?)", null, 0, 0);
        return new GoldenOutcome(name, GoldenStatus.Mismatch, divergence, receivedPath);
    }

    /// <summary>
    /// Golden folders that name no scenario. The plot snapshot folder (<see cref="PlotSnapshotStore.Folder"/>) is not
    /// a scenario and is skipped here; the plot snapshot tests check its files against their cases.
    /// </summary>
    public IEnumerable<GoldenOutcome> Dangling()
    {
        if (!System.IO.Directory.Exists(Directory)) yield break;
        foreach (var folder in System.IO.Directory.GetDirectories(Directory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(folder);
            if (name == PlotSnapshotStore.Folder) continue;
            if (GoldenScenarios.Find(name) is null) yield return new GoldenOutcome(name, GoldenStatus.Dangling, null, null);
        }
    }

    /// <summary>Moves the received trace of <paramref name="scenario"/> over its golden one; false when there is none.</summary>
    public bool Accept(string scenario)
    {
        string receivedPath = ReceivedPath(scenario);
        if (!File.Exists(receivedPath)) return false;
        File.Move(receivedPath, GoldenPath(scenario), overwrite: true);
        return true;
    }

    /// <summary>Writes <paramref name="trace"/> as the golden trace of <paramref name="scenario"/> directly (the test run's accept switch).</summary>
    public void WriteGolden(string scenario, string trace)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(GoldenPath(scenario))!);
        AtomicFile.WriteAllText(GoldenPath(scenario), trace);
        if (File.Exists(ReceivedPath(scenario))) File.Delete(ReceivedPath(scenario));
    }
}
