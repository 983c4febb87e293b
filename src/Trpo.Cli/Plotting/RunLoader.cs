using System.Text.Json;
using System.Text.Json.Nodes;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;

namespace Trpo.Cli.Plotting;

/// <summary>Loads run folders for plotting; every problem is a <see cref="UserError"/> that names the folder.</summary>
public static class RunLoader
{
    /// <summary>Loads the run folder <paramref name="displayPath"/> (resolved against <paramref name="workingDirectory"/>).</summary>
    public static RunRecord Load(string displayPath, string workingDirectory)
    {
        string path = System.IO.Path.GetFullPath(displayPath, workingDirectory);
        if (File.Exists(path))
            throw new UserError($"'{displayPath}' is a file, not a run folder");
        if (!Directory.Exists(path))
            throw new UserError($"run folder '{displayPath}' does not exist");
        string progress = System.IO.Path.Combine(path, RunFolder.ProgressFileName);
        if (!File.Exists(progress))
            throw new UserError($"'{displayPath}' holds no {RunFolder.ProgressFileName}; is it a run folder?");
        var table = ProgressTable.Read(progress, System.IO.Path.Combine(displayPath, RunFolder.ProgressFileName));
        var config = Json(System.IO.Path.Combine(path, RunFolder.ConfigFileName), System.IO.Path.Combine(displayPath, RunFolder.ConfigFileName));
        var summary = Json(System.IO.Path.Combine(path, RunFolder.SummaryFileName), System.IO.Path.Combine(displayPath, RunFolder.SummaryFileName));
        return new RunRecord(path, displayPath, table, config, summary);
    }

    private static JsonObject? Json(string path, string displayPath)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw new UserError($"{displayPath} does not hold a JSON object");
        }
        catch (JsonException error)
        {
            throw new UserError($"{displayPath} is not valid JSON: {error.Message.ReplaceLineEndings(" ")}");
        }
    }
}
