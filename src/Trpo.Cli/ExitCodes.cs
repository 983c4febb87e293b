namespace Trpo.Cli;

/// <summary>The process exit codes of <c>trpo</c>; scripts and batch runners may rely on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure: the engine or the file system failed after the input was accepted.</summary>
    public const int RuntimeFailure = 1;

    /// <summary><c>trpo golden verify</c>: at least one trace differs from its golden (or is new, or a golden is dangling).</summary>
    public const int GoldenMismatch = 1;

    /// <summary>Bad input or usage: unknown key, wrong type, invalid value, existing run folder, ...; nothing was run.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// <c>trpo batch</c> / <c>trpo reproduce</c>: at least one run failed while the others ran; <c>trpo aggregate</c>: some planned
    /// runs are missing or unfinished (the outputs cover the finished ones).
    /// </summary>
    public const int RunsFailed = 4;

    /// <summary>Interrupted (Ctrl+C or SIGTERM): the run stopped after the current epoch; 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
