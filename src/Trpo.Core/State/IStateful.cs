namespace Trpo.Core.State;

/// <summary>
/// A part of the engine whose mutable state must survive a checkpoint: parameters, optimiser moments, RNG
/// streams, environments, running statistics, counters. Capturing then restoring into a freshly constructed
/// twin must leave the twin computing exactly the bits the original would have computed.
/// </summary>
/// <remarks>
/// Scratch buffers that are overwritten before being read in every epoch (workspaces, batch arrays) are not
/// state. Whether a part forgot something is checked by the resume tests (a trainer restored from a captured
/// state must go on bit for bit like the uninterrupted one, on every environment and preset).
/// </remarks>
public interface IStateful
{
    /// <summary>Writes every piece of mutable state under its own name into <paramref name="state"/>.</summary>
    void CaptureState(StateWriter state);

    /// <summary>
    /// Reads back what <see cref="CaptureState"/> wrote; throws <see cref="IncompatibleStateException"/> when an entry
    /// is missing or has the wrong kind or length.
    /// </summary>
    void RestoreState(StateReader state);
}
