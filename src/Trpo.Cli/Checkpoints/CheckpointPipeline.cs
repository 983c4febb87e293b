namespace Trpo.Cli.Checkpoints;

/// <summary>
/// Writes each epoch's checkpoint (and, every few epochs, the refreshed plots) on a pool thread while the next epoch
/// computes, one checkpoint at a time.
/// Turning an sb3 run's ~18,000 parameters and optimiser moments into shortest round-trip text, hashing and syncing
/// them costs 5–7 ms, a quarter of a 25 ms epoch, and needs nothing of the next epoch but the state already captured.
/// </summary>
/// <remarks>
/// The order on disk is the one the train loop had when it saved in line: <see cref="Begin"/> and <see cref="Wait"/>
/// finish the previous checkpoint first, and the loop waits before it appends the next epoch's progress.csv row, so
/// progress.csv is never more than one row ahead of the newest checkpoint and every test-hook point sees the files it
/// saw before. What changes is only how much a kill can cost: the epoch in flight and, at most, the one whose
/// checkpoint was being written (a resume computes both again, to the same bytes).
/// </remarks>
public sealed class CheckpointPipeline(CheckpointStore store, int lastSaved)
{
    private Task? _pending;
    private int _pendingEpoch;

    /// <summary>The epoch of the newest checkpoint known to be completely written (0: none).</summary>
    public int LastSaved { get; private set; } = lastSaved;

    /// <summary>
    /// Finishes the checkpoint being written (rethrowing its failure), then starts writing <paramref name="checkpoint"/>
    /// and, once it is in place, runs <paramref name="then"/> on the same thread (the train loop's plot refresh, which
    /// must not throw and is waited for with the checkpoint).
    /// </summary>
    public void Begin(Checkpoint checkpoint, Action? then = null)
    {
        Wait();
        _pendingEpoch = checkpoint.Epoch;
        _pending = Task.Run(() =>
        {
            store.Save(checkpoint);
            then?.Invoke();
        });
    }

    /// <summary>
    /// Blocks until the checkpoint being written, if any, is in place; rethrows what stopped it (an
    /// <see cref="IOException"/> for a full disk), in which case <see cref="LastSaved"/> stays where it was.
    /// </summary>
    public void Wait()
    {
        if (_pending is not { } pending) return;
        _pending = null;
        pending.GetAwaiter().GetResult();
        LastSaved = _pendingEpoch;
    }

    /// <summary>
    /// <see cref="Wait"/> on a path that is already failing: a file error of the checkpoint is dropped (the error being
    /// reported is the first one), anything else still propagates.
    /// </summary>
    public void WaitAfterFailure()
    {
        try { Wait(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* the failure already under way is the one to report */ }
    }
}
