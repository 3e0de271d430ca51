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

    public IReadOnlySet<string> Disable { get; init; } = new HashSet<string>();

    /// <summary>Rules that are off by default (<c>enabled: false</c> in their doc) to run.</summary>
    public IReadOnlySet<string> Enable { get; init; } = new HashSet<string>();

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

    public bool IsExcluded(string path)
    {
        if (Exclude.Count == 0)
        {
            return false;
        }

        var relative = Relative(path);
        return !relative.StartsWith("../", StringComparison.Ordinal) && Exclude.Any(g => g.IsMatch(relative));
    }

    /// <summary>True when the rule is off for this file: disabled everywhere, or by a matching <c>per-file</c> entry.</summary>
    public bool IsDisabledFor(string path, string id)
    {
        if (Disable.Contains(id))
        {
            return true;
        }

        if (PerFile.Count == 0)
        {
            return false;
        }

        var relative = Relative(path);
        return PerFile.Any(p => p.Disable.Contains(id) && p.Glob.IsMatch(relative));
    }

    /// <summary>Whether a rule runs at all under this policy (its doc's default, <c>enable</c>, <c>disable</c>).</summary>
    public bool IsEnabled(string id)
    {
        if (Disable.Contains(id))
        {
            return false;
        }

        return Enable.Contains(id) || !RuleDocs.ById.TryGetValue(id, out var doc) || doc.EnabledByDefault;
    }

    public Severity SeverityOf(string id) =>
        Severities.TryGetValue(id, out var s) ? s : RuleDocs.ById.TryGetValue(id, out var doc) ? doc.DefaultSeverity : Severity.Warning;
}
