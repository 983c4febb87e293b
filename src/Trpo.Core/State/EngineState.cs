namespace Trpo.Core.State;

/// <summary>
/// Everything a trainer needs to go on exactly where it stopped, as plain data: an ordered list of named entries
/// (<see cref="StateEntry"/>) that the host can serialise however it likes. Built by <see cref="StateWriter"/>,
/// consumed by <see cref="StateReader"/>; value equality compares every bit.
/// </summary>
public sealed class EngineState : IEquatable<EngineState>
{
    private readonly Dictionary<string, StateEntry> _byKey;

    /// <summary>A state of <paramref name="entries"/>; keys must be unique.</summary>
    public EngineState(IEnumerable<StateEntry> entries)
    {
        Entries = entries.ToArray();
        _byKey = new Dictionary<string, StateEntry>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (!_byKey.TryAdd(entry.Key, entry))
                throw new ArgumentException($"state key '{entry.Key}' appears twice", nameof(entries));
        }
    }

    /// <summary>The entries in capture order.</summary>
    public IReadOnlyList<StateEntry> Entries { get; }

    /// <summary>The entry called <paramref name="key"/>, or null.</summary>
    public StateEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// A one-line description of the first difference from <paramref name="other"/> (a key only one side has, a kind
    /// or length that differs, or the first value whose bits differ), or null when the two are equal.
    /// </summary>
    public string? FirstDifference(EngineState other)
    {
        foreach (var entry in Entries)
        {
            var twin = other.Find(entry.Key);
            if (twin is null) return $"'{entry.Key}' is missing from the other state";
            if (twin.Kind != entry.Kind || twin.Length != entry.Length) return $"'{entry.Key}' is {entry} here and {twin} there";
            int index = entry.FirstDifference(twin);
            if (index >= 0) return $"'{entry.Key}' differs first at index {index}";
        }
        var extra = other.Entries.FirstOrDefault(e => Find(e.Key) is null);
        return extra is null ? null : $"'{extra.Key}' is only in the other state";
    }

    /// <inheritdoc />
    public bool Equals(EngineState? other) => other is not null && FirstDifference(other) is null;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EngineState);

    /// <inheritdoc />
    public override int GetHashCode() => Entries.Count;
}
