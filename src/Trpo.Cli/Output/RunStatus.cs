namespace Trpo.Cli.Output;

/// <summary>How a run ended, as summary.json's <c>status</c> records it (<see cref="RunStatusNames"/>).</summary>
public enum RunStatus
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,
    /// <summary>Stopped early by Ctrl+C or SIGTERM, after a whole epoch.</summary>
    Interrupted,
    /// <summary>The engine threw, or a run file could not be written; progress.csv holds the epochs that finished.</summary>
    Failed,
    /// <summary><c>--fail-on-nonfinite</c>: an epoch met a numerical fault and the run stopped after it.</summary>
    NumericalFault,
}

/// <summary>The <c>status</c> text of each <see cref="RunStatus"/>.</summary>
public static class RunStatusNames
{
    /// <summary><c>completed</c>, <c>interrupted</c>, <c>failed</c>, <c>numerical_fault</c>.</summary>
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.NumericalFault => "numerical_fault",
        _ => status.ToString().ToLowerInvariant(),
    };
}
