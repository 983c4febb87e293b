using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Trpo.Cli.Configuration;
using Trpo.Cli.Errors;
using Trpo.Cli.Hosting;
using Trpo.Core.Policies;
using Trpo.Core.Training;

namespace Trpo.Cli.Commands;

/// <summary>The inputs of <c>trpo bench</c>.</summary>
/// <param name="Environments">Environment ids, one table row each per preset (<c>--env</c>, repeatable).</param>
/// <param name="Presets">Preset names (<c>--preset</c>, repeatable).</param>
/// <param name="Epochs">Timed epochs per row (<c>--epochs</c>).</param>
/// <param name="Warmup">Untimed epochs before them (<c>--warmup</c>).</param>
/// <param name="Threads">Threads for batch work (<c>--threads</c>).</param>
/// <param name="Sets">Hyperparameter overrides, as <c>trpo train --set</c>.</param>
/// <param name="Seed">The seed flag, or null for the default.</param>
/// <param name="Variables">The process environment (<c>TRPO_*</c> keys apply as for <c>trpo train</c>).</param>
/// <param name="WorkingDirectory">Where relative paths are resolved.</param>
public sealed record BenchRequest(
    IReadOnlyList<string> Environments,
    IReadOnlyList<string> Presets,
    int Epochs,
    int Warmup,
    int Threads,
    IReadOnlyList<string> Sets,
    string? Seed,
    IReadOnlyDictionary<string, string?> Variables,
    string WorkingDirectory)
{
    /// <summary>Default environment.</summary>
    public const string DefaultEnvironment = "CartPole-v1";
    /// <summary>Default preset.</summary>
    public const string DefaultPreset = "sb3";
    /// <summary>Default timed epochs.</summary>
    public const int DefaultEpochs = 10;
    /// <summary>Default warm-up epochs (the first epochs run while the JIT compiles the hot loops).</summary>
    public const int DefaultWarmup = 2;
    /// <summary>Most timed epochs.</summary>
    public const int MaxEpochs = 10_000;
}

/// <summary>
/// <c>trpo bench</c>: runs the real engine for warm-up plus timed epochs per (environment, preset) and prints, as a
/// Markdown table ready for the README, the median milliseconds of each epoch phase (rollout, advantages, policy
/// step, critic) and of the whole epoch, environment steps per second (of the rollout alone and of whole epochs),
/// GFLOP/s by <see cref="EpochFlops"/> and the largest managed heap seen after an epoch; also the process's CPU time per epoch
/// (all its threads), which, unlike wall time, a busy machine barely inflates. Timing goes through the trainer's phase-observer seam, so it never
/// touches a computed value; progress goes to stderr so that stdout is the table alone.
/// </summary>
public static class BenchCommand
{
    /// <summary>The table's columns.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "env", "preset", "threads", "steps/epoch", "rollout ms", "advantages ms", "policy step ms", "critic ms", "epoch ms",
        "epoch CPU ms", "rollout steps/s", "steps/s", "GFLOP/s", "managed MiB",
    ];

    /// <summary>Runs the benchmark; returns the exit code (0, or 130 when cancelled) or throws a <see cref="UserError"/>.</summary>
    public static int Run(BenchRequest request, CliConsole console, CancellationToken cancellation)
    {
        if (request.Epochs is < 1 or > BenchRequest.MaxEpochs)
            throw new UserError($"--epochs must be between 1 and {BenchRequest.MaxEpochs} (got {request.Epochs})");
        if (request.Warmup is < 0 or > 1000)
            throw new UserError($"--warmup must be between 0 and 1000 (got {request.Warmup})");
        // resolve every row first, so that bad input fails before anything is timed
        var rows = new List<RunSettings>();
        foreach (var environment in request.Environments)
        foreach (var preset in request.Presets)
            rows.Add(Resolve(request, environment, preset));

        console.Out.WriteLine(Row(Headers));
        console.Out.WriteLine(Row(Headers.Select((_, i) => i < 2 ? "---" : "---:")));
        foreach (var settings in rows)
        {
            console.Error.WriteLine($"bench: {settings.EnvironmentId} {settings.Preset}: {request.Warmup} warm-up + {request.Epochs} timed epochs");
            var measured = Measure(settings, request, cancellation);
            if (measured is null) return ExitCodes.Interrupted;
            console.Out.WriteLine(Row(measured));
        }
        console.Out.WriteLine();
        console.Out.WriteLine(
            $"Medians of {request.Epochs} epochs after {request.Warmup} warm-up; seed {rows[0].Seed}; " +
            $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}.");
        return ExitCodes.Ok;
    }

    private static RunSettings Resolve(BenchRequest request, string environment, string preset)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OptionKeys.Env] = environment,
            [OptionKeys.Preset] = preset,
        };
        if (request.Seed is { } seed) flags[OptionKeys.Seed] = seed;
        var (_, layers) = ConfigLoader.BuildLayers(new ConfigRequest(null, request.Variables, request.Sets, flags, request.WorkingDirectory));
        return ConfigLoader.Bind(layers);
    }

    /// <summary>The cells of one row, or null when cancelled.</summary>
    private static IReadOnlyList<string>? Measure(RunSettings settings, BenchRequest request, CancellationToken cancellation)
    {
        var options = settings.Options;
        var trainer = new Trainer(options, settings.EnvironmentId, settings.Seed, request.Threads);
        var phases = new PhaseStopwatch();
        trainer.PhaseObserver = phases;
        var valueNet = new Mlp(trainer.Spec.ObservationSize, options.HiddenSizes, 1);
        var epochMs = new List<double>();
        var epochCpuMs = new List<double>();
        using var process = Process.GetCurrentProcess();
        var gflops = new List<double>();
        long heapBytes = 0;
        for (int epoch = 0; epoch < request.Warmup + request.Epochs; epoch++)
        {
            if (cancellation.IsCancellationRequested) return null;
            if (epoch == request.Warmup) phases.Clear();
            process.Refresh();
            TimeSpan cpuStarted = process.TotalProcessorTime;
            long started = Stopwatch.GetTimestamp();
            trainer.RunEpoch();
            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            double cpuMs = (process.TotalProcessorTime - cpuStarted).TotalMilliseconds;
            heapBytes = Math.Max(heapBytes, GC.GetTotalMemory(forceFullCollection: false));
            if (epoch < request.Warmup) continue;
            epochMs.Add(ms);
            epochCpuMs.Add(cpuMs);
            gflops.Add(FlopsOfLastEpoch(trainer, valueNet) / (ms * 1e6));
        }

        double Phase(EpochPhase phase) => PhaseStopwatch.Median(phases.Milliseconds[phase]);
        double rollout = Phase(EpochPhase.Rollout), whole = PhaseStopwatch.Median(epochMs);
        int steps = options.StepsPerEpoch;
        return
        [
            settings.EnvironmentId, settings.Preset, Integer(request.Threads), Integer(steps),
            Milliseconds(rollout), Milliseconds(Phase(EpochPhase.Advantages)), Milliseconds(Phase(EpochPhase.PolicyStep)),
            Milliseconds(Phase(EpochPhase.Critic)), Milliseconds(whole), Milliseconds(PhaseStopwatch.Median(epochCpuMs)),
            Integer(steps / (rollout / 1000)), Integer(steps / (whole / 1000)),
            PhaseStopwatch.Median(gflops).ToString("F1", CultureInfo.InvariantCulture),
            Integer(heapBytes / (1024.0 * 1024.0)),
        ];
    }

    /// <summary>FLOPs of the last epoch by <see cref="EpochFlops"/>, counting the Fisher-vector products and trials it ran.</summary>
    private static double FlopsOfLastEpoch(Trainer trainer, Mlp valueNet)
    {
        var step = trainer.LastPolicyStep!;
        int fisherProducts = (step.ConjugateGradient?.Iterations ?? 0) + (double.IsNaN(step.Curvature) ? 0 : 1);
        int attempts = step.LineSearch?.Attempts.Count ?? 0;
        long rows = trainer.Options.StepsPerEpoch;
        return EpochFlops.Epoch(trainer.Policy.Network, valueNet, rows, fisherProducts, attempts, (long)trainer.Options.TrainVIters * rows, step.FisherBySensitivities);
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Milliseconds(double ms) => ms.ToString("F2", CultureInfo.InvariantCulture);

    private static string Integer(double value) => Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);
}
