namespace Trpo.Cli.Batch;

/// <summary>How one run of a batch ended in this invocation.</summary>
public enum RunOutcomeKind
{
    /// <summary>Trained every epoch now.</summary>
    Completed,
    /// <summary>Had finished in an earlier invocation; left alone.</summary>
    AlreadyFinished,
    /// <summary>The run failed (the engine threw, or its folder could not be written); the others went on.</summary>
    Failed,
    /// <summary>Stopped by Ctrl+C/SIGTERM after a whole epoch; a re-run starts it again.</summary>
    Interrupted,
    /// <summary>Not started because the batch was interrupted first.</summary>
    NotStarted,
}

/// <summary>One run's outcome.</summary>
/// <param name="Run">The run.</param>
/// <param name="Kind">How it ended.</param>
/// <param name="Error">The failure's one-line message, for <see cref="RunOutcomeKind.Failed"/>.</param>
/// <param name="LastReturn">return_mean of its last epoch this invocation (NaN when none or unknown).</param>
/// <param name="WallTime">Wall time it took this invocation.</param>
public sealed record RunOutcome(PlannedRun Run, RunOutcomeKind Kind, string? Error, double LastReturn, TimeSpan WallTime);
