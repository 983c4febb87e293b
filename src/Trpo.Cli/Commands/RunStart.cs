using System.Text.Json;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;

namespace Trpo.Cli.Commands;

/// <summary>Where a <c>trpo train</c> begins: a fresh run folder (epoch 0) or an existing one with the checkpoint to go on from.</summary>
/// <param name="Folder">The run folder.</param>
/// <param name="Checkpoint">The checkpoint to resume from, or null to start at epoch 0.</param>
/// <param name="Execution">The run flags in force (for a resume, those the run was started with).</param>
public sealed record RunStart(RunFolder Folder, Checkpoint? Checkpoint, TrainExecution Execution)
{
    /// <summary>
    /// Decides how the run begins. Without resume: a new folder (<see cref="RunFolder.Prepare(IFileSystem, string, string, bool)"/>).
    /// With resume: a missing or empty folder starts fresh (for <c>trpo train --resume</c>); otherwise the folder's
    /// config.json must equal the configuration asked for (else a user error listing each differing key), and the
    /// newest usable checkpoint is where the run goes on (none: it starts again at epoch 0).
    /// </summary>
    public static RunStart Open(IFileSystem files, TrainOutput output, string displayPath, string fullPath, RunSettings settings,
        TrainExecution execution, ToolInfo tool, TestHook crash, TextWriter warnings)
    {
        if (output.Resume == ResumeMode.None)
            return new RunStart(RunFolder.Prepare(files, displayPath, fullPath, output.Force), null, execution);

        RunFolder.RequireNotAFile(displayPath, fullPath);
        if (!RunFolder.HoldsFiles(fullPath) || RunFolder.NeverStarted(fullPath))
        {
            if (output.Resume == ResumeMode.RunFolder)
                throw new UserError($"run folder '{displayPath}' does not exist or is empty: nothing to resume");
            // a missing or empty folder, or one whose config.json was being written when the run died: start the run
            return new RunStart(RunFolder.Prepare(files, displayPath, fullPath, force: true), null, execution);
        }

        var folder = RunFolder.Existing(displayPath, fullPath);
        var recorded = ReadConfig(files, folder);
        var wanted = ConfigJsonWriter.Values(settings);
        RequireSame(ConfigJsonWriter.Values(recorded), wanted,
            $"run folder '{displayPath}' was started with another configuration (run -> now); pass the same options, run 'trpo resume {Shell.Quote(displayPath)}', or start over with --force:");
        if (recorded.TryGetProperty(OptionKeys.ToolVersion, out var version) && version.GetString() is { } started && started != tool.Version)
            warnings.WriteLine($"warning: the run was started by trpo {started}; this is trpo {tool.Version}, whose results may differ");

        var store = new CheckpointStore(files, folder.CheckpointPath, folder.CheckpointDisplayPath, crash);
        var checkpoint = store.LoadNewest(warnings.WriteLine);
        if (checkpoint is null)
        {
            // Nothing finished yet: start over in place (config.json is rewritten with the same values).
            var fromRun = output.Resume == ResumeMode.RunFolder
                ? execution with { Trace = files.FileExists(folder.TracePath) }
                : execution;
            return new RunStart(RunFolder.Prepare(files, displayPath, fullPath, force: true), null, fromRun);
        }

        RequireSame(checkpoint.Config, wanted,
            $"checkpoint of run folder '{displayPath}' belongs to another configuration than config.json (checkpoint -> now); start over with --force:");
        var resumed = execution with { Trace = checkpoint.Trace, FailOnNonFinite = checkpoint.FailOnNonFinite };
        if (output.Resume == ResumeMode.Train)
        {
            if (execution.Trace != checkpoint.Trace)
                throw new UserError($"run folder '{displayPath}' was started with another configuration (run -> now); pass the same options, run 'trpo resume {Shell.Quote(displayPath)}', or start over with --force:",
                    [$"--trace: {OnOff(checkpoint.Trace)} -> {OnOff(execution.Trace)}"]);
            resumed = resumed with { FailOnNonFinite = execution.FailOnNonFinite };
        }
        RequireLength(files, folder.ProgressPath, RunFolder.ProgressFileName, checkpoint.ProgressBytes, displayPath);
        if (checkpoint.Trace)
            RequireLength(files, folder.TracePath, RunFolder.TraceFileName, checkpoint.TraceBytes, displayPath);
        return new RunStart(folder, checkpoint, resumed);
    }

    private static JsonElement ReadConfig(IFileSystem files, RunFolder folder)
    {
        if (!files.FileExists(folder.ConfigPath))
            throw new UserError($"'{folder.DisplayPath}' is not a run folder (it has no {RunFolder.ConfigFileName}); pass --force to start a run there, or --out DIR");
        try
        {
            using var document = JsonDocument.Parse(files.ReadAllBytes(folder.ConfigPath));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new UserError($"'{folder.DisplayPath}/{RunFolder.ConfigFileName}' is not a valid config.json; start over with --force");
        }
    }

    private static void RequireSame(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, string message)
    {
        var diff = ConfigDiff.Lines(before, after);
        if (diff.Count > 0)
            throw new UserError(message, diff);
    }

    private static void RequireLength(IFileSystem files, string path, string name, long expected, string displayPath)
    {
        if (!files.FileExists(path))
            throw new UserError($"'{displayPath}/{name}' is missing although its checkpoint records it: the run folder was changed after the checkpoint; start over with --force");
        if (files.Length(path) < expected)
            throw new UserError($"'{displayPath}/{name}' is shorter than its checkpoint records: the run folder was changed after the checkpoint; start over with --force");
    }

    private static string OnOff(bool on) => on ? "on" : "off";
}
