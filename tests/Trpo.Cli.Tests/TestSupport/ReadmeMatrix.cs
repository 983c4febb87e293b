using System.Text.RegularExpressions;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>The rows of the README's table "Bad input and failures", parsed.</summary>
public static partial class ReadmeMatrix
{
    /// <summary>The heading the table sits under.</summary>
    public const string Heading = "### Bad input and failures";

    /// <summary>One row.</summary>
    /// <param name="Case">The case id (first column).</param>
    /// <param name="Setup">What exists before the command runs ("" for nothing).</param>
    /// <param name="Environment">Variables set before <c>trpo</c> on the command line.</param>
    /// <param name="Arguments">The arguments after <c>trpo</c>.</param>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Stderr">The stderr lines, in order.</param>
    public sealed record Row(string Case, string Setup, IReadOnlyDictionary<string, string> Environment, string[] Arguments, int ExitCode, IReadOnlyList<string> Stderr)
    {
        /// <summary>The file a setup of the form <c>`FILE`: `LINE`, `LINE`</c> writes (its lines joined by LF), or null for other setups.</summary>
        public (string Path, string Text)? FileSetup
        {
            get
            {
                if (!FileSetupPattern().IsMatch(Setup)) return null;
                var spans = Code(Setup);
                return (spans[0], string.Join('\n', spans.Skip(1)) + (spans.Count > 2 ? "\n" : ""));
            }
        }
    }

    /// <summary>Every row, in table order.</summary>
    public static IReadOnlyList<Row> Rows { get; } = Parse(File.ReadAllLines(RepositoryFiles.Readme));

    private static List<Row> Parse(string[] lines)
    {
        int start = Array.FindIndex(lines, l => l.StartsWith(Heading, StringComparison.Ordinal));
        if (start < 0) throw new InvalidOperationException($"README.md has no '{Heading}' section");
        var rows = new List<Row>();
        foreach (var line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray(); // no cell holds a '|'
            if (cells.Length != 5) throw new FormatException($"README matrix row has {cells.Length} cells, expected 5: {line}");
            var words = Code(cells[2]).Single().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int program = Array.IndexOf(words, "trpo");
            var environment = words[..program].Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            rows.Add(new Row(Code(cells[0]).Single(), cells[1], environment, words[(program + 1)..], int.Parse(cells[3]), Code(cells[4])));
        }
        return rows;
    }

    /// <summary>The code spans of a cell, in order.</summary>
    private static List<string> Code(string cell) => CodeSpan().Matches(cell).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^`[^`]+`: `[^`]*`(, `[^`]*`)*$")]
    private static partial Regex FileSetupPattern();
}

/// <summary>Files of the repository the tests read (found upwards from the test binaries).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the nearest folder upwards holding Trpo.Repro.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>README.md.</summary>
    public static string Readme => Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Trpo.Repro.sln"))) return dir.FullName;
        throw new InvalidOperationException("Trpo.Repro.sln not found above " + AppContext.BaseDirectory);
    }
}
