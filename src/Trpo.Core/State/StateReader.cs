namespace Trpo.Core.State;

/// <summary>
/// Reads entries of an <see cref="EngineState"/> back by the names a <see cref="StateWriter"/> gave them, checking
/// kind and length, and remembers which ones were read so that <see cref="RequireAllRead"/> can reject a state
/// holding entries nobody restored (it belongs to another engine layout).
/// </summary>
public sealed class StateReader
{
    private readonly EngineState _state;
    private readonly HashSet<string> _read;
    private readonly string _prefix;

    /// <summary>A root reader over <paramref name="state"/>.</summary>
    public StateReader(EngineState state) : this(state, new HashSet<string>(StringComparer.Ordinal), "") { }

    private StateReader(EngineState state, HashSet<string> read, string prefix) => (_state, _read, _prefix) = (state, read, prefix);

    /// <summary>A reader for the part called <paramref name="name"/>.</summary>
    public StateReader Scope(string name) => new(_state, _read, _prefix + name + ".");

    /// <summary>Restores <paramref name="part"/> from the entries under <paramref name="name"/>.</summary>
    public void Part(string name, IStateful part) => part.RestoreState(Scope(name));

    /// <summary>Copies the float64 entry <paramref name="name"/> into <paramref name="destination"/>, whose length it must have.</summary>
    public void Doubles(string name, Span<double> destination) => Entry(name, StateKind.Float64, destination.Length).Doubles.CopyTo(destination);
    /// <summary>The float64 entry <paramref name="name"/>, any length.</summary>
    public double[] Doubles(string name) => Entry(name, StateKind.Float64, null).Doubles.ToArray();
    /// <summary>The one-value float64 entry <paramref name="name"/>.</summary>
    public double Double(string name) => Entry(name, StateKind.Float64, 1).Doubles[0];
    /// <summary>Copies the integer entry <paramref name="name"/> into <paramref name="destination"/>, whose length it must have.</summary>
    public void Integers(string name, Span<long> destination) => Entry(name, StateKind.Int64, destination.Length).Integers.CopyTo(destination);
    /// <summary>The one-value integer entry <paramref name="name"/>.</summary>
    public long Integer(string name) => Entry(name, StateKind.Int64, 1).Integers[0];
    /// <summary>The one-value integer entry <paramref name="name"/>, which must fit an int.</summary>
    public int Int32(string name)
    {
        long value = Integer(name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new IncompatibleStateException($"state entry '{_prefix}{name}' = {value} does not fit a 32-bit integer");
    }
    /// <summary>Copies the word entry <paramref name="name"/> into <paramref name="destination"/>, whose length it must have.</summary>
    public void Words(string name, Span<ulong> destination) => Entry(name, StateKind.UInt64, destination.Length).Words.CopyTo(destination);

    /// <summary>Throws <see cref="IncompatibleStateException"/> when some entry of the state was never read.</summary>
    public void RequireAllRead()
    {
        var unread = _state.Entries.Where(e => !_read.Contains(e.Key)).Select(e => e.Key).ToList();
        if (unread.Count > 0)
            throw new IncompatibleStateException($"the state holds entries this engine does not have: {string.Join(", ", unread.Take(5))}{(unread.Count > 5 ? ", ..." : "")}");
    }

    private StateEntry Entry(string name, StateKind kind, int? length)
    {
        var key = _prefix + name;
        var entry = _state.Find(key) ?? throw new IncompatibleStateException($"the state has no entry '{key}'");
        if (entry.Kind != kind)
            throw new IncompatibleStateException($"state entry '{key}' holds {entry.Kind} values, expected {kind}");
        if (length is { } expected && entry.Length != expected)
            throw new IncompatibleStateException($"state entry '{key}' has {entry.Length} values, expected {expected}");
        _read.Add(key);
        return entry;
    }
}
