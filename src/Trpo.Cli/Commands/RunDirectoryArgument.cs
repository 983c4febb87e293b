using Trpo.Cli.Errors;
using Trpo.Cli.Output;

namespace Trpo.Cli.Commands;

/// <summary>The RUN_DIR argument of commands that work on an existing run (<c>trpo resume</c>, <c>trpo eval</c>).</summary>
public static class RunDirectoryArgument
{
    /// <summary>
    /// The path of <paramref name="runDirectory"/>'s config.json as typed relative to the working directory, after
    /// checking that the folder exists and is a run folder; otherwise a <see cref="UserError"/> ending "nothing to
    /// <paramref name="verb"/>".
    /// </summary>
    public static string ConfigPath(string runDirectory, string directory, string verb)
    {
        var fullPath = Path.GetFullPath(runDirectory, directory);
        if (File.Exists(fullPath))
            throw new UserError($"'{runDirectory}' is a file, not a run folder");
        if (!Directory.Exists(fullPath))
            throw new UserError($"run folder '{runDirectory}' does not exist: nothing to {verb}");
        var configPath = Path.Combine(runDirectory, RunFolder.ConfigFileName);
        if (!File.Exists(Path.GetFullPath(configPath, directory)))
            throw new UserError(RunFolder.NeverStarted(fullPath) && RunFolder.HoldsFiles(fullPath)
                ? $"run folder '{runDirectory}' was stopped while writing its {RunFolder.ConfigFileName}, before any epoch: nothing to {verb}; start it again with the same trpo train command and --resume"
                : $"'{runDirectory}' is not a run folder (it has no {RunFolder.ConfigFileName}): nothing to {verb}");
        return configPath;
    }
}
