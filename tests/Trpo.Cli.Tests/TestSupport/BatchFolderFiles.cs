using System.Text.RegularExpressions;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// A batch folder's outputs for byte comparisons: every file under it by relative path ('/' separators), with the
/// clock's values blanked (progress.csv's wall_seconds column, summary.json's wall_seconds). Checkpoints are not
/// outputs (they record wall time and file lengths) and are left out.
/// </summary>
public static partial class BatchFolderFiles
{
    /// <summary>The scrubbed text of every output file under <paramref name="folder"/>, in ordinal order of path.</summary>
    public static SortedDictionary<string, string> Scrubbed(string folder)
        => new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !RunFolderComparison.IsInCheckpointFolder(f))
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), ScrubbedText), StringComparer.Ordinal);

    /// <summary>One file's text with its clock values blanked.</summary>
    public static string ScrubbedText(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetFileName(path) switch
        {
            "progress.csv" => string.Join("\n", text.Split('\n').Select(ProgressCsv.WithoutWallSeconds)),
            "summary.json" => SummaryWallSeconds().Replace(text, "\"wall_seconds\": X"),
            _ => text,
        };
    }

    /// <summary>Fails naming the first file that differs, or a file only one side has.</summary>
    public static void AssertSame(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, string what)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (file, text) in expected)
            Assert.True(text == actual[file], $"{file} differs {what}");
    }

    [GeneratedRegex("\"wall_seconds\": [^\\n]*")]
    private static partial Regex SummaryWallSeconds();
}
