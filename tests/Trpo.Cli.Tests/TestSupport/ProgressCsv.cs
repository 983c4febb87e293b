namespace Trpo.Cli.Tests.TestSupport;

/// <summary>Helpers for comparing progress.csv files.</summary>
public static class ProgressCsv
{
    /// <summary>The line with its last field (wall_seconds, the one clock-dependent column) emptied.</summary>
    public static string WithoutWallSeconds(string line) => line.Length == 0 ? line : line[..(line.LastIndexOf(',') + 1)];

    /// <summary>The lines of <paramref name="relativePath"/> in <paramref name="workspace"/>, wall_seconds emptied.</summary>
    public static IReadOnlyList<string> Scrubbed(Workspace workspace, string relativePath)
        => workspace.ReadFile(relativePath).Split('\n').Select(WithoutWallSeconds).ToList();
}
