using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>What a physical line of an Exim config is, judged by its own text (before macros).</summary>
internal enum EximLineKind
{
    Blank,

    /// <summary>First non-blank char is <c>#</c>: ignored, also inside a continued value.</summary>
    Comment,

    /// <summary>First non-blank char is <c>.</c>: <c>.ifdef</c>, <c>.include</c>... (applied to physical lines).</summary>
    Directive,

    /// <summary>Anything else: an option, a macro, a section or driver header, an ACL line, a continuation.</summary>
    Content,
}

/// <summary>One physical line: its text and its line break, and whether it ends with a continuation backslash.</summary>
/// <param name="Start">Offset of the line's first char.</param>
/// <param name="ContentLength">Chars before the line break (a CR of CRLF counts as line break).</param>
/// <param name="BreakLength">0, 1 (<c>\n</c>) or 2 (<c>\r\n</c>).</param>
internal readonly record struct EximPhysicalLine(int Start, int ContentLength, int BreakLength, EximLineKind Kind, bool EndsWithBackslash)
{
    public int End => Start + ContentLength + BreakLength;
}

/// <summary>
/// An Exim config file as physical lines, losslessly: <see cref="Print"/> gives back the text byte
/// for byte. What the lines mean (macros, conditionals, continuations) is <see cref="EximReader"/>'s job,
/// because Exim decides it only while reading with the macros defined so far.
/// </summary>
internal sealed class EximDocument
{
    private EximDocument(SourceFile file, IReadOnlyList<EximPhysicalLine> lines)
    {
        File = file;
        Lines = lines;
    }

    public SourceFile File { get; }

    public IReadOnlyList<EximPhysicalLine> Lines { get; }

    public static EximDocument Parse(SourceFile file)
    {
        var text = file.Text;
        // Sized once: the lines are counted far faster than a growing list copies them.
        var lines = new List<EximPhysicalLine>(text.AsSpan().Count('\n') + 1);
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var breakLength = newline < 0 ? 0 : 1;
            if (newline > start && text[newline - 1] == '\r')
            {
                end--;
                breakLength = 2;
            }

            lines.Add(new EximPhysicalLine(start, end - start, breakLength, Classify(text, start, end), EndsWithBackslash(text, start, end)));
            start = end + breakLength;
        }

        return new EximDocument(file, lines);
    }

    public string Print() => string.Concat(Lines.Select(l => File.Text.AsSpan(l.Start, l.End - l.Start).ToString()));

    private static EximLineKind Classify(string text, int start, int end)
    {
        var i = start;
        while (i < end && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        return i == end ? EximLineKind.Blank : text[i] switch
        {
            '#' => EximLineKind.Comment,
            '.' => EximLineKind.Directive,
            _ => EximLineKind.Content,
        };
    }

    private static bool EndsWithBackslash(string text, int start, int end)
    {
        while (end > start && MappedText.IsSpace(text[end - 1]))
        {
            end--;
        }

        return end > start && text[end - 1] == '\\';
    }
}
