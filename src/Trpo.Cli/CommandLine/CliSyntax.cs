using System.CommandLine;
using System.CommandLine.Help;
using Trpo.Cli.Configuration;

namespace Trpo.Cli.CommandLine;

/// <summary>
/// The command-line grammar (System.CommandLine): <c>trpo train ...</c>, <c>trpo envs</c>, <c>--help</c>,
/// <c>--version</c>. Values stay text here; typing and range checks happen in <see cref="ConfigLoader"/> so
/// that a value means the same whether it comes from a flag, a file, a variable or <c>--set</c>.
/// </summary>
public sealed class CliSyntax
{
    /// <summary>--env ID</summary>
    public Option<string> Env { get; } = new("--env") { Description = "Environment id, e.g. CartPole-v1 (list: trpo envs). Required.", HelpName = "ID" };
    /// <summary>--seed N</summary>
    public Option<string> Seed { get; } = new("--seed") { Description = $"Seed, 0..{RunSettings.MaxSeed}. Default {RunSettings.DefaultSeed}.", HelpName = "N" };
    /// <summary>--epochs N</summary>
    public Option<string> Epochs { get; } = new("--epochs") { Description = $"Epochs to run, 1..{RunSettings.MaxEpochs}. Default {RunSettings.DefaultEpochs}.", HelpName = "N" };
    /// <summary>--preset NAME</summary>
    public Option<string> Preset { get; } = new("--preset") { Description = "Hyperparameter preset: spinningup (default), sb3 (sb3-contrib TRPO's defaults) or zoo (rl-baselines3-zoo's tuned TRPO settings for the classic-control five, with the zoo's step budget as default epochs).", HelpName = "NAME" };
    /// <summary>--config FILE</summary>
    public Option<string> Config { get; } = new("--config") { Description = "JSON file of keys, e.g. {\"delta\": 0.02}; overrides the preset.", HelpName = "FILE" };
    /// <summary>--set KEY=VALUE (repeatable)</summary>
    public Option<string[]> Set { get; } = new("--set") { Description = "Set one key, e.g. --set delta=0.02 --set hidden_sizes=32,32; overrides file and TRPO_* variables. Repeatable.", HelpName = "KEY=VALUE" };
    /// <summary>--out DIR</summary>
    public Option<string> Out { get; } = new("--out") { Description = "Run folder. Default runs/<env>__<preset>__seed<seed>.", HelpName = "DIR" };
    /// <summary>--force</summary>
    public Option<bool> Force { get; } = new("--force") { Description = "Overwrite an existing run folder (clears its config.json, progress.csv, summary.json, trace.txt and checkpoints)." };
    /// <summary>--resume (train)</summary>
    public Option<bool> Resume { get; } = new("--resume") { Description = "Go on from the run folder's last checkpoint (the configuration must be the same); start the run if the folder is empty." };
    /// <summary>--fail-on-nonfinite (train)</summary>
    public Option<bool> FailOnNonFinite { get; } = new("--fail-on-nonfinite") { Description = "Stop (exit 3) at the first numerical fault (non-finite reward, gradient or step, non-positive curvature) and write fault-trace.txt, instead of skipping the step." };
    /// <summary>RUN_DIR (resume)</summary>
    public Argument<string> RunDir { get; } = new("RUN_DIR") { Description = "The run folder to go on with, e.g. runs/CartPole-v1__spinningup__seed0." };
    /// <summary>--verbose (any command)</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log to stderr and show error details.", Recursive = true };
    /// <summary>--version (root only)</summary>
    public Option<bool> Version { get; } = new("--version") { Description = "Show the version and exit." };

    /// <summary>--trace (train)</summary>
    public Option<bool> Trace { get; } = new("--trace") { Description = "Record every intermediate of every epoch into trace.txt in the run folder (see trpo golden)." };
    /// <summary>--threads N (train, golden verify)</summary>
    public Option<int> Threads { get; } = new("--threads") { Description = "Threads for batch work (default 1). Results are bit-identical for any value.", HelpName = "N", DefaultValueFactory = _ => 1 };
    /// <summary>--dir DIR (golden)</summary>
    public Option<string> GoldenDir { get; } = new("--dir") { Description = "Golden folder. Default ./golden.", HelpName = "DIR", DefaultValueFactory = _ => "golden" };
    /// <summary>Scenario names (golden verify/accept).</summary>
    public Argument<string[]> Scenarios { get; } = new("scenario") { Description = "Scenario names (default: all; list: trpo golden list).", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>Run folders (plot).</summary>
    public Argument<string[]> RunDirs { get; } = new("run-dir") { Description = "Run folders (each holding progress.csv).", Arity = ArgumentArity.OneOrMore };
    /// <summary>--out DIR (plot)</summary>
    public Option<string> PlotOut { get; } = new("--out") { Description = "Folder for the plots and index.html. Default: the run folder (one run); required for several runs.", HelpName = "DIR" };
    /// <summary>--band std|se (plot)</summary>
    public Option<string> Band { get; } = new("--band") { Description = "Band over seeds: std (sample standard deviation, default) or se (standard error).", HelpName = "std|se", DefaultValueFactory = _ => "std" };

    /// <summary>The <c>plot</c> command.</summary>
    public Command Plot { get; }

    /// <summary>The experiment file (batch).</summary>
    public Argument<string> ExperimentFile { get; } = new("file") { Description = "Experiment file (JSON, or YAML with .yaml/.yml): name, preset, overrides, environments, seeds, grid, budget." };
    /// <summary>--out DIR (batch)</summary>
    public Option<string> BatchOut { get; } = new("--out") { Description = "Batch folder. Default runs/<name> (runs/<name>-quick with --quick).", HelpName = "DIR" };
    /// <summary>--parallel N (batch, reproduce)</summary>
    public Option<int?> Parallel { get; } = new("--parallel") { Description = "Runs at a time, each single-threaded. Default: the number of cores (1 in emitted jobs). Results do not depend on it.", HelpName = "N" };
    /// <summary>--shard i/N (batch)</summary>
    public Option<string> Shard { get; } = new("--shard") { Description = "Run only shard i of N (1-based): the runs whose canonical position k has k mod N = i - 1.", HelpName = "i/N" };
    /// <summary>--emit slurm|k8s (batch)</summary>
    public Option<string> Emit { get; } = new("--emit") { Description = "Print a Slurm job-array script (slurm) or a Kubernetes Indexed Job (k8s) that runs the shards; runs nothing.", HelpName = "KIND" };
    /// <summary>--shards N (batch --emit)</summary>
    public Option<int?> Shards { get; } = new("--shards") { Description = "Shards of the emitted job. Default: one per run.", HelpName = "N" };
    /// <summary>--image IMAGE (batch --emit k8s)</summary>
    public Option<string> Image { get; } = new("--image") { Description = "Container image of the emitted Kubernetes job (needs trpo on PATH).", HelpName = "IMAGE", DefaultValueFactory = _ => Commands.BatchRequest.DefaultImage };
    /// <summary>--list (batch)</summary>
    public Option<bool> List { get; } = new("--list") { Description = "List the runs (with their shard) instead of running them." };
    /// <summary>--quick (batch, reproduce)</summary>
    public Option<bool> Quick { get; } = new("--quick") { Description = "Apply the experiment's quick section: a tiny budget for smoke tests." };

    /// <summary>Batch folders (aggregate).</summary>
    public Argument<string[]> BatchFolders { get; } = new("batch_dir") { Description = "Batch folder(s): one, or the folders of several shards of one batch.", Arity = ArgumentArity.OneOrMore };
    /// <summary>--out DIR (aggregate)</summary>
    public Option<string> AggregateOut { get; } = new("--out") { Description = "Where aggregate.csv and final.csv go. Default: the (first) batch folder; required with several.", HelpName = "DIR" };
    /// <summary>--final-epochs K (aggregate, reproduce)</summary>
    public Option<int?> FinalEpochs { get; } = new("--final-epochs") { Description = "Epochs averaged for a run's final return. Default: the last 10% (at least 1).", HelpName = "K" };

    /// <summary>The suite (reproduce).</summary>
    public Argument<string> Suite { get; } = new("suite") { Description = "A built-in suite (classic-control, gae-lambda) or the path of an experiment file." };
    /// <summary>--out DIR (reproduce)</summary>
    public Option<string> ReproduceOut { get; } = new("--out") { Description = "Suite folder. Default runs/suites/<suite> (runs/suites/<suite>-quick with --quick).", HelpName = "DIR" };

    /// <summary>--env ID (bench, repeatable)</summary>
    public Option<string[]> BenchEnvs { get; } = new("--env") { Description = $"Environment id; repeat for several rows. Default {Commands.BenchRequest.DefaultEnvironment}.", HelpName = "ID" };
    /// <summary>--preset NAME (bench, repeatable)</summary>
    public Option<string[]> BenchPresets { get; } = new("--preset") { Description = $"Preset; repeat for several rows. Default {Commands.BenchRequest.DefaultPreset}.", HelpName = "NAME" };
    /// <summary>--epochs N (bench)</summary>
    public Option<int> BenchEpochs { get; } = new("--epochs") { Description = $"Timed epochs per row, 1..{Commands.BenchRequest.MaxEpochs}; the table shows their medians.", HelpName = "N", DefaultValueFactory = _ => Commands.BenchRequest.DefaultEpochs };
    /// <summary>--warmup N (bench)</summary>
    public Option<int> Warmup { get; } = new("--warmup") { Description = "Untimed epochs first (while the JIT compiles), 0..1000.", HelpName = "N", DefaultValueFactory = _ => Commands.BenchRequest.DefaultWarmup };

    /// <summary>The <c>bench</c> command.</summary>
    public Command Bench { get; }

    /// <summary>--env ID (env replay)</summary>
    public Option<string> ReplayEnv { get; } = new("--env") { Description = "Environment id, e.g. Acrobot-v1 (list: trpo envs). Required.", HelpName = "ID" };
    /// <summary>--seed S (env replay)</summary>
    public Option<string> ReplaySeed { get; } = new("--seed") { Description = "Start from Gymnasium's reset(seed=S): S a non-negative integer.", HelpName = "S" };
    /// <summary>--state v1,v2,... (env replay)</summary>
    public Option<string> ReplayState { get; } = new("--state") { Description = "Start from this full internal state, comma-separated (names: the state_* columns).", HelpName = "v1,v2,..." };
    /// <summary>--actions FILE (env replay)</summary>
    public Option<string> ReplayActions { get; } = new("--actions") { Description = "One action per line: an integer (discrete) or comma-separated numbers (continuous). Required.", HelpName = "FILE" };
    /// <summary>--out FILE (env replay)</summary>
    public Option<string> ReplayOut { get; } = new("--out") { Description = "Write the CSV here (atomically) instead of stdout.", HelpName = "FILE.csv" };

    /// <summary>RUN_DIR (eval)</summary>
    public Argument<string> EvalRunDir { get; } = new("RUN_DIR") { Description = "The run folder to evaluate (its newest checkpoint), e.g. runs/CartPole-v1__zoo__seed0, or a batch folder." };
    /// <summary>--episodes N (eval)</summary>
    public Option<int> EvalEpisodes { get; } = new("--episodes") { Description = $"Episodes to play, 1..{Commands.EvalCommand.MaxEpisodes}.", HelpName = "N", DefaultValueFactory = _ => Commands.EvalCommand.DefaultEpisodes };
    /// <summary>--seed S (eval)</summary>
    public Option<string> EvalSeed { get; } = new("--seed") { Description = $"The evaluation environment's first reset is Gymnasium's reset(seed=S); later resets go on from it. Default {Commands.EvalCommand.DefaultSeed} for every run.", HelpName = "S" };
    /// <summary>--force (eval)</summary>
    public Option<bool> EvalForce { get; } = new("--force") { Description = "Overwrite the run folder's eval.csv and eval.json (with --stochastic: eval_stochastic.csv and eval_stochastic.json; in a batch folder: evaluate every completed run again)." };
    /// <summary>--stochastic (eval)</summary>
    public Option<bool> EvalStochastic { get; } = new("--stochastic") { Description = "Sample every action from the policy (seeded by --seed) instead of taking its mode; writes eval_stochastic.csv and eval_stochastic.json, leaving eval.csv and eval.json alone." };
    /// <summary>The <c>eval</c> command.</summary>
    public Command Eval { get; }

    /// <summary>The <c>env</c> command group.</summary>
    public Command EnvGroup { get; }
    /// <summary><c>env replay</c>.</summary>
    public Command EnvReplay { get; }

    /// <summary>The <c>reproduce</c> command.</summary>
    public Command Reproduce { get; }

    /// <summary>The <c>aggregate</c> command.</summary>
    public Command Aggregate { get; }

    /// <summary>The <c>batch</c> command.</summary>
    public Command Batch { get; }

    /// <summary>The <c>golden</c> command and its subcommands.</summary>
    public Command Golden { get; }
    /// <summary><c>golden list</c>.</summary>
    public Command GoldenList { get; } = new("list", "List the golden scenarios.");
    /// <summary><c>golden verify</c>.</summary>
    public Command GoldenVerify { get; }
    /// <summary><c>golden accept</c>.</summary>
    public Command GoldenAccept { get; }

    /// <summary>The <c>train</c> command.</summary>
    public Command Train { get; }
    /// <summary>The <c>resume</c> command.</summary>
    public Command ResumeRun { get; }
    /// <summary>The <c>envs</c> command.</summary>
    public Command Envs { get; } = new("envs", "List the built-in environments: id, observation size, action space, time limit, reward threshold.");
    /// <summary>The root command, <c>trpo</c>.</summary>
    public Command Root { get; }

    /// <summary>Builds the grammar.</summary>
    public CliSyntax()
    {
        Train = new Command("train",
            "Train TRPO on one environment with one seed. Configuration layers, lowest to highest: preset, --config file, " +
            "TRPO_* environment variables, --set, then --env/--seed/--epochs/--preset. Writes config.json, progress.csv, summary.json, " +
            "learning_curve.svg, diagnostics.svg and index.html. " +
            "Each epoch ends with a checkpoint in <run folder>/checkpoint; --resume or 'trpo resume DIR' goes on from it. " +
            "Exit codes: 0 ok, 1 runtime failure, 2 bad input, 3 numerical fault (--fail-on-nonfinite), 74 cannot write output, 130 Ctrl+C, 143 SIGTERM.")
        {
            Env, Seed, Epochs, Preset, Config, Set, Out, Force, Resume, Trace, FailOnNonFinite, Threads,
        };
        ResumeRun = new Command("resume",
            "Go on with an interrupted or crashed run from its last checkpoint, with the configuration and flags it was started with " +
            "(its config.json). The finished run is byte-identical to one that was never interrupted (wall_seconds aside).")
        {
            RunDir, Threads,
        };
        GoldenVerify = new Command("verify",
            "Run golden scenarios and compare each trace bit for bit with <dir>/<scenario>/trace.txt. A difference writes " +
            "trace.received.txt beside it and reports the first divergence. Exit 0 when all match, 1 otherwise.")
        {
            Scenarios, GoldenDir, Threads,
        };
        GoldenAccept = new Command("accept",
            "Move reviewed trace.received.txt files over the golden traces (the named scenarios, or all that have one).")
        {
            Scenarios, GoldenDir,
        };
        Golden = new Command("golden", "Golden traces: every intermediate of small fixed experiments, checked in and compared bit for bit.")
        {
            GoldenList, GoldenVerify, GoldenAccept,
        };
        Plot = new Command("plot",
            "Re-render learning_curve.svg, diagnostics.svg and index.html from run folders' progress.csv. One run: into its folder " +
            "(or --out). Several runs of one environment: grouped by configuration (config.json without seed, git_commit, tool_version), " +
            "one band over seeds per configuration, into --out. Exit codes: 0 ok, 1 runtime failure, 2 bad input.")
        {
            RunDirs, PlotOut, Band,
        };
        Bench = new Command("bench",
            "Time the engine: warm-up plus timed epochs per environment and preset, then a Markdown table of median milliseconds per " +
            "epoch phase (rollout, advantages, policy step, critic), environment steps per second, GFLOP/s and managed memory. Writes no files. " +
            "Exit codes: 0 ok, 2 bad input, 130 interrupted.")
        {
            BenchEnvs, BenchPresets, BenchEpochs, Warmup, Threads, Seed, Set,
        };
        Batch = new Command("batch",
            "Run an experiment file's grid of environments x seeds x hyperparameter values, N runs at a time, into one batch folder " +
            "(batch.json plus a run folder per run). A re-run skips finished runs and starts unfinished ones again. " +
            "Exit codes: 0 all runs finished, 2 bad input, 4 some runs failed (the others ran), 130 interrupted.")
        {
            ExperimentFile, BatchOut, Parallel, Shard, Emit, Shards, Image, List, Quick,
        };
        Aggregate = new Command("aggregate",
            "Statistics over seeds per configuration of a batch: aggregate.csv (per epoch: mean, std, standard error, min, max of the return) " +
            "and final.csv (final return with a 95% bootstrap interval). Several shard folders of one batch are merged. " +
            "Exit codes: 0 all planned runs completed, 2 bad input, 4 some runs missing or unfinished.")
        {
            BatchFolders, AggregateOut, FinalEpochs,
        };
        Reproduce = new Command("reproduce",
            "Reproduce a paper-style result: run a suite as a batch (resumable), aggregate it, and write results.md with the " +
            "final returns beside the published ones. Exit codes as trpo batch: 0, 2, 4 some runs failed, 130 interrupted.")
        {
            Suite, Quick, ReproduceOut, Parallel,
        };
        EnvReplay = new Command("replay",
            "Step an environment through a file of actions from a seeded reset (--seed) or a given state (--state), and write " +
            "every step as CSV: step, action, state_<name>..., obs_<i>..., reward, terminated, truncated; the first row is the start. " +
            "Stops at the end of the episode and says why on stderr. Exit codes: 0 ok, 2 bad input.")
        {
            ReplayEnv, ReplaySeed, ReplayState, ReplayActions, ReplayOut,
        };
        Eval = new Command("eval",
            "Evaluate a run's newest checkpoint with deterministic actions (argmax, or the mean clipped to the action bounds), as " +
            "rl-baselines3-zoo measures its published results: N episodes on a fresh environment, observation statistics frozen. " +
            "Writes eval.csv (one row per episode) and eval.json (summary) into the run folder; prints one line. " +
            "--stochastic samples the actions instead (eval_stochastic.csv, eval_stochastic.json). " +
            "A batch folder: every completed run not yet evaluated (all with --force). " +
            "Exit codes: 0 ok, 2 bad input, 4 some runs of a batch not completed or not evaluated, 74 cannot write output.")
        {
            EvalRunDir, EvalEpisodes, EvalSeed, EvalForce, EvalStochastic,
        };
        EnvGroup = new Command("env", "Inspect a built-in environment.")
        {
            EnvReplay,
        };
        Root = new Command("trpo", "Reproducible TRPO experiments on built-in environments.")
        {
            new HelpOption(), Version, Verbose, Train, ResumeRun, Eval, Plot, Batch, Aggregate, Reproduce, Envs, EnvGroup, Golden, Bench,
        };
    }

    /// <summary>The run-level flags that were given, by configuration key.</summary>
    public IReadOnlyDictionary<string, string> Flags(ParseResult result)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, Option<string> option)
        {
            if (result.GetValue(option) is { } value)
                flags[key] = value;
        }
        Add(OptionKeys.Env, Env);
        Add(OptionKeys.Seed, Seed);
        Add(OptionKeys.Epochs, Epochs);
        Add(OptionKeys.Preset, Preset);
        return flags;
    }
}
