using Trpo.Cli.Output;

namespace Trpo.Cli.Golden;

/// <summary>
/// Checked-in golden plots: <c>&lt;golden&gt;/plots/&lt;name&gt;.svg</c>, compared byte for byte with freshly rendered
/// SVG by the plot snapshot tests (tests/Trpo.Golden.Tests). A difference or a new snapshot writes
/// <c>&lt;name&gt;.received.svg</c> beside the golden (git-ignored); <c>trpo golden accept</c> (or
/// <c>TRPO_ACCEPT_GOLDEN=1</c> on a test run) moves it over. The folder is not a trace scenario, so
/// <see cref="GoldenStore.Dangling"/> leaves it to the snapshot tests, which check that every file in it belongs
/// to a snapshot case.
/// </summary>
public sealed class PlotSnapshotStore(string goldenDirectory)
{
    /// <summary>The folder under the golden directory that holds plot snapshots.</summary>
    public const string Folder = "plots";
    /// <summary>Extension of a golden plot.</summary>
    public const string GoldenSuffix = ".svg";
    /// <summary>Extension of a received plot.</summary>
    public const string ReceivedSuffix = ".received.svg";

    /// <summary>The plot snapshot folder.</summary>
    public string Directory { get; } = Path.Combine(Path.GetFullPath(goldenDirectory), Folder);

    /// <summary>Path of the golden plot <paramref name="name"/>.</summary>
    public string GoldenPath(string name) => Path.Combine(Directory, name + GoldenSuffix);
    /// <summary>Path of the received plot <paramref name="name"/>.</summary>
    public string ReceivedPath(string name) => Path.Combine(Directory, name + ReceivedSuffix);

    /// <summary>Compares <paramref name="svg"/> with the golden plot <paramref name="name"/>; writes the received file on any difference.</summary>
    public PlotSnapshotOutcome Compare(string name, string svg)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string goldenPath = GoldenPath(name), receivedPath = ReceivedPath(name);
        if (!File.Exists(goldenPath))
        {
            AtomicFile.WriteAllText(receivedPath, svg);
            return new PlotSnapshotOutcome(name, GoldenStatus.New, null, receivedPath);
        }
        string golden = File.ReadAllText(goldenPath);
        if (golden == svg)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return new PlotSnapshotOutcome(name, GoldenStatus.Match, null, null);
        }
        AtomicFile.WriteAllText(receivedPath, svg);
        return new PlotSnapshotOutcome(name, GoldenStatus.Mismatch, FirstDifference(golden, svg), receivedPath);
    }

    /// <summary>Names of the golden plots in the folder (received files excluded), in ordinal order.</summary>
    public IReadOnlyList<string> GoldenNames()
        => !System.IO.Directory.Exists(Directory) ? [] :
            System.IO.Directory.GetFiles(Directory)
                .Select(Path.GetFileName)
                .Where(f => f!.EndsWith(GoldenSuffix, StringComparison.Ordinal) && !f.EndsWith(ReceivedSuffix, StringComparison.Ordinal))
                .Select(f => f![..^GoldenSuffix.Length])
                .Order(StringComparer.Ordinal).ToList();

    /// <summary>Moves every received plot over its golden; returns the names accepted.</summary>
    public IReadOnlyList<string> AcceptAll()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var accepted = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*" + ReceivedSuffix).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file)[..^ReceivedSuffix.Length];
            File.Move(file, GoldenPath(name), overwrite: true);
            accepted.Add(name);
        }
        return accepted;
    }

    /// <summary>Writes <paramref name="svg"/> as the golden plot <paramref name="name"/> directly (the test run's accept switch).</summary>
    public void WriteGolden(string name, string svg)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(GoldenPath(name), svg);
        if (File.Exists(ReceivedPath(name))) File.Delete(ReceivedPath(name));
    }

    /// <summary>"line N: expected '...', actual '...'" for the first line that differs.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string x = i < a.Length ? a[i] : "(end of file)", y = i < b.Length ? b[i] : "(end of file)";
            if (x != y) return $"line {i + 1}: expected '{Shorten(x)}', actual '{Shorten(y)}'";
        }
        return "different bytes with equal lines (line endings?)";
    }

    private static string Shorten(string line) => line.Length <= 160 ? line : line[..157] + "...";
}

/// <summary>How one plot compared with its golden SVG.</summary>
/// <param name="Name">The snapshot name.</param>
/// <param name="Status">Match, New or Mismatch.</param>
/// <param name="Difference">The first differing line, for a mismatch.</param>
/// <param name="ReceivedPath">Where the received SVG was written, if it was.</param>
public sealed record PlotSnapshotOutcome(string Name, GoldenStatus Status, string? Difference, string? ReceivedPath)
{
    /// <summary>True for a match.</summary>
    public bool Passed => Status == GoldenStatus.Match;

    /// <summary>One line for a report or a test failure.</summary>
    public string Describe() => Status switch
    {
        GoldenStatus.Match => $"ok        plots/{Name}",
        GoldenStatus.New => $"NEW       plots/{Name}: no golden plot yet; wrote {ReceivedPath} (look at it, then: trpo golden accept)",
        _ => $"MISMATCH  plots/{Name}: {Difference}; wrote {ReceivedPath} (render both to PNG and compare; if intended: trpo golden accept)",
    };
}
