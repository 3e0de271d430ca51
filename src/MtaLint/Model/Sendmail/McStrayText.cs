using System.Text;
using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>
/// The lines of a .mc that m4 copies into sendmail.cf as they are (text in diversion 0, outside any
/// macro and outside the raw sections) and that sendmail does not read as they say.
/// </summary>
internal static class McStrayText
{
    /// <summary>One line of m4's diversion 0: its text, and where in the files it comes from (where a finding points).</summary>
    private sealed class OutputLine
    {
        public StringBuilder Text { get; } = new();

        /// <summary>File text copied into the line, and macro calls whose expansion is in it.</summary>
        public List<(SourceSpan At, bool Verbatim)> Sources { get; } = [];
    }

    private const string NoIntent = "end it with dnl if it is a comment, and put raw sendmail.cf lines after LOCAL_CONFIG";

    public static IReadOnlyList<StrayText> Find(IReadOnlyList<McOutput> output)
    {
        var found = new List<StrayText>();
        string? previous = null;
        var rulesetOpen = false;
        foreach (var line in Lines(output))
        {
            var text = line.Text.ToString();
            var reading = SendmailCfLine.Read(text, previous, rulesetOpen);
            if (reading is { Misread: true } && Where(line) is { } span && !IsTemplateTag(span.Text))
            {
                var intended = SendmailCfLine.Intended(span.Text) ?? SendmailCfLine.Intended(text);
                found.Add(new StrayText(span, text.TrimEnd('\r'), reading.Reading, reading.StopsSendmail, intended,
                    intended is null ? NoIntent : $"write {intended} instead"));
            }

            rulesetOpen |= text.StartsWith('S');
            previous = text;
        }

        return found;
    }

    /// <summary>
    /// Text with a template tag (Jinja <c>{{ }}</c> <c>{% %}</c> <c>{# #}</c>, ERB and EPP <c>&lt;% %&gt;</c>) in a
    /// template of an .mc: the engine replaces it before m4 runs, so nothing is concluded from it
    /// (sendmail.cf syntax has <c>${name}</c> and <c>D{name}</c>, never these pairs); in a template read through its
    /// masked view, a tag is <see cref="TemplateFacts.Filler"/> text.
    /// </summary>
    private static bool IsTemplateTag(string text) =>
        text.Contains(TemplateFacts.Filler, StringComparison.Ordinal)
        || text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)
        || text.Contains("{#", StringComparison.Ordinal) || text.Contains("<%", StringComparison.Ordinal);

    /// <summary>
    /// Where a line comes from: from its first non-blank char (or macro call) to its last, in the file
    /// the line starts in; the blanks themselves for a line of blanks.
    /// </summary>
    private static SourceSpan? Where(OutputLine line)
    {
        if (line.Sources.Count == 0)
        {
            return null;
        }

        var file = line.Sources[0].At.File;
        var pieces = line.Sources.Where(s => s.At.File == file).ToList();
        int? start = null;
        var end = -1;
        foreach (var (at, verbatim) in pieces)
        {
            if (!verbatim)
            {
                start = Math.Min(start ?? at.Span.Start, at.Span.Start);
                end = Math.Max(end, at.Span.End);
                continue;
            }

            for (var i = at.Span.Start; i < at.Span.End; i++)
            {
                if (!char.IsWhiteSpace(file.Text[i]))
                {
                    start = Math.Min(start ?? i, i);
                    end = Math.Max(end, i + 1);
                }
            }
        }

        if (start is { } s)
        {
            return file.Span(s, end - s);
        }

        // A line of blanks: the blanks, without the line break.
        var first = pieces[0].At.Span.Start;
        var last = pieces[^1].At.Span.End;
        while (last > first && file.Text[last - 1] is '\r' or '\n')
        {
            last--;
        }

        return last > first ? file.Span(first, last - first) : null;
    }

    private static IEnumerable<OutputLine> Lines(IReadOnlyList<McOutput> output)
    {
        var line = new OutputLine();
        foreach (var piece in output)
        {
            // A file's text is read in place: a file of stray text is not copied piece by piece.
            var (text, offset, length) = piece.Produced is { } produced ? (produced, 0, produced.Length)
                : piece.At is { } at ? (at.File.Text, at.Span.Start, at.Span.Length)
                : (string.Empty, 0, 0);
            var start = offset;
            var stop = offset + length;
            while (start <= stop)
            {
                var newline = text.IndexOf('\n', start, stop - start);
                var end = newline < 0 ? stop : newline;
                line.Text.Append(text, start, end - start);
                if (piece.At is { } from && end > start)
                {
                    line.Sources.Add(piece.Verbatim ? (from.File.Span(start, end - start), true) : (from, false));
                }

                if (newline < 0)
                {
                    break;
                }

                yield return line;
                line = new OutputLine();
                start = newline + 1;
            }
        }

        if (line.Text.Length > 0)
        {
            yield return line;
        }
    }
}
