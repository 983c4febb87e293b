namespace Trpo.Golden.Tests;

/// <summary>Locates the repository (the folder holding Trpo.Repro.sln) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The checked-in golden folder.</summary>
    public static string Golden => Path.Combine(Root, "golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Trpo.Repro.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Trpo.Repro.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A fresh temporary folder holding a copy of the golden traces.</summary>
    public static string CopyOfGolden()
    {
        string target = Path.Combine(Path.GetTempPath(), "trpo-golden-" + Path.GetRandomFileName());
        foreach (var file in Directory.GetFiles(Golden, "trace.txt", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(Golden, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }
}
