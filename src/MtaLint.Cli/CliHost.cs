using MtaLint.Dialects;
using MtaLint.Engine;

namespace MtaLint.Cli;

/// <summary>What the CLI needs to know about where it runs; tests pass their own.</summary>
/// <param name="StdoutIsTerminal">Standard output is a terminal (colour is then on unless <c>NO_COLOR</c> is set).</param>
/// <param name="NoColor">The value of <c>NO_COLOR</c>; any non-empty value turns colour off (https://no-color.org).</param>
/// <param name="Dialects">The dialects to read configs with; null for <see cref="DialectRegistry.All"/>.</param>
/// <param name="Rules">The rules to run; null for <see cref="RuleSet.Default"/> (built only when a run lints).</param>
/// <param name="TerminalWidth">Columns of the terminal standard output is, for wrapping long messages; null when unknown or not a terminal.</param>
/// <param name="StandardInput">Opens standard input (<c>mtalint -</c>); null: the process's.</param>
public sealed record CliHost(
    bool StdoutIsTerminal = false,
    string? NoColor = null,
    IReadOnlyList<IDialect>? Dialects = null,
    RuleSet? Rules = null,
    int? TerminalWidth = null,
    Func<Stream>? StandardInput = null)
{
    public static CliHost FromConsole()
    {
        var terminal = !Console.IsOutputRedirected;
        return new(terminal, Environment.GetEnvironmentVariable("NO_COLOR"), TerminalWidth: terminal ? ConsoleWidth() : null);
    }

    public bool UseColor => StdoutIsTerminal && string.IsNullOrEmpty(NoColor);

    public IReadOnlyList<IDialect> AllDialects => Dialects ?? DialectRegistry.All;

    public RuleSet RuleSet => Rules ?? RuleSet.Default;

    public Stream OpenStandardInput() => StandardInput?.Invoke() ?? Console.OpenStandardInput();

    /// <summary>
    /// <c>COLUMNS</c> when set (a user's choice, as for ls and git), else what the terminal says;
    /// null when neither gives a usable width.
    /// </summary>
    private static int? ConsoleWidth()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            return columns;
        }

        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return null;
        }
    }
}
