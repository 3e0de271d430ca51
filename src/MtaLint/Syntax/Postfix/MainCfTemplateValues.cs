using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Syntax.Postfix;

/// <summary>
/// Puts the known text of a template's expression tags (a role default) into the main.cf values the masked view
/// read them as holes in, as postconf reads the rendered file: a text with line breaks continues the value only
/// where each line it makes is a continuation line (led by blanks; a blank or comment line it makes is skipped, as
/// readlline skips them); a line it makes at column 0 would start another setting, so that text stays unknown.
/// Every spliced char maps into its tag's span, so every span stays the template's.
/// </summary>
public static class MainCfTemplateValues
{
    /// <summary><paramref name="document"/> (parsed from <paramref name="view"/>'s text) with the known tags' texts in its values; <paramref name="spliced"/> the tags put in.</summary>
    public static MainCfDocument Splice(MainCfDocument document, TemplateView view, out IReadOnlyCollection<TemplateToken> spliced)
    {
        var done = new List<TemplateToken>();
        spliced = done;
        var known = view.Known.Where(k => k.Tag.Span.Length > 0).OrderBy(k => k.Tag.Span.Start).ToArray();
        if (known.Length == 0)
        {
            return document;
        }

        var source = view.Document.File.Text;
        var starts = known.Select(k => k.Tag.Span.Start).ToArray();
        var assignments = new List<MainCfAssignment>(document.Assignments.Count);
        foreach (var a in document.Assignments)
        {
            var i = Array.BinarySearch(starts, a.ValueSpan.Start);
            i = i >= 0 ? i : ~i;
            var value = a.ValueText;
            var changed = false;
            // Right to left, so that the chars of the tags still to do keep their indexes.
            var inValue = new List<(TemplateToken Tag, string Text)>();
            for (; i < known.Length && known[i].Tag.Span.End <= a.ValueSpan.End; i++)
            {
                inValue.Add((known[i].Tag, known[i].Value.Text));
            }

            foreach (var (tag, text) in Enumerable.Reverse(inValue))
            {
                if (Rendered(source, tag, text) is not { } joined || IndexOf(value, tag.Span.Start) is not { } at
                    || at + tag.Span.Length > value.Length || value.ToFile(at + tag.Span.Length - 1) != tag.Span.End - 1)
                {
                    continue;
                }

                value = value.Splice(at, at + tag.Span.Length, joined, tag.Span);
                done.Add(tag);
                changed = true;
            }

            assignments.Add(changed ? a.WithValue(Trimmed(value)) : a);
        }

        return done.Count == 0 ? document : document.WithAssignments(assignments);
    }

    /// <summary>What the value reads of <paramref name="text"/> written in place of <paramref name="tag"/>; null when postconf would read it otherwise than as part of this value.</summary>
    private static string? Rendered(string source, TemplateToken tag, string text)
    {
        if (source.AsSpan(tag.Span.Start, tag.Span.Length).Contains('\n')
            || source.AsSpan(tag.StrippedBefore.Start, tag.StrippedBefore.Length).Contains('\n')
            || source.AsSpan(tag.StrippedAfter.Start, tag.StrippedAfter.Length).Contains('\n')
            || text.AsSpan().IndexOfAny('\r', '\0', TemplateView.Filler) >= 0)
        {
            return null;
        }

        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        var lineEnd = source.IndexOf('\n', tag.Span.End);
        var rest = source[tag.Span.End..(lineEnd < 0 ? source.Length : lineEnd)];
        var lines = text.Split('\n');
        var joined = new System.Text.StringBuilder(lines[0]);
        for (var n = 1; n < lines.Length; n++)
        {
            var last = n == lines.Length - 1;
            var line = last ? lines[n] + rest : lines[n];
            var first = 0;
            while (first < line.Length && PostfixLineReader.IsSpace(line[first]))
            {
                first++;
            }

            if (first == line.Length)
            {
                // A blank line: skipped. Blanks after the tag would be skipped with it, not read into the value.
                if (last && rest.Length > 0)
                {
                    return null;
                }

                continue;
            }

            if (line[first] == '#')
            {
                // A comment line, skipped also inside a value; the tag's own line would take the rest of it along.
                if (last)
                {
                    return null;
                }

                continue;
            }

            if (first == 0)
            {
                return null; // another setting starts
            }

            joined.Append(lines[n]);
        }

        return joined.ToString();
    }

    private static int? IndexOf(MappedText value, int fileOffset)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value.ToFile(i) == fileOffset)
            {
                return i;
            }
        }

        return null;
    }

    // Postfix trims the value's blanks; a text spliced at its edge may bring some.
    private static MappedText Trimmed(MappedText value)
    {
        var chars = value.Text;
        var start = 0;
        var end = chars.Length;
        while (start < end && PostfixLineReader.IsSpace(chars[start]))
        {
            start++;
        }

        while (end > start && PostfixLineReader.IsSpace(chars[end - 1]))
        {
            end--;
        }

        return start == 0 && end == chars.Length ? value : value.Slice(start, end);
    }
}
