using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Fixes;

/// <summary>
/// Turns a template's fix that was withheld because it edits text a role default decided (<see cref="Finding.OnDefault"/>)
/// into an edit of that default in the YAML file, where it can be proved to say the same: the fix's edits all fall in one
/// expression tag that is just the variable (<c>{{ postfix_smtpd_banner }}</c>), whose default is a one-line string
/// scalar; the variable is named nowhere else in the role (<see cref="RoleVariableUses"/>); the defaults file is one
/// mtalint may write (read with the unit's files, inside the tree); and the edit is minimal (<see cref="RoleDefaultText"/>).
/// Where the rendered text is longer than its tag, the finding's span cannot say which chars of it the fix replaces
/// (the spliced chars past the tag's length all map to its last offset): the rule is asked again on the template with
/// that one tag written out as its text, where each char has its own offset. Anything else keeps the note that says
/// where to change the value, with the reason.
/// </summary>
internal sealed class DefaultsFixes(Linter linter, IDialect dialect)
{
    /// <summary><paramref name="result"/> with each fix on a default made an edit of the default where it can be.</summary>
    /// <param name="files">The unit's files as linted (its roots first, <paramref name="roots"/> of them), then those fixes may edit: the defaults files among them.</param>
    public LintResult Resolve(LintResult result, IReadOnlyList<SourceFile> files, int roots)
    {
        if (result.Config?.Template is not { } facts || !result.Diagnostics.Any(d => d.Finding.OnDefault is not null))
        {
            return result;
        }

        return result with { Diagnostics = result.Diagnostics.Select(d => d.Finding.OnDefault is { } fix ? Resolve(d, fix, facts, files, roots) : d).ToList() };
    }

    private Diagnostic Resolve(Diagnostic diagnostic, Fix fix, TemplateFacts facts, IReadOnlyList<SourceFile> files, int roots)
    {
        var touched = fix.Edits.Select(e => facts.TagsIn(new SourceSpan(e.File, e.Span)).ToList()).ToList();
        if (touched.Any(t => t.Count != 1) || touched.SelectMany(t => t).Distinct().ToList() is not [var tag]
            || tag is not { IsExpression: true, IsHole: false, From: [var origin] } || Bare(tag.Code) != origin.Variable)
        {
            return Refused(diagnostic, "the fix is not on one expression that is the variable alone");
        }

        if (files.FirstOrDefault(f => f.Path == origin.At.File.Path) is not { } yaml)
        {
            return Refused(diagnostic, "the defaults file is not among the files mtalint may write: name the role's folder");
        }

        if (yaml.Encoding != SourceEncoding.Utf8)
        {
            return Refused(diagnostic, "the defaults file is not UTF-8");
        }

        var at = origin.At;
        if (yaml.Text != at.File.Text || RoleDefaultText.OneLineString(yaml, origin.Variable, at.Span.Start) is not { } value)
        {
            return Refused(diagnostic, "the default is not a one-line string");
        }

        if (Replaced(diagnostic, tag, value, files, roots) is not { } replaced)
        {
            return Refused(diagnostic, "which part of the value the fix replaces is not certain");
        }

        var (start, end, text) = replaced;
        if (RoleDefaultText.Edit(yaml, at.Span.Start, start, end, text, out var refusal) is not { } edit)
        {
            return Refused(diagnostic, refusal!);
        }

        var line = yaml.GetLineSpan(at.Start.Line);
        if (TemplateDefaults.RootOf(tag.Span.File.Path) is not { } role)
        {
            return Refused(diagnostic, "the template is in no role");
        }

        switch (RoleVariableUses.OtherUse(role, origin.Variable, [tag.Span, new SourceSpan(yaml, line)]))
        {
            case { Found: true } use:
                return Refused(diagnostic, null, $"not fixed: `{origin.Variable}` is also used in {use.Where}; change it there");
            case { } unknown:
                return Refused(diagnostic, unknown.Where);
        }

        var finding = diagnostic.Finding;
        return diagnostic with
        {
            Finding = finding with
            {
                Notes = [.. finding.Notes.Where(n => !IsThere(n)), $"the fix edits the default of `{origin.Variable}` in {yaml.Path}:{at.Start.Line}, which only this template uses"],
                Fix = fix with { Edits = [edit] },
                OnDefault = null,
            },
        };
    }

    /// <summary>
    /// Which chars [start, end) of <paramref name="rendered"/> the fix replaces, and with what: the rule's fix on the
    /// template with <paramref name="tag"/> written out as <paramref name="rendered"/>, where its edits fall inside that text.
    /// </summary>
    private (int Start, int End, string Text)? Replaced(Diagnostic diagnostic, TemplateTag tag, string rendered, IReadOnlyList<SourceFile> files, int roots)
    {
        var template = tag.Span.File;
        var at = tag.Span.Span;
        var written = template.WithText(string.Concat(template.Text.AsSpan(0, at.Start), rendered, template.Text.AsSpan(at.End)));
        var standIn = files.Select(f => f.Path == template.Path ? written : f).ToArray();
        var inside = new TextSpan(at.Start, rendered.Length);
        bool Within(TextEdit e) => e.File.Path == template.Path && e.Span.Start >= inside.Start && e.Span.End <= inside.End;
        var found = linter.Lint(dialect, standIn[..roots], standIn[roots..]).Diagnostics
            .Where(d => d.RuleId == diagnostic.RuleId && d.Fix is { } f && f.Edits.Any(Within))
            .ToList();
        if (found is not [{ Fix: { } fix }] || !fix.Edits.All(Within))
        {
            return null;
        }

        var edits = fix.Edits.OrderBy(e => e.Span.Start).ToList();
        for (var i = 1; i < edits.Count; i++)
        {
            if (edits[i].Span.Start < edits[i - 1].Span.End)
            {
                return null;
            }
        }

        var start = edits[0].Span.Start - at.Start;
        var end = edits[^1].Span.End - at.Start;
        var text = new System.Text.StringBuilder();
        var copied = start;
        foreach (var e in edits)
        {
            text.Append(rendered, copied, e.Span.Start - at.Start - copied).Append(e.NewText);
            copied = e.Span.End - at.Start;
        }

        return text.ToString() == rendered[start..end] ? null : (start, end, text.ToString());
    }

    /// <summary>The variable an expression's code names when it is nothing else (<c>x</c>, with <c>{{- x -}}</c>'s markers).</summary>
    private static string Bare(string code) => code.Trim().TrimStart('-', '+').TrimEnd('-', '+').Trim();

    private static bool IsThere(string note) => note.StartsWith("not fixed: set by `", StringComparison.Ordinal) && note.EndsWith("; change it there", StringComparison.Ordinal);

    /// <summary>The diagnostic with its "change it there" note saying why the default is not edited (or replaced by <paramref name="note"/>).</summary>
    private static Diagnostic Refused(Diagnostic diagnostic, string? why, string? note = null)
    {
        var finding = diagnostic.Finding;
        var notes = finding.Notes.Select(n => !IsThere(n) ? n : note ?? n[..^"; change it there".Length] + $" ({why}); change it there").ToList();
        return diagnostic with { Finding = finding with { Notes = notes, OnDefault = null } };
    }
}
