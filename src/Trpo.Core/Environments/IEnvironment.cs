using Trpo.Core.Numerics;

namespace Trpo.Core.Environments;

/// <summary>
/// A single-agent episodic environment with Gymnasium's step semantics, its time limit built in.
/// Implementations keep their state in float64 and return observations rounded to float32, as Gymnasium does.
/// </summary>
public interface IEnvironment
{
    /// <summary>Spaces, time limit and reward threshold.</summary>
    EnvironmentSpec Spec { get; }

    /// <summary>Steps taken in the current episode.</summary>
    int ElapsedSteps { get; }

    /// <summary>
    /// Starts a new episode, drawing the start state from <paramref name="random"/> with exactly the draws
    /// Gymnasium's <c>reset</c> makes from its <c>np_random</c>, and writes the first observation. Given a
    /// <see cref="NumPyGenerator"/> seeded with s, the first reset returns the start state of Gymnasium's
    /// <c>reset(seed=s)</c> and later resets those of Gymnasium's later <c>reset()</c> calls.
    /// </summary>
    void Reset(IRandomSource random, Span<double> observation);

    /// <summary>
    /// Applies <paramref name="action"/> (for discrete spaces a single element holding the action index) and
    /// writes the next observation. Throws <see cref="InvalidOperationException"/> when the episode is over
    /// (or was never reset) and <see cref="ArgumentOutOfRangeException"/> for an invalid discrete action.
    /// </summary>
    StepResult Step(ReadOnlySpan<double> action, Span<double> observation);

    /// <summary>The full internal state (float64), for checkpoints and tests.</summary>
    double[] GetState();

    /// <summary>Puts the environment into <paramref name="state"/> with <paramref name="elapsedSteps"/> steps taken, ready to step.</summary>
    void SetState(ReadOnlySpan<double> state, int elapsedSteps);

    /// <summary>
    /// Writes the observation of the current state (what the last Reset or Step wrote, or what a state set by
    /// <see cref="SetState"/> looks like). Environments that cannot throw <see cref="NotSupportedException"/>.
    /// </summary>
    void Observe(Span<double> observation)
        => throw new NotSupportedException($"{Spec.Id} cannot write the observation of its current state");
}
