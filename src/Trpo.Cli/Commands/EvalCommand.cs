using System.Globalization;
using Trpo.Cli.Aggregation;
using Trpo.Cli.Batch;
using Trpo.Cli.Errors;
using Trpo.Cli.Output;
using Trpo.Core.Evaluation;

namespace Trpo.Cli.Commands;

/// <summary>What <c>trpo eval</c> was asked for, as typed.</summary>
/// <param name="RunDirectory">RUN_DIR</param>
/// <param name="Episodes">--episodes N</param>
/// <param name="Seed">--seed S, or null for <see cref="EvalCommand.DefaultSeed"/></param>
/// <param name="Force">--force: overwrite an earlier eval.csv / eval.json</param>
/// <param name="Stochastic">--stochastic: sample the actions (into eval_stochastic.csv / eval_stochastic.json)</param>
public sealed record EvalRequest(string RunDirectory, int Episodes, string? Seed, bool Force, bool Stochastic = false);

/// <summary>
/// <c>trpo eval RUN_DIR</c>: loads the run's configuration (config.json) and newest checkpoint, plays episodes with
/// the policy's deterministic actions (<see cref="PolicyEvaluation"/>, rl-baselines3-zoo's measure) or, with
/// <c>--stochastic</c>, sampled ones, and writes eval.csv and eval.json (eval_stochastic.csv and eval_stochastic.json)
/// into the run folder (<see cref="EvaluationFiles"/>), atomically; one summary line on stdout.
/// The run itself is not changed. Bad input is a <see cref="UserError"/> (exit 2) before anything is written.
/// </summary>
public static class EvalCommand
{
    /// <summary>The default number of episodes.</summary>
    public const int DefaultEpisodes = 100;
    /// <summary>The most episodes one evaluation plays.</summary>
    public const int MaxEpisodes = 100_000;
    /// <summary>
    /// The default seed of the evaluation environment's first reset: one fixed value for every run, so that runs
    /// (seeds, configurations) are compared on the same start states, and far from the seeds s + i that training
    /// environments use for small run seeds.
    /// </summary>
    public const ulong DefaultSeed = 1_000_000;

    /// <summary>Runs the evaluation; relative paths are taken from <paramref name="directory"/>.</summary>
    public static int Run(EvalRequest request, string directory, TextWriter stdout, TextWriter stderr)
    {
        if (request.Episodes is < 1 or > MaxEpisodes)
            throw new UserError($"--episodes must be an integer in 1..{MaxEpisodes}, got {request.Episodes}");
        ulong seed = request.Seed is null ? DefaultSeed : SeedArgument.Parse(request.Seed);
        var fullPath = Path.GetFullPath(request.RunDirectory, directory);
        if (File.Exists(Path.Combine(fullPath, BatchManifest.FileName)))
            return RunBatch(request, fullPath, directory, seed, stdout, stderr);
        var configPath = RunDirectoryArgument.ConfigPath(request.RunDirectory, directory, "evaluate");
        var folder = RunFolder.Existing(request.RunDirectory, fullPath);
        if (!request.Force && RunEvaluation.Exists(folder, request.Stochastic))
            throw new UserError($"run folder '{request.RunDirectory}' already has {EvaluationFiles.CsvFileFor(request.Stochastic)} or {EvaluationFiles.JsonFileFor(request.Stochastic)}; pass --force to evaluate again and overwrite them");
        var outcome = RunEvaluation.Evaluate(folder, configPath, directory, request.Episodes, seed, stderr.WriteLine, request.Stochastic);
        RunEvaluation.Write(folder, outcome);
        stdout.WriteLine(Describe(outcome.Settings.EnvironmentId, outcome.Epoch, outcome.Settings.Epochs, outcome.Result));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A batch folder: every completed run (those already evaluated are kept unless --force), then one closing line.
    /// Exit 0 when every planned run is completed and evaluated, else 4 (what is missing is on stderr).
    /// </summary>
    private static int RunBatch(EvalRequest request, string fullPath, string directory, ulong seed, TextWriter stdout, TextWriter stderr)
    {
        var results = BatchResults.Load([(request.RunDirectory, fullPath)]);
        var outcome = RunEvaluation.EvaluateBatch(results, request.RunDirectory, directory, request.Episodes, seed, request.Force, stdout, stderr, request.Stochastic);
        stdout.WriteLine($"batch '{results.Manifest.Name}': {outcome.Evaluated} runs evaluated, {outcome.Kept} already evaluated (kept; --force evaluates them again), " +
            $"{outcome.Failed} could not be evaluated, {outcome.NotCompleted} not completed");
        if (outcome.NotCompleted > 0)
            stderr.WriteLine($"error: {outcome.NotCompleted} of {results.Runs.Count} planned runs of batch '{results.Manifest.Name}' are not completed and were not evaluated; finish them with trpo batch first");
        return outcome.Failed > 0 || outcome.NotCompleted > 0 ? ExitCodes.RunsFailed : ExitCodes.Ok;
    }

    /// <summary>How the summary lines name the actions: "deterministic" or "sampled".</summary>
    public static string ActionsWord(bool stochastic) => stochastic ? "sampled" : "deterministic";

    /// <summary>
    /// The summary line, e.g. <c>eval CartPole-v1 after epoch 98 of 98: return 500 ± 0 (min 500, max 500) over 100 episodes
    /// of deterministic actions from reset seed 1000000; mean length 500</c>.
    /// </summary>
    public static string Describe(string environmentId, int epoch, int epochs, EvaluationResult result)
    {
        var r = result.Returns;
        string std = double.IsFinite(r.Std) ? r.Std.ToString("0.0##", CultureInfo.InvariantCulture) : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"eval {environmentId} after epoch {epoch} of {epochs}: return {r.Mean:0.0##} ± {std} (min {r.Min:0.0##}, max {r.Max:0.0##}) over {r.Count} episodes of {ActionsWord(result.Stochastic)} actions from reset seed {result.Seed}; mean length {result.Lengths.Mean:0.#}");
    }
}
