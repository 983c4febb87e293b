using System.Collections;
using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trpo.Cli.Commands;
using Trpo.Cli.CommandLine;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.FileSystem;
using Trpo.Cli.Hosting;
using Trpo.Cli.Progress;

namespace Trpo.Cli;

/// <summary>
/// The whole <c>trpo</c> application, callable in-process: parse the command line, layer and bind the
/// configuration, build the host, dispatch the command, and turn failures into one <c>error: </c> line and an
/// exit code (<see cref="ExitCodes"/>).
/// </summary>
public static class CliApp
{
    /// <summary>Runs <c>trpo</c> with <paramref name="args"/>.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="stdout">Where results and progress go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="environment">Environment variables to read <c>TRPO_*</c> keys from; null reads the process environment.</param>
    /// <param name="cancellation">Cancelled like Ctrl+C: a run stops after the current epoch (its checkpoint saved) and exits 130.</param>
    /// <param name="workingDirectory">Directory for relative paths (<c>runs/</c>, <c>--config</c>, <c>--out</c>); null is the current directory.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? environment = null,
        CancellationToken cancellation = default,
        string? workingDirectory = null)
    {
        using var stop = new StopSignal(cancellation);
        return await RunAsync(args, stdout, stderr, environment, stop, workingDirectory, overrideServices: null);
    }

    /// <summary>Runs <c>trpo</c> with <paramref name="args"/>, stopping a run when <paramref name="stop"/> is raised (exit 130 or 143, as it says).</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="stdout">Where results and progress go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="stop">Raised by Ctrl+C/SIGTERM (<see cref="ShutdownSignals"/>).</param>
    /// <param name="environment">Environment variables; null reads the process environment.</param>
    /// <param name="workingDirectory">Directory for relative paths; null is the current directory.</param>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        StopSignal stop,
        IDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
        => RunAsync(args, stdout, stderr, environment, stop, workingDirectory, overrideServices: null);

    /// <summary>As the public overloads, with a hook that replaces services (tests substitute the engine or the file system this way).</summary>
    internal static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? environment,
        StopSignal stop,
        string? workingDirectory,
        Action<IServiceCollection>? overrideServices)
    {
        var cancellation = stop.Token;
        var syntax = new CliSyntax();
        var variables = Snapshot(environment);
        var directory = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        var verbose = false;

        syntax.Root.SetAction(result =>
        {
            if (!result.GetValue(syntax.Version))
                throw new UserError("no command given; see 'trpo --help'");
            stdout.WriteLine(ToolInfo.AssemblyVersion);
            return ExitCodes.Ok;
        });
        syntax.Envs.SetAction(_ => EnvsCommand.Run(stdout));
        syntax.EnvReplay.SetAction(result => EnvReplayCommand.Run(
            new EnvReplayRequest(result.GetValue(syntax.ReplayEnv), result.GetValue(syntax.ReplaySeed), result.GetValue(syntax.ReplayState),
                result.GetValue(syntax.ReplayActions), result.GetValue(syntax.ReplayOut)),
            directory, stdout, stderr));
        syntax.Eval.SetAction(result => EvalCommand.Run(
            new EvalRequest(result.GetValue(syntax.EvalRunDir)!, result.GetValue(syntax.EvalEpisodes), result.GetValue(syntax.EvalSeed), result.GetValue(syntax.EvalForce), result.GetValue(syntax.EvalStochastic)),
            directory, stdout, stderr));
        syntax.EnvGroup.SetAction((Func<ParseResult, int>)(_ => throw new UserError("missing subcommand; see 'trpo env --help' (env replay)")));
        syntax.GoldenList.SetAction(_ => GoldenCommand.List(stdout));
        syntax.GoldenVerify.SetAction(result => GoldenCommand.Verify(
            result.GetValue(syntax.Scenarios) ?? [], Path.GetFullPath(result.GetValue(syntax.GoldenDir)!, directory), CheckThreads(result.GetValue(syntax.Threads)), stdout));
        syntax.GoldenAccept.SetAction(result => GoldenCommand.Accept(
            result.GetValue(syntax.Scenarios) ?? [], Path.GetFullPath(result.GetValue(syntax.GoldenDir)!, directory), stdout));
        CliConsole Console() => new(stdout, stderr, CliConsole.IsTerminal(stdout, variables));
        syntax.Plot.SetAction(result => PlotCommand.Run(
            result.GetValue(syntax.RunDirs) ?? [], result.GetValue(syntax.PlotOut), result.GetValue(syntax.Band)!, directory, stdout));
        syntax.Batch.SetAction((result, token) =>
            Task.FromResult(Batch(syntax, result, new CliConsole(stdout, stderr, CliConsole.IsTerminal(stdout, variables)), variables, directory, verbose, overrideServices, token)));
        syntax.Aggregate.SetAction(result => AggregateCommand.Run(
            result.GetValue(syntax.BatchFolders) ?? [], result.GetValue(syntax.AggregateOut), result.GetValue(syntax.FinalEpochs), directory,
            new CliConsole(stdout, stderr, Interactive: false)));
        syntax.Reproduce.SetAction((result, token) =>
        {
            var console = new CliConsole(stdout, stderr, CliConsole.IsTerminal(stdout, variables));
            using var host = BuildEngineHost(console, variables, directory, verbose, overrideServices);
            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stopping);
            return Task.FromResult(host.Services.GetRequiredService<ReproduceCommand>().Run(
                result.GetValue(syntax.Suite)!, result.GetValue(syntax.Quick), result.GetValue(syntax.ReproduceOut), result.GetValue(syntax.Parallel), directory, linked.Token));
        });
        syntax.Bench.SetAction((result, token) => Task.FromResult(BenchCommand.Run(
            new BenchRequest(
                result.GetValue(syntax.BenchEnvs) is { Length: > 0 } envs ? envs : [BenchRequest.DefaultEnvironment],
                result.GetValue(syntax.BenchPresets) is { Length: > 0 } presets ? presets : [BenchRequest.DefaultPreset],
                result.GetValue(syntax.BenchEpochs), result.GetValue(syntax.Warmup), CheckThreads(result.GetValue(syntax.Threads)),
                result.GetValue(syntax.Set) ?? [], result.GetValue(syntax.Seed), variables, directory),
            new CliConsole(stdout, stderr, Interactive: false), token)));
        syntax.Train.SetAction((result, token) =>
            Task.FromResult(Train(syntax, result, TrainRequest(syntax, result, variables, directory), Console(), variables, directory, verbose, stop, overrideServices, token)));
        syntax.ResumeRun.SetAction((result, token) =>
            Task.FromResult(Train(syntax, result, ResumeRequest(result.GetValue(syntax.RunDir)!, directory), Console(), variables, directory, verbose, stop, overrideServices, token)));

        try
        {
            var parsed = syntax.Root.Parse(args);
            verbose = parsed.GetValue(syntax.Verbose);
            if (parsed.Errors.Count > 0)
                throw new UserError(UsageMessage(parsed));
            var invocation = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // signals are the caller's (Program's ShutdownSignals)
            };
            return await parsed.InvokeAsync(invocation, cancellation);
        }
        catch (UserError error)
        {
            stderr.WriteLine($"error: {error.Message}");
            foreach (var detail in error.Details)
                stderr.WriteLine($"  {detail}");
            return ExitCodes.BadInput;
        }
        catch (OutputFailure failure)
        {
            stderr.WriteLine($"error: {failure.Message}");
            if (verbose)
                stderr.WriteLine(failure.InnerException);
            return ExitCodes.OutputFailure;
        }
        catch (EngineFailure failure)
        {
            stderr.WriteLine($"error: {failure.Message}");
            if (verbose)
                stderr.WriteLine(failure.InnerException);
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception unexpected)
        {
            stderr.WriteLine($"error: {unexpected.GetType().Name}: {unexpected.Message.ReplaceLineEndings(" ")}");
            if (verbose)
                stderr.WriteLine(unexpected);
            return ExitCodes.RuntimeFailure;
        }
    }

    /// <summary>What <c>trpo train</c> asks for: its configuration layers and its output flags.</summary>
    private static (ConfigRequest Config, TrainOutput Output, TrainExecution Execution) TrainRequest(
        CliSyntax syntax, ParseResult result, IReadOnlyDictionary<string, string?> variables, string directory)
    {
        var resume = result.GetValue(syntax.Resume);
        var force = result.GetValue(syntax.Force);
        if (resume && force)
            throw new UserError("--resume and --force exclude each other: --resume goes on with a run, --force starts it over");
        var config = new ConfigRequest(result.GetValue(syntax.Config), variables, result.GetValue(syntax.Set) ?? [], syntax.Flags(result), directory);
        var output = new TrainOutput(result.GetValue(syntax.Out), force, directory, resume ? ResumeMode.Train : ResumeMode.None);
        var execution = new TrainExecution(CheckThreads(result.GetValue(syntax.Threads)), result.GetValue(syntax.Trace), result.GetValue(syntax.FailOnNonFinite));
        return (config, output, execution);
    }

    /// <summary>
    /// What <c>trpo resume RUN_DIR</c> asks for: the run's own config.json as the only layer (no TRPO_* variables, no
    /// --set), the folder as --out, and the flags from the checkpoint.
    /// </summary>
    private static (ConfigRequest Config, TrainOutput Output, TrainExecution Execution) ResumeRequest(string runDirectory, string directory)
    {
        var configPath = RunDirectoryArgument.ConfigPath(runDirectory, directory, "resume");
        var config = new ConfigRequest(configPath, new Dictionary<string, string?>(), [], new Dictionary<string, string>(), directory);
        return (config, new TrainOutput(runDirectory, Force: false, directory, ResumeMode.RunFolder), new TrainExecution(1, Trace: false));
    }

    private static int Train(
        CliSyntax syntax,
        ParseResult result,
        (ConfigRequest Config, TrainOutput Output, TrainExecution Execution) request,
        CliConsole console,
        IReadOnlyDictionary<string, string?> variables,
        string directory,
        bool verbose,
        StopSignal stop,
        Action<IServiceCollection>? overrideServices,
        CancellationToken cancellation)
    {
        var (configuration, layers) = ConfigLoader.BuildLayers(request.Config);
        var settings = ConfigLoader.Bind(layers);
        var execution = request.Execution with { Threads = CheckThreads(result.GetValue(syntax.Threads)) };
        var crash = TestHook.FromEnvironment(variables, console.Error, stop.Token);

        using var host = CliHost.Build(configuration, verbose, directory, services =>
        {
            services.AddSingleton(settings);
            services.AddSingleton(request.Output);
            services.AddSingleton(execution);
            services.AddSingleton(ToolInfo.Detect(variables, directory));
            services.AddSingleton(console);
            services.AddSingleton<IEpochProgress>(console.Interactive
                ? new SpectreEpochProgress(console.Out)
                : new PlainEpochProgress(console.Out));
            services.AddSingleton<EpochSourceFactory>(TrainerEpochSource.Start);
            services.AddSingleton<IFileSystem>(PhysicalFileSystem.Instance);
            services.AddSingleton(crash);
            services.AddSingleton(stop);
            services.AddSingleton<TrainCommand>();
            overrideServices?.Invoke(services);
        });
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, stopping);
        return host.Services.GetRequiredService<TrainCommand>().Run(linked.Token);
    }

    private static int Batch(
        CliSyntax syntax,
        ParseResult result,
        CliConsole console,
        IReadOnlyDictionary<string, string?> variables,
        string directory,
        bool verbose,
        Action<IServiceCollection>? overrideServices,
        CancellationToken cancellation)
    {
        var request = new BatchRequest(
            result.GetValue(syntax.ExperimentFile)!,
            result.GetValue(syntax.BatchOut),
            result.GetValue(syntax.Parallel),
            result.GetValue(syntax.Shard),
            result.GetValue(syntax.Emit),
            result.GetValue(syntax.Shards),
            result.GetValue(syntax.Image)!,
            result.GetValue(syntax.List),
            result.GetValue(syntax.Quick),
            directory);
        using var host = BuildEngineHost(console, variables, directory, verbose, overrideServices);
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, stopping);
        return host.Services.GetRequiredService<BatchCommand>().Run(request, linked.Token);
    }

    /// <summary>The host of the commands that run many trainings (batch, reproduce): the engine, the console, provenance.</summary>
    private static IHost BuildEngineHost(
        CliConsole console,
        IReadOnlyDictionary<string, string?> variables,
        string directory,
        bool verbose,
        Action<IServiceCollection>? overrideServices)
        => CliHost.Build(new ConfigurationBuilder().Build(), verbose, directory, services =>
        {
            services.AddSingleton(ToolInfo.Detect(variables, directory));
            services.AddSingleton(console);
            services.AddSingleton<EpochSourceFactory>(TrainerEpochSource.Start);
            services.AddSingleton<BatchCommand>();
            services.AddSingleton<ReproduceCommand>();
            overrideServices?.Invoke(services);
        });

    /// <summary>The --threads value, checked: 1..256.</summary>
    private static int CheckThreads(int threads)
        => threads is >= 1 and <= 256 ? threads : throw new UserError($"--threads must be between 1 and 256 (got {threads})");

    /// <summary>System.CommandLine's first parse error as one line, with where to find usage.</summary>
    private static string UsageMessage(ParseResult parsed)
    {
        var message = parsed.Errors[0].Message.Trim().TrimEnd('.');
        if (message.Length > 0)
            message = char.ToLowerInvariant(message[0]) + message[1..];
        var command = parsed.CommandResult.Command;
        var help = command.Name == "trpo" ? "trpo --help" : $"trpo {command.Name} --help";
        return $"{message}; see '{help}'";
    }

    private static IReadOnlyDictionary<string, string?> Snapshot(IDictionary<string, string?>? environment)
    {
        if (environment is not null)
            return new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            snapshot[(string)entry.Key] = entry.Value as string;
        return snapshot;
    }
}
