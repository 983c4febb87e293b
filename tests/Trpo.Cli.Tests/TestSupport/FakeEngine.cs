using Microsoft.Extensions.DependencyInjection;
using Trpo.Cli.Commands;
using Trpo.Cli.Configuration;
using Trpo.Core.State;
using Trpo.Core.Training;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// A stand-in for the engine that produces fixed, known reports, so the host's handling of epochs (CSV rows,
/// summary, console lines, interruption, failures) is tested without the TRPO implementation.
/// Epoch k has k * steps_per_epoch steps and return_mean 10.5 k; even epochs finish no episode (NaN returns)
/// and skip the policy step with a reason containing a comma.
/// </summary>
public sealed class FakeEngine : IEpochSource
{
    private readonly RunSettings _settings;
    private readonly FakeEngineOptions _options;
    private int _epoch;

    private FakeEngine(RunSettings settings, FakeEngineOptions options) => (_settings, _options) = (settings, options);

    /// <summary>Installs a fake engine with <paramref name="options"/> into the workspace's host.</summary>
    public static void Install(Workspace workspace, FakeEngineOptions? options = null)
        => workspace.Services = services =>
            services.AddSingleton<EpochSourceFactory>((settings, _) => new FakeEngine(settings, options ?? new FakeEngineOptions()));

    /// <summary>The report the fake gives for epoch <paramref name="epoch"/> of a run with <paramref name="stepsPerEpoch"/>.</summary>
    public static EpochReport ReportFor(int epoch, int stepsPerEpoch)
    {
        var finished = epoch % 2 == 1;
        return new EpochReport
        {
            Epoch = epoch,
            EnvSteps = (long)epoch * stepsPerEpoch,
            Episodes = finished ? 2 : 0,
            ReturnMean = finished ? 10.5 * epoch : double.NaN,
            ReturnStd = finished ? 1.25 : double.NaN,
            ReturnMin = finished ? 10.5 * epoch - 1.25 : double.NaN,
            ReturnMax = finished ? 10.5 * epoch + 1.25 : double.NaN,
            LengthMean = finished ? 32 : double.NaN,
            Kl = finished ? 0.0087 : 0,
            Entropy = 0.6931471805599453,
            SurrogateImprovement = finished ? 0.1 + 0.2 : 0,
            Backtracks = finished ? 1 : 10,
            AcceptedStepFraction = finished ? 0.8 : 0,
            CgResidual = 1e-11,
            Curvature = finished ? 0.02 : -1.5,
            ValueLoss = 12.3,
            ExplainedVariance = -0.5,
            SkipReason = finished ? null : "curvature <= 0, step skipped",
        };
    }

    /// <inheritdoc />
    public EngineState CaptureState()
    {
        var state = new StateWriter();
        state.Integer("epoch", _epoch);
        return state.Build();
    }

    /// <inheritdoc />
    public void RestoreState(EngineState state)
    {
        var reader = new StateReader(state);
        _epoch = reader.Int32("epoch");
        reader.RequireAllRead();
    }

    /// <inheritdoc />
    public EpochReport RunEpoch()
    {
        _epoch++;
        if (_options.FailAtEpoch == _epoch)
            throw new InvalidOperationException("boom");
        var report = ReportFor(_epoch, _settings.Options.StepsPerEpoch);
        _options.AfterEpoch?.Invoke(_epoch);
        return report;
    }
}

/// <summary>How the fake engine misbehaves.</summary>
/// <param name="FailAtEpoch">The epoch whose RunEpoch throws, or null.</param>
/// <param name="AfterEpoch">Called with the epoch number as each epoch ends (e.g. to cancel the run).</param>
public sealed record FakeEngineOptions(int? FailAtEpoch = null, Action<int>? AfterEpoch = null);
