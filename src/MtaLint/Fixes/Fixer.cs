using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Fixes;

/// <summary>The outcome of fixing one unit.</summary>
/// <param name="Files">The files after fixing (the same objects as given when nothing changed): the unit's files, then those they include.</param>
/// <param name="Applied">The fixes applied, in order.</param>
/// <param name="Remaining">The findings on the fixed files.</param>
/// <param name="Converged">False when fixes kept producing new fixes until the pass limit.</param>
/// <param name="Problem">Why fixing stopped early (a fix produced text that does not parse), else null.</param>
internal sealed record FixResult(
    IReadOnlyList<SourceFile> Files,
    IReadOnlyList<Diagnostic> Applied,
    LintResult Remaining,
    bool Converged,
    string? Problem)
{
    public IEnumerable<(SourceFile Before, SourceFile After)> ChangedFiles(IReadOnlyList<SourceFile> original) =>
        original.Zip(Files).Where(p => p.First.Text != p.Second.Text);
}

/// <summary>
/// Applies fixes until none is left: each pass takes the fixes whose edits do not overlap
/// one already taken, applies them, re-parses and re-lints. Bounded by <see cref="MaxPasses"/>.
/// A fix that would bring a new error is withheld (<see cref="WithheldFixes"/>): when a pass's
/// fixes together bring one, they are tried one by one, and those that bring it stay unapplied.
/// </summary>
/// <param name="editable">The only files fixes may edit (standard input, whose unit's other files are on disk); null: every file of the unit.</param>
internal sealed class Fixer(Linter linter, bool includeUnsafe, IReadOnlySet<string>? editable = null)
{
    public const int MaxPasses = 10;

    /// <param name="files">The files the MTA is given.</param>
    /// <param name="included">Files they include: fixed like the others (a setting may be written there).</param>
    public FixResult Fix(IDialect dialect, IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile>? included = null)
    {
        var applied = new List<Diagnostic>();
        var roots = files.Count;
        IReadOnlyList<SourceFile> current = included is { Count: > 0 } ? [.. files, .. included] : files;
        var defaults = new DefaultsFixes(linter, dialect);
        LintResult Lint(IReadOnlyList<SourceFile> all) => defaults.Resolve(linter.Lint(dialect, all.Take(roots).ToArray(), all.Skip(roots).ToArray()), all, roots);
        var result = Lint(current);
        // Errors the files had before (an include that is not there) are not the fixes' doing.
        var knownErrors = result.Diagnostics.Where(d => d.RuleId == Linter.SyntaxErrorId).Select(d => d.Message).ToHashSet(StringComparer.Ordinal);
        bool Unreadable(LintResult lint) => lint.Config is null || lint.Diagnostics.Any(d => d.RuleId == Linter.SyntaxErrorId && !knownErrors.Contains(d.Message));
        var withheld = new WithheldFixes();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            if (result.Config is null)
            {
                return new FixResult(current, applied, withheld.Annotate(result), Converged: true, Problem: null);
            }

            var chosen = Choose(result.Diagnostics, current, withheld);
            if (chosen.Count == 0)
            {
                return new FixResult(current, applied, withheld.Annotate(result), Converged: true, Problem: null);
            }

            var next = Apply(current, chosen.SelectMany(d => d.Fix!.Edits));
            var nextResult = Lint(next);
            if (Unreadable(nextResult))
            {
                var broken = string.Join(", ", chosen.Select(d => d.RuleId).Distinct());
                return new FixResult(current, applied, withheld.Annotate(result), Converged: true,
                    Problem: $"the fixes for {broken} would make the file unreadable; they were not applied (please report this)");
            }

            if (WithheldFixes.NewErrors(result, nextResult).Count > 0)
            {
                // Rare: found by trying the pass's fixes one at a time on top of those already kept.
                var kept = new List<Diagnostic>();
                (next, nextResult) = (current, result);
                foreach (var d in chosen)
                {
                    var trial = Apply(current, kept.Append(d).SelectMany(k => k.Fix!.Edits));
                    var trialResult = Lint(trial);
                    var errors = Unreadable(trialResult) ? [] : WithheldFixes.NewErrors(result, trialResult);
                    if (Unreadable(trialResult) || errors.Count > 0)
                    {
                        withheld.Withhold(d, errors);
                        continue;
                    }

                    kept.Add(d);
                    (next, nextResult) = (trial, trialResult);
                }

                chosen = kept;
            }

            applied.AddRange(chosen);
            current = next;
            result = nextResult;
        }

        return new FixResult(current, applied, withheld.Annotate(result), Converged: Choose(result.Diagnostics, current, withheld).Count == 0,
            Problem: $"fixes did not settle after {MaxPasses} passes");
    }

    /// <summary>
    /// The fixes one pass applies, in the order of their findings. Ruff's way: the fixes are visited
    /// in the order their edits start (ties in the order of their findings), and one that would start
    /// before a fix taken so far has ended is left for the next pass, which sees it again on the
    /// re-parsed text.
    /// </summary>
    private List<Diagnostic> Choose(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<SourceFile> files, WithheldFixes withheld)
    {
        var paths = files.Select(f => f.Path).Where(p => editable?.Contains(p) ?? true).ToHashSet(StringComparer.Ordinal);
        var candidates = diagnostics.Where(d => d.Fix is { } fix && fix.Edits.Count > 0 && (fix.Safety != FixSafety.Unsafe || includeUnsafe) && !withheld.Contains(d))
            // A fix that edits a file that is not part of the unit (a main.cf absent beside a lone master.cf), or one not to edit, cannot apply.
            .Where(d => d.Fix!.Edits.All(e => paths.Contains(e.File.Path)))
            .ToList();
        var taken = new TakenEdits();
        var chosen = new bool[candidates.Count];
        foreach (var i in Enumerable.Range(0, candidates.Count).OrderBy(i => candidates[i].Fix!.Edits.Min(e => e.Span.Start)))
        {
            var edits = candidates[i].Fix!.Edits;
            if (edits.All(taken.Clear))
            {
                foreach (var edit in edits)
                {
                    taken.Take(edit);
                }

                chosen[i] = true;
            }
        }

        return candidates.Where((_, i) => chosen[i]).ToList();
    }

    /// <summary>Applies edits to their files; edits to one file must not overlap.</summary>
    public static IReadOnlyList<SourceFile> Apply(IReadOnlyList<SourceFile> files, IEnumerable<TextEdit> edits)
    {
        var byFile = edits.GroupBy(e => e.File.Path).ToDictionary(g => g.Key, g => g.ToList());
        return files.Select(file =>
        {
            if (!byFile.TryGetValue(file.Path, out var fileEdits))
            {
                return file;
            }

            // In order of their starts (insertions at one offset in the order given): each edit ends
            // before the next starts, so the text is copied once around them, however many there are.
            var ordered = fileEdits.Select((e, i) => (e, i)).OrderBy(x => x.e.Span.Start).ThenBy(x => x.i).Select(x => x.e).ToList();
            var text = new System.Text.StringBuilder(file.Text.Length);
            var copied = 0;
            foreach (var edit in ordered)
            {
                if (edit.Span.Start < copied)
                {
                    return file.WithText(ApplyBackToFront(file.Text, ordered));
                }

                text.Append(file.Text, copied, edit.Span.Start - copied).Append(edit.NewText);
                copied = edit.Span.End;
            }

            return file.WithText(text.Append(file.Text, copied, file.Text.Length - copied).ToString());
        }).ToArray();
    }

    /// <summary>Edits that overlap (against the rule, so never from the fixer itself) applied one by one from the back, so that each edit's offsets still point into the text it was made for.</summary>
    private static string ApplyBackToFront(string original, List<TextEdit> ordered)
    {
        var text = new System.Text.StringBuilder(original);
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            text.Remove(ordered[i].Span.Start, ordered[i].Span.Length).Insert(ordered[i].Span.Start, ordered[i].NewText);
        }

        return text.ToString();
    }
}
