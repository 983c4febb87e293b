using Trpo.Cli.Configuration;
using Trpo.Core.Control;
using Trpo.Core.State;
using Trpo.Core.Tracing;
using Trpo.Core.Training;

namespace Trpo.Cli.Commands;

/// <summary>The engine as <c>trpo train</c> sees it: something that runs one epoch at a time, reports, and can be checkpointed.</summary>
public interface IEpochSource
{
    /// <summary>Runs the next epoch.</summary>
    EpochReport RunEpoch();

    /// <summary>The last epoch's trace, when tracing was requested (null otherwise).</summary>
    EpochTrace? LastTrace => null;

    /// <summary>For LQR-v0: the current policy's cost gap to the Riccati optimum (<see cref="LqrPolicyEvaluation"/>); null for other tasks.</summary>
    LqrCostGap? EvaluateCostGap() => null;

    /// <summary>The engine's whole state between epochs (<see cref="Trainer.CaptureState"/>).</summary>
    EngineState CaptureState();

    /// <summary>Puts the engine into a captured state; throws <see cref="IncompatibleStateException"/> when it does not fit.</summary>
    void RestoreState(EngineState state);
}

/// <summary>Starts the engine for a run; the default is <see cref="TrainerEpochSource.Start"/>, tests substitute their own.</summary>
public delegate IEpochSource EpochSourceFactory(RunSettings settings, TrainExecution execution);

/// <summary>The real engine: a <see cref="Trainer"/> for the run's options, environment and seed.</summary>
public sealed class TrainerEpochSource(Trainer trainer, LqrSystem? lqr = null) : IEpochSource
{
    private LqrOptimum? _optimum;

    /// <summary>Constructs the trainer (networks, environments, RNG streams) for <paramref name="settings"/>.</summary>
    public static IEpochSource Start(RunSettings settings, TrainExecution execution)
        => new TrainerEpochSource(
            new Trainer(settings.Options, settings.EnvironmentId, settings.Seed, execution.Threads, settings.EnvironmentFactory) { RecordTrace = execution.Trace },
            settings.Lqr);

    /// <inheritdoc />
    public LqrCostGap? EvaluateCostGap()
    {
        if (lqr is null) return null;
        _optimum ??= new LqrOptimum(lqr);
        return LqrPolicyEvaluation.Evaluate(_optimum, trainer.Policy, trainer.PolicyParameters);
    }

    /// <inheritdoc />
    public EpochReport RunEpoch() => trainer.RunEpoch();

    /// <inheritdoc />
    public EpochTrace? LastTrace => trainer.LastTrace;

    /// <inheritdoc />
    public EngineState CaptureState() => trainer.CaptureState();

    /// <inheritdoc />
    public void RestoreState(EngineState state) => trainer.RestoreState(state);
}
