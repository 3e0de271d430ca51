using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// Keeps the text of files outside the linted tree (<see cref="LintedTree"/>) out of a unit's
/// report, in every format. A finding in such a file keeps its rule, severity, file, line and
/// column; its message becomes the rule's summary, its notes and fix are dropped, and its file is
/// <see cref="SourceFile.Withheld"/>, so no format has an excerpt or a snippet to show. Every other
/// string of the unit (messages, notes, fix descriptions, inserted text) goes through an
/// <see cref="OutsideTextMask"/> of those files, which catches what a rule quotes of them (a macro's
/// value in a banner). A fix that would edit such a file is dropped: it is never applied either.
/// </summary>
public sealed class TreeRedaction(LintedTree tree)
{
    public const string WithheldNote = "its text is withheld: the file lies outside the linted tree (the folders and files named on the command line)";

    public LintedTree Tree => tree;

    /// <summary>The files of <paramref name="read"/> (and those the report points into) whose text must not be shown.</summary>
    public IReadOnlyList<SourceFile> Outside(UnitReport report, IEnumerable<SourceFile> read)
    {
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var file in read.Concat(report.Diagnostics.Concat(report.Applied).SelectMany(FilesOf)))
        {
            files.TryAdd(file.Path, file);
        }

        // A file with no text (a missing one, an input error) has nothing to leak.
        return files.Values.Where(f => f.Text.Length > 0 && !tree.Contains(f.Path)).ToArray();
    }

    /// <summary>The report with nothing of a file outside the tree in it.</summary>
    /// <param name="read">Every file the unit read: its own and those they include (<see cref="LintResult.Included"/>).</param>
    public UnitReport Apply(UnitReport report, IEnumerable<SourceFile> read)
    {
        var outside = Outside(report, read);
        if (outside.Count == 0)
        {
            return report;
        }

        var outsidePaths = outside.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var all = report.Diagnostics.Concat(report.Applied).ToArray();
        var mask = new OutsideTextMask(outside.Select(f => f.Text));
        mask.Prepare(all.Where(d => !IsIn(d, outsidePaths)).SelectMany(Strings));
        var blanks = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        Diagnostic Redact(Diagnostic d) => IsIn(d, outsidePaths) ? PositionOnly(d, blanks) : Masked(d, mask, outsidePaths);
        return report with
        {
            Diagnostics = report.Diagnostics.Select(Redact).ToArray(),
            Applied = report.Applied.Select(Redact).ToArray(),
        };
    }

    /// <summary>
    /// <paramref name="report"/> with what its texts quote of the files outside the tree among
    /// <paramref name="read"/> masked; its own files are not judged (a probe's session: what the
    /// wire rules compare with a config can quote that config's macros).
    /// </summary>
    public UnitReport MaskQuotes(UnitReport report, IEnumerable<SourceFile> read)
    {
        var outside = Outside(new UnitReport([], [], []), read);
        if (outside.Count == 0)
        {
            return report;
        }

        var paths = outside.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var mask = new OutsideTextMask(outside.Select(f => f.Text));
        mask.Prepare(report.Diagnostics.SelectMany(Strings));
        return report with { Diagnostics = report.Diagnostics.Select(d => Masked(d, mask, paths)).ToArray() };
    }

    /// <summary>A mask of the files outside the tree among <paramref name="read"/>, for text that is not a finding (<c>--diff</c>, <c>show</c>); null when there are none.</summary>
    public OutsideTextMask? MaskFor(IEnumerable<SourceFile> read)
    {
        var outside = Outside(new UnitReport([], [], []), read);
        return outside.Count == 0 ? null : new OutsideTextMask(outside.Select(f => f.Text));
    }

    private static IEnumerable<SourceFile> FilesOf(Diagnostic d)
    {
        yield return d.Finding.File;
        if (d.Finding.Location is { } location)
        {
            yield return location.File;
        }

        foreach (var edit in d.Fix?.Edits ?? [])
        {
            yield return edit.File;
        }
    }

    private static bool IsIn(Diagnostic d, HashSet<string> paths) =>
        paths.Contains(d.Finding.File.Path) || (d.Finding.Location is { } l && paths.Contains(l.File.Path));

    private static IEnumerable<string> Strings(Diagnostic d)
    {
        yield return d.Message;
        foreach (var note in d.Finding.Notes)
        {
            yield return note;
        }

        if (d.Fix is { } fix)
        {
            yield return fix.Description;
            foreach (var edit in fix.Edits)
            {
                yield return edit.NewText;
            }
        }
    }

    private static Diagnostic PositionOnly(Diagnostic d, Dictionary<string, SourceFile> blanks)
    {
        SourceFile Blank(SourceFile f) => blanks.TryGetValue(f.Path, out var b) ? b : blanks[f.Path] = f.Withheld();
        // Where it starts, not how far it reaches: the extent of a span would tell a line's length.
        var location = d.Finding.Location is { } l ? new SourceSpan(Blank(l.File), new TextSpan(l.Span.Start, 0)) : null;
        var summary = RuleDocs.ById.TryGetValue(d.RuleId, out var doc) ? doc.Summary : d.RuleName;
        // Lower case as a message starts, but not an acronym ("TLS is on ...").
        var message = summary.Length == 0 ? d.RuleId : summary.Length > 1 && char.IsUpper(summary[1]) ? summary : char.ToLowerInvariant(summary[0]) + summary[1..];
        return d with { Finding = new Finding(Blank(d.Finding.File), location, message, [WithheldNote], null) };
    }

    private static Diagnostic Masked(Diagnostic d, OutsideTextMask mask, HashSet<string> outsidePaths)
    {
        var fix = d.Fix;
        if (fix is not null && fix.Edits.Any(e => outsidePaths.Contains(e.File.Path)))
        {
            fix = null; // it would edit a file outside the tree: never applied, and not to be shown
        }
        else if (fix is not null)
        {
            var description = mask.Apply(fix.Description);
            var edits = fix.Edits.Select(e => mask.Apply(e.NewText) is var text && ReferenceEquals(text, e.NewText) ? e : e with { NewText = text }).ToArray();
            if (!ReferenceEquals(description, fix.Description) || !edits.SequenceEqual(fix.Edits, ReferenceEqualityComparer.Instance))
            {
                fix = fix with { Description = description, Edits = edits };
            }
        }

        var message = mask.Apply(d.Message);
        var notes = d.Finding.Notes.Select(mask.Apply).ToArray();
        if (ReferenceEquals(message, d.Message) && ReferenceEquals(fix, d.Fix) && notes.SequenceEqual(d.Finding.Notes, ReferenceEqualityComparer.Instance))
        {
            return d;
        }

        return d with { Finding = d.Finding with { Message = message, Notes = notes, Fix = fix } };
    }
}
