using System.Text;
using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>
/// The lines of a .mc that m4 copies into sendmail.cf as they are (text in diversion 0, outside any
/// macro and outside the raw sections) and that sendmail does not read as they say.
/// </summary>
public static class McStrayText
{
    /// <summary>One line of m4's diversion 0: its text, and the file text in it (where a finding points).</summary>
    private sealed class OutputLine
    {
        public StringBuilder Text { get; } = new();

        public List<SourceSpan> FileText { get; } = [];
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
            if (reading is { Misread: true } && Where(line) is { } span)
            {
                var intended = SendmailCfLine.Intended(span.Text);
                found.Add(new StrayText(span, text.TrimEnd('\r'), reading.Reading, reading.StopsSendmail, intended,
                    intended is null ? NoIntent : $"write {intended} instead"));
            }

            rulesetOpen |= text.StartsWith('S');
            previous = text;
        }

        return found;
    }

    /// <summary>The file text of a line: from its first non-blank char to its last, in the file the line starts in; the blanks themselves for a line of blanks.</summary>
    private static SourceSpan? Where(OutputLine line)
    {
        if (line.FileText.Count == 0)
        {
            return null;
        }

        var file = line.FileText[0].File;
        var pieces = line.FileText.Where(s => s.File == file).ToList();
        int? start = null;
        var end = -1;
        foreach (var piece in pieces)
        {
            for (var i = piece.Span.Start; i < piece.Span.End; i++)
            {
                if (!char.IsWhiteSpace(file.Text[i]))
                {
                    start ??= i;
                    end = i + 1;
                }
            }
        }

        if (start is { } s)
        {
            return file.Span(s, end - s);
        }

        // A line of blanks: the blanks, without the line break.
        var first = pieces[0].Span.Start;
        var last = pieces[^1].Span.End;
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
            var text = piece.Text;
            var start = 0;
            while (start <= text.Length)
            {
                var newline = text.IndexOf('\n', start);
                var end = newline < 0 ? text.Length : newline;
                line.Text.Append(text, start, end - start);
                if (piece.Span is { } span && end > start)
                {
                    line.FileText.Add(span.File.Span(span.Span.Start + start, end - start));
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
