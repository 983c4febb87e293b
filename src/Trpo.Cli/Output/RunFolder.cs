using Trpo.Cli.Checkpoints;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;

namespace Trpo.Cli.Output;

/// <summary>
/// A run's output folder: <c>runs/{env}__{preset}__seed{seed}/</c> under the working directory, or <c>--out DIR</c>.
/// An existing folder that holds any file is never written into without <c>--force</c> (start over) or
/// <c>--resume</c> (go on); with <c>--force</c>, the run's known output files and checkpoints are deleted first
/// (other files are left alone).
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
    /// <summary>Name of the diagnostic trace of the epoch that stopped a <c>--fail-on-nonfinite</c> run.</summary>
    public const string FaultTraceFileName = "fault-trace.txt";
    /// <summary>Name of the learning-curve plot.</summary>
    public const string LearningCurveFileName = "learning_curve.svg";
    /// <summary>Name of the diagnostics plot.</summary>
    public const string DiagnosticsFileName = "diagnostics.svg";
    /// <summary>Name of the run's HTML report.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>The files a run writes, which <c>--force</c> clears (checkpoints too).</summary>
    public static IReadOnlyList<string> KnownOutputs { get; } =
        [ConfigFileName, ProgressFileName, SummaryFileName, TraceFileName, FaultTraceFileName, LearningCurveFileName, DiagnosticsFileName, IndexFileName];

    private RunFolder(string displayPath, string path) => (DisplayPath, Path) = (displayPath, path);

    /// <summary>The folder as messages show it (the <c>--out</c> path as typed, or <c>runs/NAME</c>).</summary>
    public string DisplayPath { get; }
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
    /// <summary>Full path of fault-trace.txt.</summary>
    public string FaultTracePath => System.IO.Path.Combine(Path, FaultTraceFileName);
    /// <summary>Full path of the checkpoint folder.</summary>
    public string CheckpointPath => System.IO.Path.Combine(Path, CheckpointStore.DirectoryName);
    /// <summary>The checkpoint folder as messages show it.</summary>
    public string CheckpointDisplayPath => $"{DisplayPath.TrimEnd('/', '\\')}/{CheckpointStore.DirectoryName}";

    /// <summary>The default folder of a run named <paramref name="runName"/>: <c>runs/{runName}</c> under <paramref name="workingDirectory"/>.</summary>
    public static string DefaultPath(string workingDirectory, string runName)
        => System.IO.Path.Combine(workingDirectory, "runs", runName);

    /// <summary>True when <paramref name="fullPath"/> is a folder with at least one file somewhere inside.</summary>
    public static bool HoldsFiles(string fullPath)
        => Directory.Exists(fullPath) && Directory.EnumerateFileSystemEntries(fullPath, "*", SearchOption.AllDirectories).Any(File.Exists);

    /// <summary>
    /// True when the only file in <paramref name="fullPath"/> is what a crash while writing config.json leaves: its temp
    /// file. Such a run never started (no epoch runs before config.json is in place), so a resume starts it afresh.
    /// </summary>
    public static bool NeverStarted(string fullPath)
        => Directory.Exists(fullPath)
           && Directory.EnumerateFileSystemEntries(fullPath, "*", SearchOption.AllDirectories).Where(File.Exists)
               .All(file => System.IO.Path.GetFileName(file) == ConfigFileName + AtomicFile.TempSuffix
                            && System.IO.Path.GetDirectoryName(file) == System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(fullPath)));

    /// <summary>A user error when <paramref name="fullPath"/> is a file.</summary>
    public static void RequireNotAFile(string displayPath, string fullPath)
    {
        if (File.Exists(fullPath))
            throw new UserError($"output path '{displayPath}' is a file, not a folder");
    }

    /// <summary>
    /// Checks <paramref name="fullPath"/> and makes it ready to write a run from its first epoch: a user error when it
    /// is a file or an existing non-empty folder without <paramref name="force"/>; with <paramref name="force"/> the
    /// known outputs and the checkpoints are deleted.
    /// </summary>
    /// <param name="files">The file system.</param>
    /// <param name="displayPath">The path as shown in messages.</param>
    /// <param name="fullPath">The folder's full path.</param>
    /// <param name="force">Whether <c>--force</c> was given (or a resume found nothing to resume from).</param>
    public static RunFolder Prepare(IFileSystem files, string displayPath, string fullPath, bool force)
    {
        RequireNotAFile(displayPath, fullPath);
        var folder = new RunFolder(displayPath, fullPath);
        if (HoldsFiles(fullPath))
        {
            if (!force)
                throw new UserError($"run folder '{displayPath}' already exists and holds files; pass --resume to continue it, --force to overwrite it or --out DIR to write elsewhere");
            foreach (var name in KnownOutputs)
            {
                files.Delete(System.IO.Path.Combine(fullPath, name));
                files.Delete(System.IO.Path.Combine(fullPath, name + AtomicFile.TempSuffix));
            }
            new CheckpointStore(files, folder.CheckpointPath, folder.CheckpointDisplayPath, Hosting.TestHook.None).DeleteAll();
        }
        files.CreateDirectory(fullPath);
        return folder;
    }

    /// <summary>An existing run folder, to resume (nothing is checked or deleted).</summary>
    public static RunFolder Existing(string displayPath, string fullPath) => new(displayPath, fullPath);

    /// <summary>Prepares with the machine's file system (see <see cref="Prepare(IFileSystem, string, string, bool)"/>).</summary>
    public static RunFolder Prepare(string displayPath, string fullPath, bool force)
        => Prepare(PhysicalFileSystem.Instance, displayPath, fullPath, force);
}
