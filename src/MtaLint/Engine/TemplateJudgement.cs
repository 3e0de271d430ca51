using System.Text;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Engine;

/// <summary>
/// What a rule's finding on a template still says once the template's tags are taken into account: nothing from a
/// value an expression decides (unless the rule judges literal parts only), the condition under which a conditional
/// line holds, no absent setting where variables make settings, and no fix that would touch a tag or add a
/// setting inside a block. A finding comes out pointing at the template as read, not at the masked view the dialect parsed.
/// </summary>
internal sealed class TemplateJudgement(TemplateFacts template, IReadOnlyList<SourceFile> files)
{
    private readonly Dictionary<string, SourceFile> _byPath = files.GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The finding as it holds on the template, or null when it may not hold in some rendering.</summary>
    public Finding? Judge(IRule rule, Finding finding)
    {
        var absent = finding.Location is null || finding.Fix?.Edits.Any(e => e.Span.Length == 0 && !InsideTag(e)) == true && IsNewSetting(finding);
        if (absent && template.Generated.Count > 0)
        {
            return null;
        }

        var notes = new List<string>(finding.Notes);
        var fix = finding.Fix;
        var message = finding.Message;
        var related = new List<RelatedLocation>(finding.Related);
        if (finding.Location is { } at)
        {
            // Text a role default decided: the finding holds where the variable keeps that default.
            foreach (var origin in template.OriginsIn(at).Select(o => o.Origin).Distinct())
            {
                related.Add(new RelatedLocation(origin.At, $"`{origin.Variable}` has its default here: the finding holds where it keeps it"));
            }

            // A statement on the same line may leave the literal text out of the rendering: then not even literal parts hold.
            var holes = template.TagsIn(at).Where(t => t.IsHole).ToList();
            if (holes.Count > 0 && !rule.JudgesLiteralParts
                || rule.JudgesLiteralParts && template.TagsIn(ExpandToLines(at)).Any(t => t.IsHole && !t.IsExpression))
            {
                return null;
            }

            if (template.When(at) is { } when)
            {
                message += when.StartsWith("for each", StringComparison.Ordinal) ? $" ({when})" : $" (when {when})";
            }
        }

        Fix? onDefault = null;
        if (fix is not null && Withheld(fix) is ({ } why, var byDefault))
        {
            notes.Add(why);
            onDefault = byDefault ? fix with { Edits = fix.Edits.Select(e => e with { File = Original(e.File) }).ToList() } : null;
            fix = null;
        }

        var location = finding.Location is { } span ? new SourceSpan(Original(span.File), span.Span) : null;
        return finding with
        {
            File = Original(finding.File),
            Location = location,
            Message = Unmask(message, finding.Location),
            Notes = notes.Select(n => Unmask(n, finding.Location)).ToList(),
            Fix = fix is null ? null : fix with { Edits = fix.Edits.Select(e => e with { File = Original(e.File) }).ToList() },
            Related = related,
            OnDefault = onDefault,
        };
    }

    // An insertion of a whole line: a setting written nowhere that the fix adds.
    private static bool IsNewSetting(Finding finding) =>
        finding.Fix!.Edits.Any(e => e.Span.Length == 0 && (e.NewText.EndsWith('\n') || e.NewText.StartsWith('\n') || e.NewText.StartsWith("\r\n", StringComparison.Ordinal)));

    private bool InsideTag(TextEdit edit) => template.TagsIn(new SourceSpan(edit.File, edit.Span)).Any();

    /// <summary>
    /// Why <paramref name="fix"/> is not offered on the template (by default: only because it edits text role defaults decided);
    /// null when every edit is on literal text outside blocks it could move across.
    /// </summary>
    private (string Why, bool ByDefault)? Withheld(Fix fix)
    {
        string? byDefault = null;
        foreach (var edit in fix.Edits)
        {
            if (!template.Covers(edit.File.Path))
            {
                continue;
            }

            var span = new SourceSpan(edit.File, edit.Span);
            // An insertion touches a tag only from inside it: at the tag's first char it goes before the tag.
            var tags = edit.Span.Length == 0
                ? template.TagsIn(span).Where(t => t.Span.Span.Start < edit.Span.Start)
                : template.TagsIn(span);
            // An edit of the value a default decided belongs in the defaults file (not one that removes the whole line with it).
            var removesLine = edit.File.Text.AsSpan(edit.Span.Start, Math.Min(edit.Span.Length, edit.File.Text.Length - edit.Span.Start)).Contains('\n');
            if (!removesLine && tags.FirstOrDefault(t => t.From.Count > 0) is { From: [var origin, ..] })
            {
                var there = $"not fixed: set by `{origin.Variable}` in {origin.At.File.Path}:{origin.At.Start.Line}; change it there";
                if (tags.Any(t => t.From.Count == 0))
                {
                    return (there, false);
                }

                byDefault ??= there;
                continue;
            }

            if (tags.FirstOrDefault() is { } tag)
            {
                return ($"not fixed: the value depends on the template: {(tag.IsExpression ? "`" + tag.Code + "`" : tag.Text)} decides it", false);
            }

            if (edit.Span.Length == 0 && IsLine(edit) && template.InsideBlock(edit.File, edit.Span.Start))
            {
                return ("not fixed: a setting would be added inside a template block", false);
            }
        }

        return byDefault is null ? null : (byDefault, true);
    }

    private static bool IsLine(TextEdit edit) => edit.NewText.EndsWith('\n') || edit.NewText.StartsWith('\n');

    private SourceFile Original(SourceFile file) => _byPath.TryGetValue(file.Path, out var original) ? original : file;

    /// <summary>Text a rule quoted from a value, with each masked tag shown as the template writes it.</summary>
    private string Unmask(string text, SourceSpan? at)
    {
        if (!text.Contains(TemplateFacts.Filler, StringComparison.Ordinal))
        {
            return text;
        }

        // Only the tags on the finding's own lines are known to be what the rule quoted; any other hole (a value
        // the quoted one expands, such as $myhostname) is shown as a placeholder in the engine's own syntax.
        var candidates = at is null ? new List<TemplateTag>() : template.TagsIn(ExpandToLines(at)).Where(t => t.IsHole).ToList();
        var placeholder = template.Tags.FirstOrDefault()?.Text.StartsWith("<%", StringComparison.Ordinal) == true ? "<%= … %>" : "{{ … }}";
        var result = new StringBuilder(text.Length);
        var used = 0;
        for (var i = 0; i < text.Length;)
        {
            if (text[i] != TemplateFacts.Filler)
            {
                result.Append(text[i++]);
                continue;
            }

            var run = 0;
            while (i + run < text.Length && text[i + run] == TemplateFacts.Filler)
            {
                run++;
            }

            var tag = candidates.Skip(used).FirstOrDefault(t => t.Text.Length == run);
            if (tag is not null)
            {
                used = candidates.IndexOf(tag) + 1;
            }

            result.Append(tag?.Text ?? placeholder);
            i += run;
        }

        return result.ToString();
    }

    private static SourceSpan ExpandToLines(SourceSpan span)
    {
        var text = span.File.Text;
        var start = span.Span.Start == 0 ? 0 : text.LastIndexOf('\n', Math.Min(span.Span.Start, text.Length) - 1) + 1;
        var end = text.IndexOf('\n', Math.Min(span.Span.End, text.Length));
        return new SourceSpan(span.File, TextSpan.FromBounds(start, end < 0 ? text.Length : end));
    }
}
