using System.Runtime.InteropServices;
using Trpo.Core.State;

namespace Trpo.Core.Training;

/// <summary>
/// The next epoch's batch, collected while this epoch's value fit is still running. Step 1 of epoch t + 1 (the
/// rollout) needs only θ_{t+1}, which the policy step of epoch t has just produced; the value fit of epoch t (the longer
/// half of an <c>sb3</c> epoch) reads only epoch t's batch. So on two threads the thread that finished the policy step
/// collects the next batch into a second buffer instead of waiting. The collection is exactly the one the next epoch
/// would make (same θ, same environments, same random streams), so every bit is unchanged; only the time it starts moves.
/// </summary>
/// <remarks>
/// Between epochs the trainer's state must stay "after epoch t": <see cref="CollectorBefore"/> holds the collector as it
/// was before collecting ahead, which checkpoints record instead of the advanced collector. A batch is used only with
/// the θ it was collected with: if the parameters changed in between (a caller wrote them), or the trainer was restored,
/// the collector is put back and the next epoch collects as usual. If collecting ahead fails (an environment throws),
/// the collector is put back too and the failure surfaces where it would have: in the next epoch's own rollout.
/// </remarks>
internal sealed class RolloutAhead
{
    private RolloutBatch _spare;
    private readonly double[] _theta;
    private EngineState? _collectorBefore;

    /// <summary>A spare batch shaped as <paramref name="shape"/> and room for θ of <paramref name="parameterCount"/> values.</summary>
    public RolloutAhead(RolloutBatch shape, int parameterCount)
    {
        _spare = new RolloutBatch(shape.Environments, shape.StepsPerEnvironment, shape.ObservationSize, shape.ActionWidth);
        _theta = new double[parameterCount];
    }

    /// <summary>Largest batch collected ahead: the spare buffer doubles the batch's memory, which matters only for huge batches.</summary>
    public const int MaxRows = 1 << 16;

    /// <summary>The collector's state before the batch in waiting was collected (null when none waits).</summary>
    public IStateful? CollectorBefore => _collectorBefore is { } state ? new CapturedPart(state) : null;

    /// <summary>
    /// Collects the next epoch's batch with <paramref name="theta"/> into the spare buffer. On failure the collector is put
    /// back as it was and nothing waits.
    /// </summary>
    public void Collect(RolloutCollector collector, double[] theta)
    {
        var before = new StateWriter();
        collector.CaptureState(before);
        var state = before.Build();
        try
        {
            collector.Collect(theta, _spare);
        }
        catch (Exception)
        {
            collector.RestoreState(new StateReader(state));
            return;
        }
        theta.CopyTo(_theta, 0);
        _collectorBefore = state;
    }

    /// <summary>
    /// When a batch waits and was collected with exactly <paramref name="theta"/> (every bit), swaps it with
    /// <paramref name="batch"/> (whose buffer becomes the spare) and returns true. Otherwise puts the collector back, if a
    /// batch waited, and returns false: the caller collects as usual.
    /// </summary>
    public bool TryTake(RolloutCollector collector, ReadOnlySpan<double> theta, ref RolloutBatch batch)
    {
        if (_collectorBefore is not { } before) return false;
        _collectorBefore = null;
        if (!BitwiseEqual(theta, _theta))
        {
            collector.RestoreState(new StateReader(before));
            return false;
        }
        // the batch collected ahead becomes this epoch's; the old one's buffers become the spare
        (batch, _spare) = (_spare, batch);
        return true;
    }

    /// <summary>Forgets a waiting batch without touching the collector (the caller is about to restore it anyway).</summary>
    public void Drop() => _collectorBefore = null;

    private static bool BitwiseEqual(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        => a.Length == b.Length && MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    /// <summary>A part that writes a state captured earlier through a root writer (restoring into it is never needed).</summary>
    private sealed class CapturedPart(EngineState state) : IStateful
    {
        public void CaptureState(StateWriter writer) => writer.Entries(state);
        public void RestoreState(StateReader reader) => throw new InvalidOperationException("a captured part is written, not restored");
    }
}
