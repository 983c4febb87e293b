using Trpo.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Trpo.Cli.Commands;
using Trpo.Cli.Configuration;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// A stand-in engine for batch and aggregation tests whose returns depend on seed and epoch in a way that is easy
/// to compute by hand: return_mean = 10·seed + epoch·lam, except that epoch 2 finishes no episode (NaN).
/// Runs whose seed is <see cref="FailSeed"/> throw at their first epoch. Every epoch run is counted.
/// </summary>
public sealed class SeededFakeEngine
{
    private int _epochsRun;

    /// <summary>The seed whose runs fail, or null.</summary>
    public ulong? FailSeed { get; init; }

    /// <summary>Called after every epoch with the epoch number (e.g. to cancel the batch).</summary>
    public Action<int>? AfterEpoch { get; init; }

    /// <summary>Epochs run so far, over all runs.</summary>
    public int EpochsRun => _epochsRun;

    /// <summary>The return_mean of <paramref name="epoch"/> of the run with <paramref name="seed"/> and <paramref name="lam"/>.</summary>
    public static double ReturnOf(ulong seed, int epoch, double lam) => epoch == 2 ? double.NaN : 10.0 * seed + epoch * lam;

    /// <summary>Installs this engine into <paramref name="workspace"/>'s host.</summary>
    public SeededFakeEngine Install(Workspace workspace)
    {
        workspace.Services = services => services.AddSingleton<EpochSourceFactory>(Start);
        return this;
    }

    private IEpochSource Start(RunSettings settings, TrainExecution execution) => new Source(this, settings);

    private sealed class Source(SeededFakeEngine owner, RunSettings settings) : IEpochSource
    {
        private int _epoch;

        public EngineState CaptureState()
        {
            var state = new StateWriter();
            state.Integer("epoch", _epoch);
            return state.Build();
        }

        public void RestoreState(EngineState state) => _epoch = new StateReader(state).Int32("epoch");

        public EpochReport RunEpoch()
        {
            _epoch++;
            Interlocked.Increment(ref owner._epochsRun);
            if (owner.FailSeed == settings.Seed)
                throw new InvalidOperationException($"boom at seed {settings.Seed}");
            var value = ReturnOf(settings.Seed, _epoch, settings.Options.Lam);
            var finished = double.IsFinite(value);
            owner.AfterEpoch?.Invoke(_epoch);
            return new EpochReport
            {
                Epoch = _epoch,
                EnvSteps = (long)_epoch * settings.Options.StepsPerEpoch,
                Episodes = finished ? 1 : 0,
                ReturnMean = value,
                ReturnStd = finished ? 0 : double.NaN,
                ReturnMin = value,
                ReturnMax = value,
                LengthMean = finished ? 10 : double.NaN,
                Kl = 0.01,
                Entropy = 0.5,
                SurrogateImprovement = 0.1,
                Backtracks = 0,
                AcceptedStepFraction = 1,
                CgResidual = 1e-12,
                Curvature = 1,
                ValueLoss = 1,
                ExplainedVariance = 0,
            };
        }
    }
}
