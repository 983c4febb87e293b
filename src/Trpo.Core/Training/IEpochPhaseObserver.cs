namespace Trpo.Core.Training;

/// <summary>
/// Told when each phase of an epoch starts and ends, so that a host can time the phases (<c>trpo bench</c>).
/// The engine passes nothing back and reads nothing from it: an observer cannot change a computed bit, and
/// wall time never enters the engine's data or its trace. With more than one thread and a minibatch critic the
/// policy step and the critic run side by side: their calls may come from two threads at once and overlap.
/// </summary>
public interface IEpochPhaseObserver
{
    /// <summary>Called just before <paramref name="phase"/> starts.</summary>
    void PhaseStarted(EpochPhase phase);

    /// <summary>Called just after <paramref name="phase"/> ended.</summary>
    void PhaseEnded(EpochPhase phase);
}
