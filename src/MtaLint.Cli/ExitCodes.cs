namespace MtaLint.Cli;

/// <summary>The exit codes scripts depend on (DESIGN.md, README "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>No finding at or above <c>--fail-on</c>; with <c>--diff</c>: nothing to change.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above <c>--fail-on</c>; with <c>--diff</c>: the diff is not empty.</summary>
    public const int Findings = 1;

    /// <summary>Usage error, unreadable or unparsable input (MTA000), a file not written, an internal error.</summary>
    public const int Error = 2;
}
