using System.Diagnostics;
using Trpo.Core.Training;

namespace Trpo.Cli.Commands;

/// <summary>
/// Times the phases of each epoch for <c>trpo bench</c> (the trainer's <see cref="IEpochPhaseObserver"/> seam): wall
/// time stays in the host and never reaches the engine's data.
/// </summary>
public sealed class PhaseStopwatch : IEpochPhaseObserver
{
    private readonly long[] _started = new long[Phases.Count];

    /// <summary>The phases, in epoch order.</summary>
    public static IReadOnlyList<EpochPhase> Phases { get; } = Enum.GetValues<EpochPhase>();

    /// <summary>Milliseconds of each phase, one entry per epoch observed.</summary>
    public IReadOnlyDictionary<EpochPhase, List<double>> Milliseconds { get; } = Enum.GetValues<EpochPhase>().ToDictionary(p => p, _ => new List<double>());

    /// <inheritdoc />
    public void PhaseStarted(EpochPhase phase) => _started[(int)phase] = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public void PhaseEnded(EpochPhase phase) => Milliseconds[phase].Add(Stopwatch.GetElapsedTime(_started[(int)phase]).TotalMilliseconds);

    /// <summary>Forgets what was timed so far (after the warm-up epochs).</summary>
    public void Clear()
    {
        foreach (var list in Milliseconds.Values) list.Clear();
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
