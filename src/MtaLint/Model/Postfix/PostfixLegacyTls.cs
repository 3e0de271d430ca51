using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// The pre-2.3 TLS switches (<c>smtpd_use_tls</c>, <c>smtpd_enforce_tls</c>; <c>smtp_use_tls</c>,
/// <c>smtp_enforce_tls</c>, <c>smtp_tls_enforce_peername</c>) and what replaces them without changing what
/// Postfix does. Postfix reads them only while the security level parameter is empty (smtpd.c;
/// smtp_tls_policy.c, where <c>smtp_enforce_tls</c> means <c>verify</c> unless peer name checks are off).
/// Each finding's fix stands alone: a main.cf fix also settles the master.cf services whose own switches
/// would read differently once main.cf changes.
/// </summary>
internal sealed class PostfixLegacyTls(MainCfDocument? main, MasterCfDocument? master, PostfixScope mainScope, Func<MasterCfEntry, PostfixScope> scopeOf)
{
    private static readonly (string Level, string[] Switches)[] Sides =
    [
        ("smtpd_tls_security_level", ["smtpd_use_tls", "smtpd_enforce_tls"]),
        ("smtp_tls_security_level", ["smtp_use_tls", "smtp_enforce_tls", "smtp_tls_enforce_peername"]),
    ];

    public IReadOnlyList<DeprecatedSetting> Find()
    {
        var result = new List<DeprecatedSetting>();
        foreach (var (level, switches) in Sides)
        {
            AddSide(result, level, switches);
        }

        return result;
    }

    /// <summary>The level Postfix uses in <paramref name="scope"/> when <paramref name="level"/> is empty.</summary>
    private static string LegacyLevel(PostfixScope scope, string level) => level == "smtpd_tls_security_level"
        ? scope.IsYes("smtpd_enforce_tls") ? "encrypt" : scope.IsYes("smtpd_use_tls") ? "may" : "none"
        : scope.IsYes("smtp_enforce_tls") ? scope.IsYes("smtp_tls_enforce_peername") ? "verify" : "encrypt"
        : scope.IsYes("smtp_use_tls") ? "may" : "none";

    private static string? SetLevel(PostfixScope scope, string level) =>
        scope.Expanded(level).Trim() is { Length: > 0 } value ? value : null;

    private void AddSide(List<DeprecatedSetting> result, string level, string[] switches)
    {
        var mainSwitches = Present(mainScope, switches, main?.File);
        var services = (master?.Entries ?? []).Select(e => (Entry: e, Scope: scopeOf(e)))
            .Select(s => (s.Entry, s.Scope, Switches: Present(s.Scope, switches, master!.File)))
            .Where(s => s.Switches.Count > 0)
            .ToList();
        if (mainSwitches.Count == 0 && services.Count == 0)
        {
            return;
        }

        // A service that empties the level itself reads the switches from main.cf, whatever main.cf's level
        // is: rewriting main.cf would change it. Rare; reported, not fixed.
        var emptied = master?.Entries.FirstOrDefault(e => e.Overrides.Any(o => o.Name == level) && SetLevel(scopeOf(e), level) is null);
        var mainLevel = SetLevel(mainScope, level);

        // What main.cf says before and after its fix alike: its level, else the one its switches amount to.
        var inherited = mainLevel ?? LegacyLevel(mainScope, level);
        var serviceRemedies = new List<Remedy>();
        foreach (var (entry, scope, present) in services)
        {
            var remedy = SetLevel(scope, level) is not null
                ? Remedy.Remove(present, $"Postfix ignores it because {level} is set", Delete(present, entry), false)
                : For(present, level, LegacyLevel(scope, level), inherited, entry);
            serviceRemedies.Add(remedy with { Where = $"master.cf {entry.NameSpace}" });
            Add(result, present, remedy, null, emptied);
        }

        if (mainSwitches.Count > 0)
        {
            // With main.cf's level set, the services ignore main.cf's switches already; without it, a service's own
            // switches combine with main.cf's, and a level written in main.cf would override them: the fix settles those too.
            var remedy = mainLevel is not null
                ? Remedy.Remove(mainSwitches, $"Postfix ignores it because {level} is set", Delete(mainSwitches, null), false)
                : For(mainSwitches, level, LegacyLevel(mainScope, level), "none", null);
            Add(result, mainSwitches, remedy, mainLevel is null ? serviceRemedies : null, emptied);
        }
    }

    private static void Add(List<DeprecatedSetting> result, List<ConfigValue> present, Remedy remedy, List<Remedy>? alongside, MasterCfEntry? emptied)
    {
        var edits = remedy.Edits.Concat(alongside?.SelectMany(r => r.Edits) ?? []).ToArray();
        var also = alongside is { Count: > 0 } ? string.Join("; ", alongside.Select(r => $"for {r.Where}, {r.What}")) : null;
        var unfixable = emptied is null ? null : $"no fix: master.cf {emptied.NameSpace} empties the level itself, so it reads these switches from main.cf whatever main.cf's level is";
        foreach (var value in present)
        {
            result.Add(new DeprecatedSetting(value, remedy.Why(value), remedy.What, emptied is null ? edits : [])
            {
                AlsoDone = emptied is null ? also : null,
                NoFixReason = unfixable,
            });
        }
    }

    /// <summary>With the level empty: write the level the switches amount to, unless the scope says it without them.</summary>
    private Remedy For(List<ConfigValue> present, string level, string amounts, string without, MasterCfEntry? entry)
    {
        if (amounts == without)
        {
            return Remedy.Remove(present, "Postfix does the same without it", Delete(present, entry), true);
        }

        var last = present[^1];
        var replacement = last.Notation.Describe(level, amounts);
        var edits = Delete(present[..^1], entry).Append(TextEdit.Replace(last.SettingSpan!, replacement)).Concat(DeleteEarlier(last, entry)).ToList();
        var names = Names(present);
        return new Remedy(
            $"replace {names} with {replacement}",
            value => present.Count == 1
                ? $"since Postfix 2.3, {replacement} says the same"
                : $"since Postfix 2.3, {replacement} says what it and {Names(present.Where(v => v != value).ToList())} say",
            edits);
    }

    /// <summary>The switches written in <paramref name="file"/> for this scope, in file order.</summary>
    private static List<ConfigValue> Present(PostfixScope scope, string[] switches, SourceFile? file) =>
        file is null ? [] : switches.Select(scope.Value)
            .Where(v => v.ValueSpan is { } span && span.File == file)
            .OrderBy(v => v.SettingSpan!.Span.Start)
            .ToList();

    /// <summary>Every assignment of each switch in its file: an earlier one left behind would take effect.</summary>
    private List<TextEdit> Delete(IEnumerable<ConfigValue> values, MasterCfEntry? entry) =>
        values.SelectMany(v => Assignments(v, entry)).ToList();

    private IEnumerable<TextEdit> DeleteEarlier(ConfigValue value, MasterCfEntry? entry) =>
        Assignments(value, entry).Where(e => e.Span.End <= value.SettingSpan!.Span.Start);

    private IEnumerable<TextEdit> Assignments(ConfigValue value, MasterCfEntry? entry) => entry is null
        ? main!.Assignments.Where(a => a.Name == value.Name).Select(a => new TextEdit(main.File, a.WholeSpan, string.Empty))
        : entry.Overrides.Where(o => o.Name == value.Name).Select(o => new TextEdit(master!.File, o.RemovalSpan, string.Empty));

    private static string Names(List<ConfigValue> values) => values.Count switch
    {
        1 => values[0].Name,
        _ => string.Join(", ", values.Take(values.Count - 1).Select(v => v.Name)) + " and " + values[^1].Name,
    };

    /// <summary>What to do with the switches of one scope: the words for the finding and its fix, and the edits.</summary>
    private sealed record Remedy(string What, Func<ConfigValue, string> Why, IReadOnlyList<TextEdit> Edits)
    {
        public string Where { get; init; } = "main.cf";

        /// <param name="together">Whether the reason holds for the switches together only ("the same without it and smtpd_enforce_tls").</param>
        public static Remedy Remove(List<ConfigValue> present, string why, IReadOnlyList<TextEdit> edits, bool together) => new(
            "remove " + Names(present),
            value => present.Count == 1 || !together ? why : $"{why} and {Names(present.Where(v => v != value).ToList())}",
            edits);
    }
}
