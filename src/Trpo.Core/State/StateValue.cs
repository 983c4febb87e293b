namespace Trpo.Core.State;

/// <summary>The kind of a state entry: what its values are and how a checkpoint stores them exactly.</summary>
public enum StateKind
{
    /// <summary>float64 values (parameters, moments, environment state, observations); compared and stored by their bits.</summary>
    Float64,
    /// <summary>Signed 64-bit integers (counters, step counts).</summary>
    Int64,
    /// <summary>Unsigned 64-bit words (RNG state).</summary>
    UInt64,
}

/// <summary>
/// One named entry of an <see cref="EngineState"/>: a flat array of one kind. Immutable once built (the arrays are
/// copies the entry owns); two entries are equal when key, kind and every bit agree (so NaN equals NaN, 0 ≠ −0).
/// </summary>
public sealed class StateEntry : IEquatable<StateEntry>
{
    private readonly double[] _doubles;
    private readonly long[] _integers;
    private readonly ulong[] _words;

    private StateEntry(string key, StateKind kind, double[] doubles, long[] integers, ulong[] words)
        => (Key, Kind, _doubles, _integers, _words) = (key, kind, doubles, integers, words);

    /// <summary>An entry of float64 values (copied).</summary>
    public static StateEntry Of(string key, ReadOnlySpan<double> values) => new(key, StateKind.Float64, values.ToArray(), [], []);
    /// <summary>An entry of signed integers (copied).</summary>
    public static StateEntry Of(string key, ReadOnlySpan<long> values) => new(key, StateKind.Int64, [], values.ToArray(), []);
    /// <summary>An entry of unsigned words (copied).</summary>
    public static StateEntry Of(string key, ReadOnlySpan<ulong> values) => new(key, StateKind.UInt64, [], [], values.ToArray());

    /// <summary>This entry's values under another key (the arrays are immutable, so they are shared).</summary>
    internal StateEntry WithKey(string key) => new(key, Kind, _doubles, _integers, _words);

    /// <summary>Dotted path of the entry, e.g. <c>value.adam.m</c>.</summary>
    public string Key { get; }
    /// <summary>What the values are.</summary>
    public StateKind Kind { get; }
    /// <summary>Number of values.</summary>
    public int Length => Kind switch { StateKind.Float64 => _doubles.Length, StateKind.Int64 => _integers.Length, _ => _words.Length };
    /// <summary>The float64 values (empty unless <see cref="Kind"/> is <see cref="StateKind.Float64"/>).</summary>
    public ReadOnlySpan<double> Doubles => _doubles;
    /// <summary>The integers (empty unless <see cref="Kind"/> is <see cref="StateKind.Int64"/>).</summary>
    public ReadOnlySpan<long> Integers => _integers;
    /// <summary>The words (empty unless <see cref="Kind"/> is <see cref="StateKind.UInt64"/>).</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>Index of the first value whose bits differ from <paramref name="other"/>'s, −1 when all agree (lengths must agree).</summary>
    public int FirstDifference(StateEntry other)
    {
        if (Kind != other.Kind || Length != other.Length) return 0;
        for (int i = 0; i < Length; i++)
        {
            bool same = Kind switch
            {
                StateKind.Float64 => BitConverter.DoubleToInt64Bits(_doubles[i]) == BitConverter.DoubleToInt64Bits(other._doubles[i]),
                StateKind.Int64 => _integers[i] == other._integers[i],
                _ => _words[i] == other._words[i],
            };
            if (!same) return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public bool Equals(StateEntry? other)
        => other is not null && Key == other.Key && Kind == other.Kind && Length == other.Length && FirstDifference(other) < 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StateEntry);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Kind, Length);

    /// <inheritdoc />
    public override string ToString() => $"{Key} ({Kind}[{Length}])";
}
