using MtaLint.Dialects;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Postfix;
using MtaLint.Workspace;

namespace MtaLint.Tests.FixEffect;

/// <summary>
/// A config unit of the test data, as the CLI finds it walking <c>testdata/</c> (so every folder is
/// covered, the corpus and the gathered configs included, and a new case needs no list entry).
/// </summary>
/// <param name="Dialect">The dialect's name: postfix, exim or sendmail.</param>
/// <param name="Paths">The unit's files, relative to the repository root, in the order the MTA reads them.</param>
/// <param name="Root">
/// The folder copied for each run, relative to the repository root: a gathered repository's folder
/// under <c>testdata/real/MTA/OWNER__REPO</c> (its layout is the unit's context: includes, the files
/// beside a <c>conf.d</c>), else the unit's nearest common folder (the parent of a <c>conf.d</c>).
/// </param>
public sealed record FixEffectUnit(string Dialect, IReadOnlyList<string> Paths, string Root)
{
    /// <summary>How the unit is named in test cases: its <c>conf.d</c> folder for a split Exim config, Debian's template, else its first file.</summary>
    public string Key => SplitRoot ?? Template ?? Paths[0];

    /// <summary>The <c>conf.d</c> folder of a split Exim config (whatever else the unit holds beside it), or null.</summary>
    public string? SplitRoot => Dialect == "exim" ? Paths.Select(EximDialect.SplitRoot).FirstOrDefault(r => r is not null) : null;

    /// <summary>Debian's <c>exim4.conf.template</c> when the unit is built from it, or null.</summary>
    public string? Template => Dialect == "exim" && SplitRoot is null ? Paths.FirstOrDefault(p => Path.GetFileName(p) == "exim4.conf.template") : null;

    /// <summary>
    /// The ways a user names the unit: all its files at once, and each file alone, as pre-commit does
    /// with only the files that changed. Findings and fixes must not depend on which file was named.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Namings =>
        Paths.Count == 1 ? [Paths] : [Paths, .. Paths.Select(p => (IReadOnlyList<string>)[p])];
}

/// <summary>Every unit under <c>testdata/</c>, found once per test run.</summary>
public static class FixEffectUnits
{
    private static readonly Lazy<IReadOnlyList<FixEffectUnit>> Found = new(Discover);

    public static IReadOnlyList<FixEffectUnit> All => Found.Value;

    public static TheoryData<string> Keys(string dialect) =>
        new(All.Where(u => u.Dialect == dialect).Select(u => u.Key));

    public static FixEffectUnit ByKey(string key) => All.Single(u => u.Key == key);

    private static IReadOnlyList<FixEffectUnit> Discover()
    {
        // Units with a template are left out: the MTA reads their rendering, not their text (TestDataTemplates; the
        // template tests check fixes on renderings with the real engines).
        var discovery = new InputDiscovery(DialectRegistry.All).Discover([TestPaths.TestData]);
        return discovery.Units
            .Where(u => !u.Paths.Any(TestDataTemplates.Holds))
            .Select(u =>
            {
                var paths = u.Paths.Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p)).ToArray();
                return new FixEffectUnit(u.Dialect.Name, paths, RootOf(paths));
            })
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .ToArray();
    }

    private static string RootOf(IReadOnlyList<string> paths)
    {
        var parts = paths[0].Split(Path.DirectorySeparatorChar);
        if (parts.Length > 4 && parts[0] == "testdata" && parts[1] == "real")
        {
            return Path.Combine(parts[..4]);
        }

        var common = Path.GetDirectoryName(paths[0])!;
        while (!paths.All(p => p.StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            common = Path.GetDirectoryName(common)!;
        }

        return Path.GetFileName(common) == "conf.d" ? Path.GetDirectoryName(common)! : common;
    }
}
