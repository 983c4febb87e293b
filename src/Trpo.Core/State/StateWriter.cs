namespace Trpo.Core.State;

/// <summary>
/// Collects state entries under dotted keys. <see cref="Scope"/> gives a writer whose keys are prefixed with a
/// component's name, so every component writes short names and the keys stay unique:
/// <c>root.Scope("value").Scope("adam").Doubles("m", m)</c> writes <c>value.adam.m</c>.
/// </summary>
public sealed class StateWriter
{
    private readonly List<StateEntry> _entries;
    private readonly string _prefix;

    /// <summary>An empty root writer.</summary>
    public StateWriter() : this([], "") { }

    private StateWriter(List<StateEntry> entries, string prefix) => (_entries, _prefix) = (entries, prefix);

    /// <summary>A writer for the part called <paramref name="name"/> (keys <c>{prefix}{name}.…</c>).</summary>
    public StateWriter Scope(string name) => new(_entries, Key(name) + ".");

    /// <summary>Captures <paramref name="part"/> under <paramref name="name"/>.</summary>
    public void Part(string name, IStateful part) => part.CaptureState(Scope(name));

    /// <summary>
    /// Every entry of <paramref name="captured"/> (a state a component wrote through a root writer) under this writer's
    /// prefix, as if the component had written them here: a part captured earlier can stand in for its live state.
    /// </summary>
    public void Entries(EngineState captured)
    {
        foreach (var entry in captured.Entries) _entries.Add(entry.WithKey(_prefix + entry.Key));
    }

    /// <summary>float64 values.</summary>
    public void Doubles(string name, ReadOnlySpan<double> values) => _entries.Add(StateEntry.Of(Key(name), values));
    /// <summary>One float64.</summary>
    public void Double(string name, double value) => Doubles(name, [value]);
    /// <summary>Signed integers.</summary>
    public void Integers(string name, ReadOnlySpan<long> values) => _entries.Add(StateEntry.Of(Key(name), values));
    /// <summary>One signed integer.</summary>
    public void Integer(string name, long value) => Integers(name, [value]);
    /// <summary>Unsigned 64-bit words.</summary>
    public void Words(string name, ReadOnlySpan<ulong> values) => _entries.Add(StateEntry.Of(Key(name), values));

    /// <summary>The state written so far (through this writer or any of its scopes).</summary>
    public EngineState Build() => new(_entries);

    private string Key(string name)
    {
        if (name.Length == 0 || name.Contains('.')) throw new ArgumentException($"state names are non-empty and have no '.': '{name}'", nameof(name));
        return _prefix + name;
    }
}
