using MtaLint.Rules;
using MtaLint.Rules.Banners;

namespace MtaLint.Policy;

/// <summary>Rules switched off for files matching a glob (<c>per-file:</c>).</summary>
public sealed record PerFilePolicy(Glob Glob, IReadOnlySet<string> Disable);

/// <summary>
/// A project's central policy, read from <c>.mtalint.yaml</c> (<see cref="ProjectConfigReader"/>),
/// or the empty policy when there is none. Globs are relative to <see cref="BaseDirectory"/>.
/// </summary>
public sealed class ProjectConfig
{
    public const string FileName = ".mtalint.yaml";

    /// <summary>The file it was read from; null for the built-in defaults.</summary>
    public string? SourcePath { get; init; }

    public required string BaseDirectory { get; init; }

    /// <summary>
    /// <c>enable:</c> (as <see cref="RuleSelection.ExtendSelect"/>) and <c>disable:</c> (as
    /// <see cref="RuleSelection.Ignore"/>): the policy's layer of rule selection, under the command line's.
    /// </summary>
    public RuleSelection Selection { get; init; } = RuleSelection.None;

    /// <summary>The rules <c>disable:</c> names (prefixes expanded).</summary>
    public IReadOnlySet<string> Disable => Selection.Ignore.SelectMany(s => s.Ids).ToHashSet(StringComparer.Ordinal);

    /// <summary>The rules <c>enable:</c> names (prefixes expanded): rules off by default to run, or rules a broader <c>disable:</c> leaves on.</summary>
    public IReadOnlySet<string> Enable => Selection.ExtendSelect.SelectMany(s => s.Ids).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Severity> Severities { get; init; } = new Dictionary<string, Severity>();

    /// <summary><c>error</c>, <c>warning</c>, <c>info</c> or <c>never</c>; null to keep the command line's default.</summary>
    public string? FailOn { get; init; }

    public IReadOnlyList<Glob> Exclude { get; init; } = [];

    public IReadOnlyList<PerFilePolicy> PerFile { get; init; } = [];

    public string? Hostname { get; init; }

    public BannerPolicyOptions Banner { get; init; } = BannerPolicyOptions.None;

    /// <summary>Where absolute include paths are in the repository (<c>root:</c>, a full path); null when not set.</summary>
    public string? Root { get; init; }

    public static ProjectConfig Empty(string baseDirectory) => new() { BaseDirectory = Path.GetFullPath(baseDirectory) };

    /// <summary>The path relative to the config's folder, with <c>/</c>.</summary>
    public string Relative(string path) =>
        Path.GetRelativePath(BaseDirectory, Path.GetFullPath(path)).Replace('\\', '/');

    public bool IsExcluded(string path) => ExcludedBy(path) is not null;

    /// <summary>The <c>exclude:</c> pattern that leaves <paramref name="path"/> out, or null.</summary>
    public Glob? ExcludedBy(string path)
    {
        if (Exclude.Count == 0)
        {
            return null;
        }

        var relative = Relative(path);
        return relative.StartsWith("../", StringComparison.Ordinal) ? null : Exclude.FirstOrDefault(g => g.IsMatch(relative));
    }

    /// <summary>True when a <c>per-file</c> entry matching the file turns the rule off (<c>disable:</c> for every file is part of <see cref="Selection"/>).</summary>
    public bool IsDisabledFor(string path, string id)
    {
        if (PerFile.Count == 0)
        {
            return false;
        }

        var relative = Relative(path);
        return PerFile.Any(p => p.Disable.Contains(id) && p.Glob.IsMatch(relative));
    }

    public Severity SeverityOf(string id) =>
        Severities.TryGetValue(id, out var s) ? s : RuleDocs.ById.TryGetValue(id, out var doc) ? doc.DefaultSeverity : Severity.Warning;
}
