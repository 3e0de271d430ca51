using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// An MTA's config language: recognises its files, groups them into configs read as one,
/// and lifts them into the common model. A dialect knows no rule.
/// </summary>
public interface IDialect
{
    /// <summary>Lower-case name used by <c>--dialect</c> and in output (<c>postfix</c>, <c>exim</c>, <c>sendmail</c>).</summary>
    string Name { get; }

    MtaKind Mta { get; }

    /// <summary>
    /// Whether <paramref name="path"/> is one of this dialect's files, judged by its name and,
    /// when the name is ambiguous, by <paramref name="head"/> (the first bytes of the file as text).
    /// </summary>
    bool Recognizes(string path, Func<string> head);

    /// <summary>
    /// Groups recognised files into configs: e.g. a Postfix main.cf with the master.cf beside it,
    /// a Debian exim4 conf.d folder. Every input path ends up in exactly one unit.
    /// </summary>
    IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths);

    /// <summary>Parses and extracts a unit's files (already read) into the model, or reports why it cannot.</summary>
    AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options);
}

/// <summary>Files read as one configuration.</summary>
/// <param name="Paths">In the order the MTA reads them.</param>
public sealed record ConfigUnit(IDialect Dialect, IReadOnlyList<string> Paths)
{
    public string DisplayName => Paths.Count == 1 ? Paths[0] : string.Join(", ", Paths);
}

/// <summary>Options that change how a config is read.</summary>
/// <param name="Hostname">The host name to render banners with when the config names none (like <c>postconf -x</c>).</param>
/// <param name="Defines">Command-line macro definitions (Exim <c>-D</c>).</param>
public sealed record AnalysisOptions(string? Hostname = null, IReadOnlyDictionary<string, string>? Defines = null)
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The time banners that show one (Exim <c>$tod_full</c>) are rendered with; null: now. Tests pin it.</summary>
    public DateTimeOffset? Now { get; init; }

    public string EffectiveHostname => Hostname ?? DefaultHostname.Value;

    private static readonly Lazy<string> DefaultHostname = new(() =>
    {
        try
        {
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    });
}

/// <summary>A syntax error with its position.</summary>
public sealed record SyntaxError(SourceSpan Location, string Message);

/// <summary>The outcome of analysing one unit: a model, or syntax errors, and notes.</summary>
public sealed record AnalysisResult(MtaConfig? Config, IReadOnlyList<SyntaxError> Errors)
{
    public static AnalysisResult Success(MtaConfig config) => new(config, []);

    public static AnalysisResult Failure(params SyntaxError[] errors) => new(null, errors);

    public bool Succeeded => Config is not null && Errors.Count == 0;

    /// <summary>
    /// Every file the analysis read beyond those it was given (Exim <c>.include</c>), also when it
    /// failed: a report must know which texts it holds so that it quotes none from outside the linted tree.
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];
}
