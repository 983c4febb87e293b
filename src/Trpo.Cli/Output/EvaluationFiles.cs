using System.Globalization;
using System.Text;
using CsvHelper;
using Trpo.Core.Evaluation;

namespace Trpo.Cli.Output;

/// <summary>
/// What <c>trpo eval</c> writes into a run folder: <c>eval.csv</c>, one row per episode (the dialect of progress.csv:
/// invariant culture, LF, doubles shortest round-trip), and <c>eval.json</c>, the summary; with <c>--stochastic</c>
/// <c>eval_stochastic.csv</c> and <c>eval_stochastic.json</c> instead, so that the deterministic evaluation, the one
/// aggregation and <c>trpo reproduce</c> report, is never replaced by a sampled one. Neither holds a clock value, so
/// evaluating the same checkpoint with the same options gives the same bytes.
/// </summary>
public static class EvaluationFiles
{
    /// <summary>File name of the per-episode table.</summary>
    public const string CsvFileName = "eval.csv";
    /// <summary>File name of the summary.</summary>
    public const string JsonFileName = "eval.json";
    /// <summary>File name of the per-episode table of a stochastic evaluation.</summary>
    public const string StochasticCsvFileName = "eval_stochastic.csv";
    /// <summary>File name of the summary of a stochastic evaluation.</summary>
    public const string StochasticJsonFileName = "eval_stochastic.json";

    /// <summary>The per-episode table's file name for an evaluation with sampled (<paramref name="stochastic"/>) or deterministic actions.</summary>
    public static string CsvFileFor(bool stochastic) => stochastic ? StochasticCsvFileName : CsvFileName;

    /// <summary>The summary's file name for an evaluation with sampled (<paramref name="stochastic"/>) or deterministic actions.</summary>
    public static string JsonFileFor(bool stochastic) => stochastic ? StochasticJsonFileName : JsonFileName;

    /// <summary>eval.csv's columns: episode (1-based), return (raw rewards), length (steps), terminated (1) or cut by the time limit (0).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["episode", "return", "length", "terminated"];

    /// <summary>eval.csv's text.</summary>
    public static string RenderCsv(EvaluationResult result)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        using (var csv = CsvWriter.Create(writer, ProgressCsvWriter.Options, leaveOpen: true))
        {
            foreach (var column in Columns) csv.WriteField(column);
            csv.EndRecord();
            for (int k = 0; k < result.Episodes.Count; k++)
            {
                var episode = result.Episodes[k];
                csv.WriteField((k + 1).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(RoundTrip.Format(episode.Return));
                csv.WriteField(episode.Length.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(episode.Terminated ? "1" : "0");
                csv.EndRecord();
            }
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>eval.json's text: keys sorted, doubles shortest round-trip, undefined values (std of one episode) as null.</summary>
    public static string RenderJson(string environmentId, ulong runSeed, int epoch, int epochs, long envSteps, EvaluationResult result)
        => JsonFormat.Build(w =>
        {
            var r = result.Returns;
            w.WriteStartObject();
            w.WriteString("actions", result.Stochastic ? "stochastic" : "deterministic");
            w.WriteString("env", environmentId);
            w.WriteNumber("env_steps", envSteps);
            w.WriteNumber("epoch", epoch);
            w.WriteNumber("epochs", epochs);
            w.WriteNumber("episodes", result.Episodes.Count);
            w.WriteNumber("eval_seed", result.Seed);
            JsonFormat.WriteDouble(w, "length_mean", result.Lengths.Mean);
            JsonFormat.WriteDouble(w, "return_max", r.Max);
            JsonFormat.WriteDouble(w, "return_mean", r.Mean);
            JsonFormat.WriteDouble(w, "return_min", r.Min);
            JsonFormat.WriteDouble(w, "return_se", r.StandardError);
            JsonFormat.WriteDouble(w, "return_std", r.Std);
            w.WriteNumber("seed", runSeed);
            w.WriteEndObject();
        });
}
