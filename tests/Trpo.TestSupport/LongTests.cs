namespace Trpo.TestSupport;

/// <summary>
/// Long-running checks (full learning runs at published budgets) stay out of the default test run: they are
/// reported as skipped unless the environment variable <c>TRPO_LONG_TESTS</c> is <c>1</c>.
/// Run them with <c>TRPO_LONG_TESTS=1 dotnet test Trpo.Repro.sln -c Release --filter Category=Long</c>.
/// </summary>
public static class LongTests
{
    /// <summary>The variable that switches the long tests on.</summary>
    public const string Variable = "TRPO_LONG_TESTS";

    /// <summary>The trait category every long test carries.</summary>
    public const string Category = "Long";

    /// <summary>True when the long tests were asked for.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The skip reason when they were not.</summary>
    public static string? SkipReason => Enabled ? null : $"long test: set {Variable}=1 to run it";
}

/// <summary>A <see cref="Xunit.FactAttribute"/> that runs only when <see cref="LongTests.Enabled"/>; mark the test <c>[Trait("Category", "Long")]</c> too.</summary>
public sealed class LongFactAttribute : Xunit.FactAttribute
{
    /// <summary>Skips unless <c>TRPO_LONG_TESTS=1</c>.</summary>
    public LongFactAttribute() => Skip = LongTests.SkipReason!;
}

/// <summary>A <see cref="Xunit.TheoryAttribute"/> that runs only when <see cref="LongTests.Enabled"/>; mark the test <c>[Trait("Category", "Long")]</c> too.</summary>
public sealed class LongTheoryAttribute : Xunit.TheoryAttribute
{
    /// <summary>Skips unless <c>TRPO_LONG_TESTS=1</c>.</summary>
    public LongTheoryAttribute() => Skip = LongTests.SkipReason!;
}
