using Trpo.Cli.Errors;

namespace Trpo.Cli.Output;

/// <summary>
/// A run's output folder: <c>runs/{env}__{preset}__seed{seed}/</c> under the working directory, or <c>--out DIR</c>.
/// An existing folder that holds any file is never written into without <c>--force</c>; with it, the run's known
/// output files are deleted first (other files are left alone).
/// </summary>
public sealed class RunFolder
{
    /// <summary>Name of the resolved configuration file.</summary>
    public const string ConfigFileName = "config.json";
    /// <summary>Name of the per-epoch log.</summary>
    public const string ProgressFileName = "progress.csv";
    /// <summary>Name of the end-of-run summary.</summary>
    public const string SummaryFileName = "summary.json";
    /// <summary>Name of the trace written with <c>--trace</c>.</summary>
    public const string TraceFileName = "trace.txt";
    /// <summary>Name of the learning-curve plot.</summary>
    public const string LearningCurveFileName = "learning_curve.svg";
    /// <summary>Name of the diagnostics plot.</summary>
    public const string DiagnosticsFileName = "diagnostics.svg";
    /// <summary>Name of the run's HTML report.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>The files a run writes, which <c>--force</c> clears.</summary>
    public static IReadOnlyList<string> KnownOutputs { get; } =
        [ConfigFileName, ProgressFileName, SummaryFileName, TraceFileName, LearningCurveFileName, DiagnosticsFileName, IndexFileName];

    private RunFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Full path of config.json.</summary>
    public string ConfigPath => System.IO.Path.Combine(Path, ConfigFileName);
    /// <summary>Full path of progress.csv.</summary>
    public string ProgressPath => System.IO.Path.Combine(Path, ProgressFileName);
    /// <summary>Full path of summary.json.</summary>
    public string SummaryPath => System.IO.Path.Combine(Path, SummaryFileName);
    /// <summary>Full path of trace.txt.</summary>
    public string TracePath => System.IO.Path.Combine(Path, TraceFileName);

    /// <summary>The default folder of a run named <paramref name="runName"/>: <c>runs/{runName}</c> under <paramref name="workingDirectory"/>.</summary>
    public static string DefaultPath(string workingDirectory, string runName)
        => System.IO.Path.Combine(workingDirectory, "runs", runName);

    /// <summary>
    /// Checks <paramref name="fullPath"/> and makes it ready to write: a user error when it is a file or an existing
    /// non-empty folder without <paramref name="force"/>; with <paramref name="force"/> the known outputs are deleted.
    /// </summary>
    /// <param name="displayPath">The path as shown in messages.</param>
    /// <param name="fullPath">The folder's full path.</param>
    /// <param name="force">Whether <c>--force</c> was given.</param>
    public static RunFolder Prepare(string displayPath, string fullPath, bool force)
    {
        if (File.Exists(fullPath))
            throw new UserError($"output path '{displayPath}' is a file, not a folder");

        if (Directory.Exists(fullPath) && Directory.EnumerateFileSystemEntries(fullPath, "*", SearchOption.AllDirectories).Any(File.Exists))
        {
            if (!force)
                throw new UserError($"run folder '{displayPath}' already exists and holds files; pass --force to overwrite it or --out DIR to write elsewhere");
            foreach (var name in KnownOutputs)
            {
                File.Delete(System.IO.Path.Combine(fullPath, name));
                File.Delete(System.IO.Path.Combine(fullPath, name + AtomicFile.TempSuffix));
            }
        }

        Directory.CreateDirectory(fullPath);
        return new RunFolder(fullPath);
    }
}
