using MtaLint.Dialects;
using MtaLint.Rules;

namespace MtaLint.Cli;

/// <summary>What the CLI needs to know about where it runs; tests pass their own.</summary>
/// <param name="StdoutIsTerminal">Standard output is a terminal (colour is then on unless <c>NO_COLOR</c> is set).</param>
/// <param name="NoColor">The value of <c>NO_COLOR</c>; any non-empty value turns colour off (https://no-color.org).</param>
/// <param name="Dialects">The dialects to read configs with; null for <see cref="DialectRegistry.All"/>.</param>
/// <param name="Rules">The rules to run; null for <see cref="RuleSet.Default"/> (built only when a run lints).</param>
public sealed record CliHost(bool StdoutIsTerminal = false, string? NoColor = null, IReadOnlyList<IDialect>? Dialects = null, RuleSet? Rules = null)
{
    public static CliHost FromConsole() => new(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));

    public bool UseColor => StdoutIsTerminal && string.IsNullOrEmpty(NoColor);

    public IReadOnlyList<IDialect> AllDialects => Dialects ?? DialectRegistry.All;

    public RuleSet RuleSet => Rules ?? RuleSet.Default;
}
