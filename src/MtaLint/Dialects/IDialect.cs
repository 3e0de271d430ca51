using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// An MTA's config language: recognises its files, groups them into configs read as one, parses
/// them losslessly, says how its comments are written, and lifts them into the common model.
/// A dialect knows no rule. Each one is listed in <see cref="DialectRegistry"/>.
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

    /// <summary>
    /// Parses <paramref name="file"/> with the dialect's syntax layer and prints the tree: equal to
    /// <c>file.Text</c> byte for byte for every input, broken ones included (the fuzzer and the
    /// round-trip tests hold every dialect to it), so fixes touch only the bytes they mean to change.
    /// </summary>
    string Reprint(SourceFile file);

    /// <summary>How a comment line is written: what suppression comments (<c># mtalint: disable=...</c>) are written in.</summary>
    CommentSyntax Comments { get; }
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
