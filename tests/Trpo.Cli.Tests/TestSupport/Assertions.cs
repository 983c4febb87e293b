namespace Trpo.Cli.Tests.TestSupport;

/// <summary>Shared checks on command outcomes.</summary>
public static class Assertions
{
    /// <summary>The run was rejected as bad input: exit 2, exactly one stderr line, equal to <paramref name="expectedLine"/>.</summary>
    public static void RejectedWith(CliResult result, string expectedLine)
    {
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal([expectedLine], result.ErrorLines);
    }

    /// <summary>
    /// The configuration was accepted (the exit code is not 2 and stderr has no input error). Whether the run
    /// itself then succeeds is the engine's business and is tested in TrainEndToEndTests.
    /// </summary>
    public static void InputAccepted(CliResult result)
    {
        Assert.NotEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.DoesNotContain(result.ErrorLines, l => !l.StartsWith("error: training failed", StringComparison.Ordinal) && l.StartsWith("error: ", StringComparison.Ordinal));
    }
}
