namespace MtaLint.Cli;

/// <summary>What the CLI needs to know about where it runs; tests pass their own.</summary>
/// <param name="StdoutIsTerminal">Standard output is a terminal (colour is then on unless <c>NO_COLOR</c> is set).</param>
/// <param name="NoColor">The value of <c>NO_COLOR</c>; any non-empty value turns colour off (https://no-color.org).</param>
public sealed record CliHost(bool StdoutIsTerminal = false, string? NoColor = null)
{
    public static CliHost FromConsole() => new(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));

    public bool UseColor => StdoutIsTerminal && string.IsNullOrEmpty(NoColor);
}
