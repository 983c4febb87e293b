namespace Trpo.Core.Environments;

/// <summary>The built-in environments by id.</summary>
public static class EnvironmentRegistry
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<IEnvironment>> Factories = new(
        new Dictionary<string, Func<IEnvironment>>
        {
            [Acrobot.Id] = () => new Acrobot(),
            [CartPole.Id] = () => new CartPole(),
            [CartPoleSwingUp.Id] = () => new CartPoleSwingUp(),
            [Lqr.Id] = () => new Lqr(),
            [MountainCar.Id] = () => new MountainCar(),
            [MountainCarContinuous.Id] = () => new MountainCarContinuous(),
            [Pendulum.Id] = () => new Pendulum(),
            [Reacher2D.Id] = () => new Reacher2D(),
        }, StringComparer.Ordinal);

    /// <summary>The known ids, in a stable (ordinal) order.</summary>
    public static IReadOnlyList<string> Ids => Factories.Keys.Where(k => !k.StartsWith(TestPrefix, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>Ids of environments registered by tests start with this and are not listed in <see cref="Ids"/>.</summary>
    internal const string TestPrefix = "Test/";

    /// <summary>Registers a test environment (id must start with <see cref="TestPrefix"/>); for fault-injection tests.</summary>
    internal static void RegisterForTests(string id, Func<IEnvironment> factory)
    {
        if (!id.StartsWith(TestPrefix, StringComparison.Ordinal)) throw new ArgumentException($"test environment ids start with '{TestPrefix}'", nameof(id));
        Factories[id] = factory;
    }

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
