using System.Text.Json;
using System.Text.Json.Nodes;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;

namespace Trpo.Cli.Batch;

/// <summary>
/// What a batch run's folder holds before the batch starts: nothing, a finished run (summary.json says
/// <c>completed</c> with every planned epoch, and config.json matches the plan), or an unfinished one
/// (anything else: it is started again). A folder whose config.json records a different configuration than
/// the plan is a conflict: the experiment changed, and its results would be silently mixed.
/// </summary>
public static class RunFolderState
{
    /// <summary>True when the run in <paramref name="folder"/> finished with the plan's configuration.</summary>
    /// <exception cref="UserError">The folder's config.json records another configuration.</exception>
    public static bool IsFinished(string folder, string displayFolder, PlannedRun run, ToolInfo tool)
    {
        if (File.Exists(folder))
            throw new UserError($"run folder '{displayFolder}' is a file, not a folder");
        var configPath = Path.Combine(folder, RunFolder.ConfigFileName);
        if (File.Exists(configPath))
            CheckSameConfiguration(configPath, displayFolder, run, tool);
        var summaryPath = Path.Combine(folder, RunFolder.SummaryFileName);
        if (!File.Exists(summaryPath) || !File.Exists(Path.Combine(folder, RunFolder.ProgressFileName)))
            return false;
        try
        {
            var summary = JsonNode.Parse(File.ReadAllText(summaryPath))?.AsObject();
            return summary?["status"]?.GetValue<string>() == "completed"
                   && summary["epochs_completed"]?.GetValue<int>() == run.Settings.Epochs;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false; // a torn or foreign summary: the run is started again
        }
    }

    private static void CheckSameConfiguration(string configPath, string displayFolder, PlannedRun run, ToolInfo tool)
    {
        JsonObject existing;
        try
        {
            existing = JsonNode.Parse(File.ReadAllText(configPath))?.AsObject() ?? [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return; // unreadable: the run restarts and rewrites it
        }
        var planned = JsonNode.Parse(ConfigJsonWriter.Render(run.Settings, tool))!.AsObject();
        foreach (var (key, value) in planned)
        {
            if (OptionKeys.MetadataKeys.Contains(key))
                continue;
            var there = existing[key]?.ToJsonString() ?? "(missing)";
            var here = value?.ToJsonString() ?? "null";
            if (there != here)
                throw new UserError(
                    $"run folder '{displayFolder}' holds a run made with another configuration ({key} {there} there, {here} in the experiment); " +
                    "restore the experiment file or pass --out DIR to start a new batch folder");
        }
    }
}
