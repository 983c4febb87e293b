namespace Trpo.Core.State;

/// <summary>An <see cref="IStateful"/> from two delegates, for state that lives in fields of a larger object (counters).</summary>
public sealed class StatefulPart(Action<StateWriter> capture, Action<StateReader> restore) : IStateful
{
    /// <inheritdoc />
    public void CaptureState(StateWriter state) => capture(state);

    /// <inheritdoc />
    public void RestoreState(StateReader state) => restore(state);

    /// <summary>A parameter vector held in a fixed-length array: one entry <paramref name="name"/>, restored in place.</summary>
    public static StatefulPart Vector(string name, double[] values)
        => new(w => w.Doubles(name, values), r => r.Doubles(name, values));
}
