using Trpo.Cli.Aggregation;
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

/// <summary>
/// The deterministic evaluation of one run folder (<see cref="PolicyEvaluation"/>), shared by <c>trpo eval</c> and
/// <c>trpo reproduce</c>: the run is rebuilt from its config.json, put into its newest checkpoint's state and
/// evaluated; <see cref="Write"/> stores the result as eval.csv and eval.json (<see cref="EvaluationFiles"/>).
/// </summary>
public static class RunEvaluation
{
    /// <summary>An evaluation of a run.</summary>
    /// <param name="Settings">The run's configuration.</param>
    /// <param name="Epoch">The epoch of the checkpoint evaluated.</param>
    /// <param name="EnvSteps">Environment steps the run had taken by then.</param>
    /// <param name="Result">The episodes.</param>
    public sealed record Outcome(RunSettings Settings, int Epoch, long EnvSteps, EvaluationResult Result);

    /// <summary>
    /// Evaluates the run folder <paramref name="folder"/> whose config.json is <paramref name="configPath"/> (as typed,
    /// relative to <paramref name="workingDirectory"/>). Unusable checkpoints cost a warning each (<paramref name="warn"/>);
    /// no usable one, or one of another configuration, is a <see cref="UserError"/>.
    /// </summary>
    public static Outcome Evaluate(RunFolder folder, string configPath, string workingDirectory, int episodes, ulong seed, Action<string> warn, bool stochastic = false)
    {
        var (_, layers) = ConfigLoader.BuildLayers(new ConfigRequest(configPath, new Dictionary<string, string?>(), [], new Dictionary<string, string>(), workingDirectory));
        var settings = ConfigLoader.Bind(layers);
        var store = new CheckpointStore(PhysicalFileSystem.Instance, folder.CheckpointPath, folder.CheckpointDisplayPath, TestHook.None);
        var checkpoint = store.LoadNewest(warn)
            ?? throw new UserError($"run folder '{folder.DisplayPath}' has no usable checkpoint: nothing to evaluate (a run checkpoints after every epoch; train it first)");
        var diff = ConfigDiff.Lines(checkpoint.Config, ConfigJsonWriter.Values(settings));
        if (diff.Count > 0)
            throw new UserError($"checkpoint of run folder '{folder.DisplayPath}' belongs to another configuration than config.json (checkpoint -> config.json); the folder was changed after the run:", diff);

        var trainer = new Trainer(settings.Options, settings.EnvironmentId, settings.Seed, threads: 1, settings.EnvironmentFactory);
        try
        {
            trainer.RestoreState(checkpoint.State);
        }
        catch (IncompatibleStateException ex)
        {
            throw new UserError($"checkpoint '{folder.CheckpointDisplayPath}/{CheckpointStore.FileName(checkpoint.Epoch)}' does not fit the run's configuration: {ex.Message}");
        }
        return new Outcome(settings, checkpoint.Epoch, trainer.EnvSteps, trainer.Evaluate(seed, episodes, stochastic));
    }

    /// <summary>What <see cref="EvaluateBatch"/> did.</summary>
    /// <param name="Evaluated">Runs evaluated now.</param>
    /// <param name="Kept">Completed runs that already had an evaluation (kept without --force).</param>
    /// <param name="Failed">Completed runs that could not be evaluated (a warning each).</param>
    /// <param name="NotCompleted">Planned runs that are missing, unfinished or failed.</param>
    public sealed record BatchOutcome(int Evaluated, int Kept, int Failed, int NotCompleted);

    /// <summary>
    /// Evaluates every completed run of a batch (<paramref name="batchDisplay"/>: the batch folder as messages show it),
    /// one line per run on <paramref name="output"/>; runs with an evaluation are kept unless <paramref name="force"/>.
    /// A run that cannot be evaluated costs a warning on <paramref name="errors"/>, not the others.
    /// </summary>
    public static BatchOutcome EvaluateBatch(BatchResults results, string batchDisplay, string workingDirectory, int episodes, ulong seed, bool force,
        TextWriter output, TextWriter errors, bool stochastic = false)
    {
        var completed = results.Runs.Where(r => r.Status == RunResultStatus.Completed && r.Folder is not null)
            .Select(r => (r.Run.Name, Folder: RunFolder.Existing($"{batchDisplay.TrimEnd('/', '\\')}/{r.Run.Name}", r.Folder!)))
            .ToList();
        var pending = completed.Where(r => force || !Exists(r.Folder, stochastic)).ToList();
        if (pending.Count > 0)
            output.WriteLine($"evaluating {pending.Count} run{(pending.Count == 1 ? "" : "s")}: {episodes} episodes of {EvalCommand.ActionsWord(stochastic)} actions each");
        int failed = 0;
        foreach (var (name, folder) in pending)
        {
            try
            {
                var outcome = Evaluate(folder, Path.Combine(folder.Path, RunFolder.ConfigFileName), workingDirectory, episodes, seed, errors.WriteLine, stochastic);
                Write(folder, outcome);
                output.WriteLine($"{name}: {EvalCommand.Describe(outcome.Settings.EnvironmentId, outcome.Epoch, outcome.Settings.Epochs, outcome.Result)}");
            }
            catch (UserError error)
            {
                failed++;
                errors.WriteLine($"warning: run '{folder.DisplayPath}' not evaluated: {error.Message}");
            }
        }
        return new BatchOutcome(pending.Count - failed, completed.Count - pending.Count, failed, results.Runs.Count - completed.Count);
    }

    /// <summary>True when the run folder already holds eval.csv or eval.json (with <paramref name="stochastic"/>: their eval_stochastic twins).</summary>
    public static bool Exists(RunFolder folder, bool stochastic = false)
        => File.Exists(Path.Combine(folder.Path, EvaluationFiles.CsvFileFor(stochastic))) || File.Exists(Path.Combine(folder.Path, EvaluationFiles.JsonFileFor(stochastic)));

    /// <summary>Writes eval.csv, then eval.json (a stochastic evaluation: their eval_stochastic twins), each atomically; a failed write is an <see cref="OutputFailure"/>.</summary>
    public static void Write(RunFolder folder, Outcome outcome)
    {
        try
        {
            var stochastic = outcome.Result.Stochastic;
            AtomicFile.WriteAllText(Path.Combine(folder.Path, EvaluationFiles.CsvFileFor(stochastic)), EvaluationFiles.RenderCsv(outcome.Result));
            AtomicFile.WriteAllText(Path.Combine(folder.Path, EvaluationFiles.JsonFileFor(stochastic)),
                EvaluationFiles.RenderJson(outcome.Settings.EnvironmentId, outcome.Settings.Seed, outcome.Epoch, outcome.Settings.Epochs, outcome.EnvSteps, outcome.Result));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFailure($"cannot write the evaluation into run folder '{folder.DisplayPath}': {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }
}
