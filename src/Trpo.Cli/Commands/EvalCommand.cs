using System.Globalization;
using Trpo.Cli.Checkpoints;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Output;
using Trpo.Core.Evaluation;
using Trpo.Core.State;
using Trpo.Core.Training;

namespace Trpo.Cli.Commands;

/// <summary>What <c>trpo eval</c> was asked for, as typed.</summary>
/// <param name="RunDirectory">RUN_DIR</param>
/// <param name="Episodes">--episodes N</param>
/// <param name="Seed">--seed S, or null for <see cref="EvalCommand.DefaultSeed"/></param>
/// <param name="Force">--force: overwrite an earlier eval.csv / eval.json</param>
public sealed record EvalRequest(string RunDirectory, int Episodes, string? Seed, bool Force);

/// <summary>
/// <c>trpo eval RUN_DIR</c>: loads the run's configuration (config.json) and newest checkpoint, plays episodes with
/// the policy's deterministic actions (<see cref="PolicyEvaluation"/>, rl-baselines3-zoo's measure), and writes
/// eval.csv and eval.json into the run folder (<see cref="EvaluationFiles"/>), atomically; one summary line on stdout.
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
        var configPath = RunDirectoryArgument.ConfigPath(request.RunDirectory, directory, "evaluate");
        var (_, layers) = ConfigLoader.BuildLayers(new ConfigRequest(configPath, new Dictionary<string, string?>(), [], new Dictionary<string, string>(), directory));
        var settings = ConfigLoader.Bind(layers);
        var folder = RunFolder.Existing(request.RunDirectory, Path.GetFullPath(request.RunDirectory, directory));
        var csvPath = Path.Combine(folder.Path, EvaluationFiles.CsvFileName);
        var jsonPath = Path.Combine(folder.Path, EvaluationFiles.JsonFileName);
        if (!request.Force && (File.Exists(csvPath) || File.Exists(jsonPath)))
            throw new UserError($"run folder '{request.RunDirectory}' already has {EvaluationFiles.CsvFileName} or {EvaluationFiles.JsonFileName}; pass --force to evaluate again and overwrite them");

        var store = new CheckpointStore(PhysicalFileSystem.Instance, folder.CheckpointPath, folder.CheckpointDisplayPath, TestHook.None);
        var checkpoint = store.LoadNewest(stderr.WriteLine)
            ?? throw new UserError($"run folder '{request.RunDirectory}' has no usable checkpoint: nothing to evaluate (a run checkpoints after every epoch; train it first)");
        var wanted = ConfigJsonWriter.Values(settings);
        var diff = ConfigDiff.Lines(checkpoint.Config, wanted);
        if (diff.Count > 0)
            throw new UserError($"checkpoint of run folder '{request.RunDirectory}' belongs to another configuration than config.json (checkpoint -> config.json); the folder was changed after the run:", diff);

        var trainer = new Trainer(settings.Options, settings.EnvironmentId, settings.Seed, threads: 1, settings.EnvironmentFactory);
        try
        {
            trainer.RestoreState(checkpoint.State);
        }
        catch (IncompatibleStateException ex)
        {
            throw new UserError($"checkpoint '{folder.CheckpointDisplayPath}/{CheckpointStore.FileName(checkpoint.Epoch)}' does not fit the run's configuration: {ex.Message}");
        }
        var result = trainer.Evaluate(seed, request.Episodes);

        try
        {
            AtomicFile.WriteAllText(csvPath, EvaluationFiles.RenderCsv(result));
            AtomicFile.WriteAllText(jsonPath, EvaluationFiles.RenderJson(settings.EnvironmentId, settings.Seed, checkpoint.Epoch, settings.Epochs, trainer.EnvSteps, result));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailure($"cannot write the evaluation into run folder '{request.RunDirectory}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
        stdout.WriteLine(Describe(settings.EnvironmentId, checkpoint.Epoch, settings.Epochs, result));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The summary line, e.g. <c>eval CartPole-v1 after epoch 98 of 98: return 500 ± 0 (min 500, max 500) over 100 episodes
    /// of deterministic actions from reset seed 1000000; mean length 500</c>.
    /// </summary>
    public static string Describe(string environmentId, int epoch, int epochs, EvaluationResult result)
    {
        var r = result.Returns;
        string std = double.IsFinite(r.Std) ? r.Std.ToString("0.0##", CultureInfo.InvariantCulture) : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"eval {environmentId} after epoch {epoch} of {epochs}: return {r.Mean:0.0##} ± {std} (min {r.Min:0.0##}, max {r.Max:0.0##}) over {r.Count} episodes of deterministic actions from reset seed {result.Seed}; mean length {result.Lengths.Mean:0.#}");
    }
}
