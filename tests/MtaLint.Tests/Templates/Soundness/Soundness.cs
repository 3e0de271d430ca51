using System.Text.RegularExpressions;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>A finding mtalint reports on a template (<c>mtalint --format json TEMPLATE</c>): rule, template, line (null: an absent setting).</summary>
public sealed record TemplateFinding(string Rule, string Template, int? Line, string Message)
{
    public override string ToString() => $"{Template}:{Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {Rule} {Message}";
}

/// <summary>A rendering with what the real MTA and mtalint say of it (both null when the engine refused to render).</summary>
public sealed record CheckedRendering(Rendering Rendering, MtaVerdict? Verdict, IReadOnlyList<RenderedFinding>? Findings);

/// <summary>The outcome of checking findings against renderings.</summary>
public sealed record SoundnessReport(int Checks, IReadOnlyList<string> Violations, IReadOnlyList<string> Exclusions, IReadOnlyList<TemplateFinding> Unconfirmed);

/// <summary>
/// Soundness of template findings: a finding on a template line holds in every rendering where that line is present
/// (the same rule fires on a rendered line the line markers trace back to it); a finding with no line (an absent
/// setting) holds in every rendering. A rendering the engine refused, or that the real MTA refuses, is excluded with
/// its reason; one whose markers did not survive (a filter rewrote them) is excluded for line findings.
/// </summary>
public static partial class Soundness
{
    public static SoundnessReport Check(IEnumerable<TemplateFinding> findings, IReadOnlyList<CheckedRendering> renderings)
    {
        var checks = 0;
        var violations = new List<string>();
        var exclusions = new List<string>();
        var unconfirmed = new List<TemplateFinding>();
        foreach (var finding in findings)
        {
            var confirmed = 0;
            foreach (var r in renderings.Where(r => r.Rendering.Template == finding.Template))
            {
                var where = $"{finding} under [{r.Rendering.Variation.Name}]";
                if (r.Rendering.Text is null)
                {
                    exclusions.Add($"{where}: the engine refuses: {r.Rendering.Refusal}");
                    continue;
                }

                if (r.Verdict is not { Accepted: true })
                {
                    exclusions.Add($"{where}: the MTA refuses the rendering: {string.Join(" | ", r.Verdict?.Messages ?? [])}");
                    continue;
                }

                if (finding.Line is not { } line)
                {
                    checks++;
                    confirmed++;
                    if (!r.Findings!.Any(f => f.Rule == finding.Rule))
                    {
                        violations.Add($"{where}: the rendering, linted as a plain config, has no {finding.Rule}");
                    }

                    continue;
                }

                if (r.Rendering.LineMap is not { } map)
                {
                    exclusions.Add($"{where}: the line markers did not survive rendering");
                    continue;
                }

                if (!r.Rendering.Shows(line))
                {
                    continue; // the line is not in this rendering
                }

                checks++;
                confirmed++;
                if (!r.Findings!.Any(f => f.Rule == finding.Rule && f.InPrimary && f.Line is { } l && l - 1 < map.Length && map[l - 1] == line))
                {
                    var here = r.Findings!.Where(f => f.Rule == finding.Rule).Select(f => f.Line is { } l && l - 1 < map.Length ? $"rendered line {l} (template line {map[l - 1]})" : "no line");
                    violations.Add($"{where}: the rendering shows the line but {finding.Rule} does not fire on it (it fires at: {string.Join(", ", here).OrElse("nowhere")})");
                }
            }

            if (confirmed == 0)
            {
                unconfirmed.Add(finding);
            }
        }

        return new SoundnessReport(checks, violations, exclusions, unconfirmed);
    }

    private static string OrElse(this string text, string fallback) => text.Length == 0 ? fallback : text;

    /// <summary>
    /// Soundness of a fix: the fixed template renders under the same variable set, the real MTA accepts it with no
    /// message the original's rendering did not have, and it differs from the original only in settings the fixes
    /// named (Postfix: <c>postconf -n</c>, name by name; Exim and Sendmail: the changed rendered lines, by the setting
    /// each starts with).
    /// </summary>
    public static IEnumerable<string> CompareFix(RenderedKind kind, string original, MtaVerdict originalVerdict, string? @fixed, string? refusal, MtaVerdict? fixedVerdict, IReadOnlySet<string> named)
    {
        if (@fixed is null)
        {
            yield return "the engine refuses the fixed template: " + refusal;
            yield break;
        }

        if (fixedVerdict is not { Accepted: true })
        {
            yield return "the MTA refuses the fixed rendering: " + string.Join(" | ", fixedVerdict?.Messages ?? []);
            yield break;
        }

        foreach (var message in fixedVerdict.Messages.Except(originalVerdict.Messages))
        {
            yield return "new message from the MTA: " + message;
        }

        IEnumerable<string> changed;
        if (originalVerdict.PostconfN is { } before && fixedVerdict.PostconfN is { } after)
        {
            changed = before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k));
        }
        else
        {
            var a = original.Split('\n');
            var b = @fixed.Split('\n');
            changed = a.Except(b).Concat(b.Except(a)).Select(SettingOf);
        }

        foreach (var name in changed.Distinct().Where(n => !named.Contains(n)))
        {
            yield return $"setting {name} changed, which no fix named";
        }
    }

    /// <summary>The setting a config line sets: <c>name = v</c>, <c>name='v'</c>, <c>define(`name', ...)</c>; else the line itself.</summary>
    public static string SettingOf(string line) =>
        SettingRe().Match(line) is { Success: true } m ? m.Groups[1].Value : line.Trim();

    /// <summary>The names a fix speaks of: every setting-like word of its message and of the text its edits insert.</summary>
    public static IEnumerable<string> NamesIn(string text) => NameRe().Matches(text).Select(m => m.Value);

    /// <summary>The name a line of a config (or a template of one) assigns, if it is an assignment.</summary>
    public static string? SettingOn(string line) => SettingRe().Match(line) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^\s*(?:define\(`?)?([A-Za-z_][A-Za-z0-9_]*)'?\s*[=,]")]
    private static partial Regex SettingRe();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex NameRe();
}
