using System.Text.Json;
using System.Text.Json.Nodes;
using Trpo.Cli.Output;

namespace Trpo.Cli.Aggregation;

/// <summary>What a run folder's eval.json (<c>trpo eval</c>) says, as aggregation uses it.</summary>
/// <param name="ReturnMean">Mean return of the deterministic evaluation episodes.</param>
/// <param name="Episodes">How many episodes.</param>
/// <param name="Seed">The evaluation's reset seed.</param>
public sealed record RunEvaluationRecord(double ReturnMean, int Episodes, ulong Seed)
{
    /// <summary>The record of the run folder at <paramref name="runFolder"/>, or null when it has no readable eval.json.</summary>
    public static RunEvaluationRecord? TryLoad(string runFolder)
    {
        var path = Path.Combine(runFolder, EvaluationFiles.JsonFileName);
        if (!File.Exists(path)) return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
            if (json?["return_mean"] is not JsonValue mean || !mean.TryGetValue(out double value) || !double.IsFinite(value)) return null;
            return new RunEvaluationRecord(value, json["episodes"]?.GetValue<int>() ?? 0, json["eval_seed"]?.GetValue<ulong>() ?? 0);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
