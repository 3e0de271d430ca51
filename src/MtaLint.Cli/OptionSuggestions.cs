using MtaLint.Rules.Settings;

namespace MtaLint.Cli;

/// <summary>
/// What an unknown option was probably meant to be: the option it is a typo of (by edit distance,
/// <c>--fxi</c> → <c>--fix</c>), or what mtalint calls an option other linters and tools spell their
/// own way (<c>--no-color</c> → <c>--color never</c>, ruff's <c>--output-format</c> → <c>--format</c>).
/// </summary>
internal static class OptionSuggestions
{
    /// <summary>Other tools' spellings, and what mtalint says instead. A typo of one of them is matched too (<c>--nocolor</c>).</summary>
    private static readonly Dictionary<string, string> OtherSpellings = new(StringComparer.Ordinal)
    {
        ["--no-color"] = "--color never",
        ["--no-colour"] = "--color never",
        ["--colour"] = "--color",
        ["--output-format"] = "--format",
        ["--json"] = "--format json",
        ["--sarif"] = "--format sarif",
        ["--exit-zero"] = "--fail-on never",
        ["--severity"] = "--fail-on",
        ["--fix-unsafe"] = "--fix --unsafe-fixes",
        ["--unsafe"] = "--unsafe-fixes",
        ["--dry-run"] = "--diff",
        ["--stdin"] = "- --stdin-filename PATH",
        ["--stdin-file"] = "--stdin-filename",
        ["--output"] = "--output-file",
        ["--disable"] = "--ignore",
        ["--enable"] = "--extend-select",
        ["--only"] = "--select",
        ["--rule"] = "--select",
        ["--rules"] = "--select",
        ["--config-file"] = "--config",
        ["--silent"] = "--quiet",
        ["--stats"] = "--statistics",
    };

    /// <summary>The option <paramref name="unknown"/> was likely meant as, or null when nothing is close.</summary>
    public static string? For(string unknown, IReadOnlyCollection<string> known)
    {
        // Only spellings whose mtalint option exists in this build (a test host may have fewer).
        var spellings = OtherSpellings.Where(s => known.Contains(s.Value.Split(' ').First(t => t.StartsWith("--", StringComparison.Ordinal)))).ToDictionary(StringComparer.Ordinal);
        if (spellings.TryGetValue(unknown, out var spelled))
        {
            return spelled;
        }

        var candidates = known.Where(k => k.StartsWith("--", StringComparison.Ordinal)).Concat(spellings.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var nearest = new NameSuggestions(candidates).For(unknown).FirstOrDefault();
        return nearest is null ? null : spellings.GetValueOrDefault(nearest, nearest);
    }
}
