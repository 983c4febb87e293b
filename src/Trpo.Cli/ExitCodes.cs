namespace Trpo.Cli;

/// <summary>The process exit codes of <c>trpo</c>; scripts and batch runners may rely on them. The README's table mirrors this list.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure: the engine failed after the input was accepted.</summary>
    public const int RuntimeFailure = 1;

    /// <summary><c>trpo golden verify</c>: at least one trace differs from its golden (or is new, or a golden is dangling).</summary>
    public const int GoldenMismatch = 1;

    /// <summary>Bad input or usage: unknown key, wrong type, invalid value, existing run folder, unusable checkpoint, ...; nothing was run.</summary>
    public const int BadInput = 2;

    /// <summary><c>--fail-on-nonfinite</c>: a numerical fault (non-finite reward, gradient or curvature) stopped the run; a diagnostic trace was written.</summary>
    public const int NumericalFault = 3;

    /// <summary>
    /// <c>trpo batch</c> / <c>trpo reproduce</c>: at least one run failed while the others ran; <c>trpo aggregate</c>: some planned
    /// runs are missing or unfinished (the outputs cover the finished ones).
    /// </summary>
    public const int RunsFailed = 4;

    /// <summary>A run-folder file could not be written (disk full, no permission); what was written before is intact and the run resumes from its last checkpoint. EX_IOERR of sysexits.h.</summary>
    public const int OutputFailure = 74;

    /// <summary>Interrupted by Ctrl+C (SIGINT): the run stopped after the current epoch; 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: the run stopped after the current epoch; 128 + 15, as shells report it.</summary>
    public const int Terminated = 143;
}
