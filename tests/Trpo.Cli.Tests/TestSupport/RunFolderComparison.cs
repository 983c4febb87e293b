using System.Text.Json;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Output;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// Compares two run folders the way the crash-safety promise states it: every output file byte for byte, except the
/// clock's values (progress.csv's wall_seconds column, summary.json's wall_seconds), which are blanked first. The
/// checkpoint folder is not an output. Plots (*.svg), when a run has them, are compared too.
/// </summary>
public static class RunFolderComparison
{
    /// <summary>Fails naming the first file (and line) that differs.</summary>
    public static void AssertSameOutputs(string expectedFolder, string actualFolder)
    {
        var expectedFiles = OutputFiles(expectedFolder);
        Assert.Equal(expectedFiles, OutputFiles(actualFolder));
        Assert.Contains(RunFolder.ConfigFileName, expectedFiles);
        foreach (var name in expectedFiles)
        {
            var expected = Scrubbed(name, File.ReadAllText(Path.Combine(expectedFolder, name)));
            var actual = Scrubbed(name, File.ReadAllText(Path.Combine(actualFolder, name)));
            if (expected == actual) continue;
            var a = expected.Split('\n');
            var b = actual.Split('\n');
            int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
            Assert.Fail($"{name} differs at line {line + 1}:\n  expected: {a.ElementAtOrDefault(line)}\n  actual:   {b.ElementAtOrDefault(line)}");
        }
    }

    /// <summary>True for a file inside a run's checkpoint folder (not an output: checkpoints record wall time and file lengths).</summary>
    public static bool IsInCheckpointFolder(string path)
        => path.Replace('\\', '/').Contains($"/{CheckpointStore.DirectoryName}/", StringComparison.Ordinal);

    /// <summary>The output files directly in <paramref name="folder"/>, sorted.</summary>
    public static IReadOnlyList<string> OutputFiles(string folder)
        => Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    private static string Scrubbed(string name, string text) => name switch
    {
        RunFolder.ProgressFileName => string.Join('\n', text.Split('\n').Select(ProgressCsv.WithoutWallSeconds)),
        RunFolder.SummaryFileName => WithoutWallSeconds(text),
        _ => text,
    };

    private static string WithoutWallSeconds(string summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson);
        Assert.True(document.RootElement.TryGetProperty(RunSummary.WallSecondsKey, out _), "summary.json has wall_seconds");
        return string.Join('\n', summaryJson.Split('\n').Where(l => !l.TrimStart().StartsWith($"\"{RunSummary.WallSecondsKey}\"", StringComparison.Ordinal)));
    }
}
