using System.Text.RegularExpressions;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// A finding mtalint reports on a template (<c>mtalint --format json TEMPLATE</c>): rule, template, line (null: an
/// absent setting), and the variables whose defaults it was judged with (its <c>related</c> locations).
/// </summary>
public sealed record TemplateFinding(string Rule, string Template, int? Line, string Message, IReadOnlyList<string>? Defaults = null)
{
    public IReadOnlyList<string> Defaults { get; init; } = Defaults ?? [];

    public override string ToString() => $"{Template}:{Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {Rule} {Message}";
}

/// <summary>A rendering with what the real MTA and mtalint say of it (both null when the engine refused to render).</summary>
public sealed record CheckedRendering(Rendering Rendering, MtaVerdict? Verdict, IReadOnlyList<RenderedFinding>? Findings);

/// <summary>The outcome of checking findings against renderings.</summary>
/// <param name="DefaultChecks">Of <paramref name="Checks"/>, those of findings judged with a role default (in renderings that keep it).</param>
public sealed record SoundnessReport(int Checks, IReadOnlyList<string> Violations, IReadOnlyList<string> Exclusions, IReadOnlyList<TemplateFinding> Unconfirmed, int DefaultChecks = 0);

/// <summary>
/// Soundness of template findings: a finding on a template line holds in every rendering where that line is present
/// (the same rule fires on a rendered line the line markers trace back to it); a finding with no line (an absent
/// setting) holds in every rendering. A rendering the engine refused, or that the real MTA refuses, is excluded with
/// its reason; one whose markers did not survive (a filter rewrote them) is excluded for line findings. A finding
/// judged with role defaults holds where those variables keep their defaults: it is checked in every rendering whose
/// variable set leaves them alone (<see cref="KeepsDefault"/>) and excluded, with the reason, from the others.
/// </summary>
public static partial class Soundness
{
    public static SoundnessReport Check(IEnumerable<TemplateFinding> findings, IReadOnlyList<CheckedRendering> renderings)
    {
        var checks = 0;
        var defaultChecks = 0;
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

                if (finding.Defaults.FirstOrDefault(v => !KeepsDefault(r.Rendering.Variation, v)) is { } changed)
                {
                    exclusions.Add($"{where}: the variable set gives `{changed}` another value than its default");
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

            if (finding.Defaults.Count > 0)
            {
                defaultChecks += confirmed;
            }
        }

        return new SoundnessReport(checks, violations, exclusions, unconfirmed, defaultChecks);
    }

    /// <summary>
    /// Whether a rendering under <paramref name="variation"/> gives <paramref name="variable"/> its default: the set says
    /// nothing of it (the renderer starts from the role's defaults and changes only what the set's intents name; a
    /// default mtalint reads is a plain literal, which the renderer's lazy templating of other defaults leaves as it is).
    /// </summary>
    public static bool KeepsDefault(Variation variation, string variable) => variation.Intents.All(i => i.Name != variable);

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
