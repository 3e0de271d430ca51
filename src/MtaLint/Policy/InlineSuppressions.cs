using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Policy;

/// <summary>
/// Applies suppression comments to a unit's findings and reports the suppressions that are
/// themselves wrong: <see cref="UnusedId"/> for one that suppresses nothing (ruff's unused-noqa),
/// <see cref="InvalidId"/> for an unknown rule id or a malformed comment.
/// </summary>
/// <param name="ruleRanOn">Whether a rule ran on a file (an unused suppression of a rule that is off is not reported).</param>
/// <param name="rules">The rules a suppression may name, by id or name.</param>
internal sealed class InlineSuppressions(Func<string, string, bool> ruleRanOn, RuleNames rules)
{
    public const string UnusedId = "MTA001";

    public const string InvalidId = "MTA002";

    /// <param name="result">The unit's findings after per-file policy.</param>
    /// <param name="diagnostics">The findings to filter (a subset of the result's).</param>
    /// <param name="policyDiagnostic">Makes a diagnostic of <see cref="UnusedId"/> or <see cref="InvalidId"/> (null when that rule is off).</param>
    public IReadOnlyList<Diagnostic> Apply(LintResult result, IReadOnlyList<Diagnostic> diagnostics, Func<string, Finding, Diagnostic?> policyDiagnostic)
    {
        if (result.Config is not { } config || result.Dialect is not { } dialect)
        {
            return diagnostics;
        }

        var kept = new List<Diagnostic>();
        var extra = new List<Diagnostic>();
        var byPath = diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var handledPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in result.Files)
        {
            if (!handledPaths.Add(file.Path))
            {
                continue;
            }

            var fileDiagnostics = byPath.GetValueOrDefault(file.Path) ?? [];
            var (comments, malformed) = SuppressionParser.Parse(file, dialect.Comments, rules);
            if (comments.Count == 0 && malformed.Count == 0)
            {
                kept.AddRange(fileDiagnostics);
                continue;
            }

            var fileExtra = new List<Diagnostic>();
            foreach (var bad in malformed)
            {
                Add(fileExtra, policyDiagnostic(InvalidId, Finding.At(bad.Span, bad.Message)));
            }

            var cover = new SuppressionTargets(file, config, dialect.Comments);
            var targets = comments.Select(c => c.Scope == SuppressionScope.File ? null : cover.For(c.LineNumber)).ToArray();
            var suppressors = new SuppressionMatcher(comments, targets).Match(fileDiagnostics);
            var used = new HashSet<SuppressedId>();
            for (var d = 0; d < fileDiagnostics.Count; d++)
            {
                if (suppressors[d] is { } suppressedBy)
                {
                    used.Add(suppressedBy);
                }
                else
                {
                    kept.Add(fileDiagnostics[d]);
                }
            }

            for (var i = 0; i < comments.Count; i++)
            {
                var comment = comments[i];
                var unused = new List<SuppressedId>();
                foreach (var entry in comment.Ids)
                {
                    if (rules.IdOf(entry.Id) is null)
                    {
                        Add(fileExtra, policyDiagnostic(InvalidId, Finding.At(entry.Span,
                            rules.DidYouMean(entry.Written) is { } meant
                                ? $"'{entry.Written}' is not a rule mtalint knows, so this suppression does nothing; did you mean {meant}?"
                                : $"'{entry.Written}' is not a rule mtalint knows, so this suppression does nothing ('mtalint rules' lists the ids and names)")));
                    }
                    else if (!used.Contains(entry) && ruleRanOn(file.Path, entry.Id))
                    {
                        unused.Add(entry);
                    }
                }

                foreach (var entry in unused)
                {
                    var what = comment.Scope == SuppressionScope.File ? "in this file" : targets[i] is null ? "(no setting follows the comment)" : "on the setting that follows";
                    var named = string.Equals(entry.Written, entry.Id, StringComparison.OrdinalIgnoreCase) ? entry.Id : $"{entry.Written} ({entry.Id})";
                    Add(fileExtra, policyDiagnostic(UnusedId, Finding.At(entry.Span,
                        $"suppression of {named} is unused: {entry.Id} reports nothing {what}",
                        UnusedFix(file, comment, unused, entry))));
                }
            }

            // A file-wide suppression of MTA001/MTA002 quiets the suppression checks themselves.
            var fileWide = comments.Where(c => c.Scope == SuppressionScope.File).SelectMany(c => c.Ids).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            extra.AddRange(fileExtra.Where(d => !fileWide.Contains(d.RuleId)));
        }

        foreach (var (path, list) in byPath)
        {
            if (!handledPaths.Contains(path))
            {
                kept.AddRange(list);
            }
        }

        kept.AddRange(extra);
        return kept;
    }

    private static void Add(List<Diagnostic> list, Diagnostic? d)
    {
        if (d is not null)
        {
            list.Add(d);
        }
    }

    /// <summary>Deletes the whole comment when every id in it is unused, else just the unused id and its comma.</summary>
    private static Fix UnusedFix(SourceFile file, SuppressionComment comment, IReadOnlyList<SuppressedId> unused, SuppressedId entry)
    {
        if (unused.Count == comment.Ids.Count)
        {
            return Fix.Safe("remove the unused suppression comment", TextEdit.Delete(comment.Line));
        }

        var text = file.Text;
        var start = entry.Span.Span.Start;
        var end = entry.Span.Span.End;
        var after = end;
        while (after < text.Length && text[after] is ' ' or '\t')
        {
            after++;
        }

        if (after < text.Length && text[after] == ',')
        {
            end = after + 1;
            while (end < text.Length && text[end] is ' ' or '\t')
            {
                end++;
            }
        }
        else
        {
            // The last id: take the comma before it instead.
            var before = start - 1;
            while (before >= 0 && text[before] is ' ' or '\t')
            {
                before--;
            }

            if (before >= 0 && text[before] == ',')
            {
                start = before;
            }
        }

        return Fix.Safe($"remove {entry.Written} from the suppression", TextEdit.Delete(file.Span(start, end - start)));
    }
}
