namespace Trpo.Cli.Output;

/// <summary>How a run ended, as summary.json's <c>status</c> records it.</summary>
public enum RunStatus
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,
    /// <summary>Stopped early by Ctrl+C or SIGTERM, after a whole epoch.</summary>
    Interrupted,
    /// <summary>The engine threw; progress.csv holds the epochs that finished.</summary>
    Failed,
}
