namespace Trpo.Cli.Checkpoints;

/// <summary>The keys on which two resolved configurations differ, one line per key: <c>delta: 0.01 -> 0.02</c>.</summary>
public static class ConfigDiff
{
    /// <summary>Marks a key one side does not have.</summary>
    public const string Absent = "(absent)";

    /// <summary>
    /// The differences from <paramref name="before"/> to <paramref name="after"/> (both key → compact JSON value),
    /// sorted by key; empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Lines(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
        => before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(key => (key, was: before.GetValueOrDefault(key), now: after.GetValueOrDefault(key)))
            .Where(d => !string.Equals(d.was, d.now, StringComparison.Ordinal))
            .Select(d => $"{d.key}: {d.was ?? Absent} -> {d.now ?? Absent}")
            .ToList();
}
