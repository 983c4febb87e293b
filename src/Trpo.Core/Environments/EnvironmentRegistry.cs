namespace Trpo.Core.Environments;

/// <summary>The built-in environments by id.</summary>
public static class EnvironmentRegistry
{
    private static readonly Dictionary<string, Func<IEnvironment>> Factories = new(StringComparer.Ordinal)
    {
        ["CartPole-v1"] = () => new CartPole(),
        ["Pendulum-v1"] = () => new Pendulum(),
    };

    /// <summary>The known ids, in a stable (ordinal) order.</summary>
    public static IReadOnlyList<string> Ids { get; } = Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>True when <paramref name="id"/> names a built-in environment (exact, case-sensitive).</summary>
    public static bool Contains(string id) => Factories.ContainsKey(id);

    /// <summary>A fresh instance of environment <paramref name="id"/>; throws <see cref="KeyNotFoundException"/> for unknown ids.</summary>
    public static IEnvironment Create(string id)
        => Factories.TryGetValue(id, out var factory)
            ? factory()
            : throw new KeyNotFoundException($"unknown environment '{id}'; known: {string.Join(", ", Ids)}");

    /// <summary>The spec of environment <paramref name="id"/>.</summary>
    public static EnvironmentSpec SpecOf(string id) => Create(id).Spec;
}
