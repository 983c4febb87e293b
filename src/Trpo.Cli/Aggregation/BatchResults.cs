using System.Text.Json;
using System.Text.Json.Nodes;
using Trpo.Cli.Batch;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Cli.Plotting;

namespace Trpo.Cli.Aggregation;

/// <summary>
/// A batch's runs gathered from one batch folder or several (shards written to separate folders): every folder
/// must hold the same batch.json; each planned run is taken from the first folder where it completed, so shard
/// folders merge into exactly the set one folder would hold.
/// </summary>
/// <param name="Manifest">The batch's plan.</param>
/// <param name="Runs">Every planned run, in canonical order.</param>
public sealed record BatchResults(BatchManifest Manifest, IReadOnlyList<RunResult> Runs)
{
    /// <summary>Loads the batch in <paramref name="folders"/> (display path, full path).</summary>
    public static BatchResults Load(IReadOnlyList<(string Display, string Full)> folders)
    {
        if (folders.Count == 0)
            throw new UserError("name at least one batch folder");
        var manifests = folders.Select(f => (f.Display, Manifest: BatchManifest.Read(f.Display, f.Full))).ToList();
        var first = manifests[0];
        foreach (var other in manifests.Skip(1))
            if (other.Manifest.Render() != first.Manifest.Render())
                throw new UserError($"batch folders '{first.Display}' and '{other.Display}' hold different batches (their {BatchManifest.FileName} differ); merge only shards of one batch");

        var runs = first.Manifest.Runs.Select(run => Find(run, folders.Select(f => f.Full).ToList())).ToList();
        return new BatchResults(first.Manifest, runs);
    }

    /// <summary>The same runs with each completed run's eval.json read again (after <c>trpo eval</c> wrote new ones).</summary>
    public BatchResults WithEvaluationsReloaded()
        => this with { Runs = Runs.Select(r => r.Status == RunResultStatus.Completed && r.Folder is not null ? r with { Evaluation = RunEvaluationRecord.TryLoad(r.Folder) } : r).ToList() };

    private static RunResult Find(ManifestRun run, IReadOnlyList<string> folders)
    {
        RunResult? best = null;
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, run.Name);
            if (!Directory.Exists(path))
                continue;
            var status = StatusOf(path, run);
            if (status == RunResultStatus.Completed)
                return new RunResult(run, status, path, RunLoader.Load(path, folder), RunEvaluationRecord.TryLoad(path));
            best ??= new RunResult(run, status, path, null);
        }
        return best ?? new RunResult(run, RunResultStatus.Missing, null, null);
    }

    private static RunResultStatus StatusOf(string path, ManifestRun run)
    {
        var summaryPath = Path.Combine(path, RunFolder.SummaryFileName);
        if (!File.Exists(summaryPath) || !File.Exists(Path.Combine(path, RunFolder.ProgressFileName)))
            return RunResultStatus.Unfinished;
        try
        {
            var summary = JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
            return summary["status"]?.GetValue<string>() switch
            {
                "completed" when summary["epochs_completed"]?.GetValue<int>() == run.Epochs => RunResultStatus.Completed,
                "failed" => RunResultStatus.Failed,
                _ => RunResultStatus.Unfinished,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return RunResultStatus.Unfinished;
        }
    }
}
