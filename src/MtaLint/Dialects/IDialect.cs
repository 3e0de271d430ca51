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

    /// <summary>
    /// Groups as <see cref="Group(IReadOnlyList{string})"/> does, reading what grouping needs the way
    /// <paramref name="options"/> say (<c>--root</c> and <c>-D</c> decide which files an Exim config includes).
    /// </summary>
    IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths, AnalysisOptions options) => Group(paths);

    /// <summary>
    /// The folders whose files may form one config with <paramref name="path"/> when it is named on its own:
    /// its own folder (a main.cf and the master.cf beside it), and for Exim the folder above (a config
    /// that includes it). Their files are offered to <see cref="Group(IReadOnlyList{string}, AnalysisOptions)"/>
    /// with it, and the config that holds it is linted.
    /// </summary>
    IEnumerable<string> UnitFolders(string path) => [Path.GetDirectoryName(path) ?? string.Empty];

    /// <summary>Parses and extracts a unit's files (already read) into the model, or reports why it cannot.</summary>
    AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options);
}

/// <summary>Files read as one configuration.</summary>
/// <param name="Paths">The files the MTA is given, in the order it reads them.</param>
public sealed record ConfigUnit(IDialect Dialect, IReadOnlyList<string> Paths)
{
    /// <summary>
    /// Files that <see cref="Paths"/> include (an Exim <c>.include</c>), found when the unit was grouped:
    /// read, reported and fixed with the unit, never read as files of their own.
    /// </summary>
    public IReadOnlyList<string> Included { get; init; } = [];

    /// <summary>Every file of the unit: <see cref="Paths"/>, then <see cref="Included"/>.</summary>
    public IReadOnlyList<string> Files => Included.Count == 0 ? Paths : [.. Paths, .. Included];

    public string DisplayName => Files.Count == 1 ? Files[0] : string.Join(", ", Files);
}

/// <summary>Options that change how a config is read.</summary>
/// <param name="Hostname">The host name to render banners with when the config names none (like <c>postconf -x</c>).</param>
/// <param name="Defines">Command-line macro definitions (Exim <c>-D</c>).</param>
public sealed record AnalysisOptions(string? Hostname = null, IReadOnlyDictionary<string, string>? Defines = null)
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The time banners that show one (Exim <c>$tod_full</c>) are rendered with; null: now. Tests pin it.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// Where the config's absolute paths are in this repository (<c>--root DIR</c>, <c>root:</c> in
    /// <c>.mtalint.yaml</c>): <c>/etc/exim4/x</c> is read as <c>DIR/etc/exim4/x</c>, as a chroot would
    /// see it. Null: absolute paths are read where they say.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// Files of the unit that its files include (Exim <c>.include</c>, Sendmail <c>include()</c>), as read or
    /// as fixed: a dialect takes an included file from here before it looks on disk, so a fix to it is
    /// seen by the next pass. Set per unit by the linter.
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];

    /// <summary>Where an absolute path the config names is read from: under <see cref="Root"/>, never above it (<c>/../x</c> is <c>/x</c>, as in a chroot).</summary>
    public string Locate(string absolutePath)
    {
        if (Root is null)
        {
            return absolutePath;
        }

        var inside = Path.GetFullPath("/" + absolutePath.TrimStart('/')).TrimStart('/');
        return Path.Join(Path.GetFullPath(Root), inside);
    }

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

/// <summary>
/// The outcome of analysing one unit: a model, or syntax errors, or both (a config read without an
/// include that is not there: the errors say what is missing, the model what the rest says).
/// </summary>
public sealed record AnalysisResult(MtaConfig? Config, IReadOnlyList<SyntaxError> Errors)
{
    public static AnalysisResult Success(MtaConfig config) => new(config, []);

    public static AnalysisResult Failure(params SyntaxError[] errors) => new(null, errors);

    public bool Succeeded => Config is not null && Errors.Count == 0;

    /// <summary>
    /// How the unit was read, for the report to say once: defaults assumed for a file that is not there
    /// (a master.cf without its main.cf), a build step applied (Debian's update-exim4.conf).
    /// </summary>
    public IReadOnlyList<string> Remarks { get; init; } = [];

    /// <summary>
    /// Every file the analysis read beyond those it was given (Exim <c>.include</c>), also when it
    /// failed: a report must know which texts it holds so that it quotes none from outside the linted tree.
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];
}
