namespace Trpo.Core.Environments;

/// <summary>
/// The checks every <see cref="IEnvironment.SetState"/> makes before taking a state: the length of
/// <see cref="EnvironmentSpec.StateNames"/>, finite elements, and a step count that leaves the episode steppable.
/// </summary>
internal static class StateChecks
{
    /// <exception cref="ArgumentException"><paramref name="state"/> has the wrong length or a non-finite element.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsedSteps"/> is outside [0, MaxEpisodeSteps).</exception>
    public static void RequireSteppable(EnvironmentSpec spec, ReadOnlySpan<double> state, int elapsedSteps)
    {
        int size = spec.StateNames.Count;
        if (state.Length != size)
        {
            throw new ArgumentException($"{spec.Id} state has {size} elements [{string.Join(", ", spec.StateNames)}]; got {state.Length}.", nameof(state));
        }
        for (int i = 0; i < size; i++)
        {
            if (!double.IsFinite(state[i]))
            {
                throw new ArgumentException($"{spec.Id} state element {i} is {state[i]}; it must be finite.", nameof(state));
            }
        }
        if (elapsedSteps < 0 || elapsedSteps >= spec.MaxEpisodeSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(elapsedSteps), elapsedSteps, $"must lie in [0, {spec.MaxEpisodeSteps}) for the episode to be steppable.");
        }
    }
}
