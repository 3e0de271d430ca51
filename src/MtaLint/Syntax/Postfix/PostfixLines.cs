using MtaLint.Text;

namespace MtaLint.Syntax.Postfix;

/// <summary>What a physical line is to Postfix's logical-line reader (readlline).</summary>
public enum PostfixLineKind
{
    /// <summary>Empty or whitespace only: skipped, and it does not end a logical line.</summary>
    Blank,

    /// <summary>First non-blank char is <c>#</c>: skipped, even inside a continued value.</summary>
    Comment,

    /// <summary>Starts at column 0 with text: begins a logical line.</summary>
    Start,

    /// <summary>Starts with whitespace and has text: continues the logical line.</summary>
    Continuation,
}

/// <summary>One physical line: <see cref="Span"/> includes its <c>\n</c>; <see cref="ContentEnd"/> excludes it (a <c>\r</c> is content, as for Postfix).</summary>
public readonly record struct PostfixLine(PostfixLineKind Kind, TextSpan Span, int ContentEnd)
{
    public int Start => Span.Start;
}

/// <summary>
/// Text assembled from pieces of a file (a logical line, or a value inside one), with the way
/// back from each char to its offset in the file.
/// </summary>
public sealed class MappedText
{
    private readonly int[] _pieceStarts; // offset in Text where each piece starts
    private readonly int[] _pieceFileStarts; // offset in the file of the same char
    private readonly int _fileEnd;

    public MappedText(string text, int[] pieceStarts, int[] pieceFileStarts, int fileEnd)
    {
        Text = text;
        _pieceStarts = pieceStarts;
        _pieceFileStarts = pieceFileStarts;
        _fileEnd = fileEnd;
    }

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>The file offset of char <paramref name="index"/>; <see cref="Length"/> maps just past the last char.</summary>
    public int ToFile(int index)
    {
        if (index >= Text.Length)
        {
            return Text.Length == 0 ? _fileEnd : ToFile(Text.Length - 1) + 1;
        }

        var piece = Array.BinarySearch(_pieceStarts, index);
        if (piece < 0)
        {
            piece = ~piece - 1;
        }

        return _pieceFileStarts[piece] + (index - _pieceStarts[piece]);
    }

    /// <summary>The file span covering chars [start, end) (line breaks and skipped lines between them included).</summary>
    public TextSpan FileSpan(int start, int end) =>
        end <= start ? new TextSpan(ToFile(start), 0) : TextSpan.FromBounds(ToFile(start), ToFile(end - 1) + 1);

    public MappedText Slice(int start, int end)
    {
        if (_pieceStarts.Length == 1)
        {
            // One piece (a logical line of one physical line, most of them): no lists to gather pieces in.
            return start < Text.Length && end > 0
                ? new MappedText(Text[start..end], [0], [_pieceFileStarts[0] + start], ToFile(end))
                : new MappedText(string.Empty, [0], [ToFile(start)], ToFile(start));
        }

        var starts = new List<int>();
        var files = new List<int>();
        for (var i = 0; i < _pieceStarts.Length; i++)
        {
            var pieceStart = _pieceStarts[i];
            var pieceEnd = i + 1 < _pieceStarts.Length ? _pieceStarts[i + 1] : Text.Length;
            if (pieceEnd <= start || pieceStart >= end)
            {
                continue;
            }

            var from = Math.Max(pieceStart, start);
            starts.Add(from - start);
            files.Add(_pieceFileStarts[i] + (from - pieceStart));
        }

        if (starts.Count == 0)
        {
            return new MappedText(string.Empty, [0], [ToFile(start)], ToFile(start));
        }

        return new MappedText(Text[start..end], starts.ToArray(), files.ToArray(), ToFile(end));
    }

    public static MappedText FromFile(string fileText, TextSpan span) =>
        new(fileText.Substring(span.Start, span.Length), [0], [span.Start], span.End);
}

/// <summary>A logical line: a start line (or, at the top of a file, an orphan continuation) and the lines that continue it.</summary>
/// <param name="Lines">Every physical line from the first through the last continuation (comments and blanks between them included).</param>
/// <param name="Text">The logical text: the contents of the start and continuation lines joined with nothing between them, as readlline does.</param>
public sealed record PostfixLogicalLine(IReadOnlyList<PostfixLine> Lines, MappedText Text, bool IsOrphan)
{
    public int Start => Lines[0].Start;

    /// <summary>From the first char of the first line through the line break of the last start/continuation line.</summary>
    public TextSpan WholeSpan => TextSpan.FromBounds(Lines[0].Start, Lines[^1].Span.End);
}

/// <summary>Splits text into physical lines and logical lines exactly as Postfix's readlline does.</summary>
public static class PostfixLineReader
{
    /// <summary>Postfix's ISSPACE: ASCII whitespace only.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    public static IReadOnlyList<PostfixLine> SplitLines(string text)
    {
        var lines = new List<PostfixLine>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var contentEnd = newline < 0 ? text.Length : newline;
            var end = newline < 0 ? text.Length : newline + 1;
            lines.Add(new PostfixLine(Classify(text, start, contentEnd), TextSpan.FromBounds(start, end), contentEnd));
            start = end;
        }

        return lines;
    }

    /// <summary>
    /// Groups physical lines into logical lines. A logical line ends only where a line starts
    /// with text at column 0: blank and comment lines in between are skipped, not terminators.
    /// Continuation text before the first start line is an orphan (Postfix warns and ignores it).
    /// </summary>
    public static IReadOnlyList<PostfixLogicalLine> Group(string text, IReadOnlyList<PostfixLine> lines)
    {
        var result = new List<PostfixLogicalLine>();
        List<PostfixLine>? current = null;
        var currentOrphan = false;
        var pendingTrivia = new List<PostfixLine>();

        void Flush()
        {
            if (current is not null)
            {
                result.Add(new PostfixLogicalLine(current, Join(text, current), currentOrphan));
            }

            current = null;
        }

        foreach (var line in lines)
        {
            switch (line.Kind)
            {
                case PostfixLineKind.Start:
                    Flush();
                    pendingTrivia.Clear();
                    current = [line];
                    currentOrphan = false;
                    break;
                case PostfixLineKind.Continuation:
                    if (current is null)
                    {
                        current = [line];
                        currentOrphan = true;
                    }
                    else
                    {
                        current.AddRange(pendingTrivia);
                        current.Add(line);
                    }

                    pendingTrivia.Clear();
                    break;
                default:
                    if (current is not null)
                    {
                        pendingTrivia.Add(line);
                    }

                    break;
            }
        }

        Flush();
        return result;
    }

    private static PostfixLineKind Classify(string text, int start, int end)
    {
        var i = start;
        while (i < end && IsSpace(text[i]))
        {
            i++;
        }

        if (i == end)
        {
            return PostfixLineKind.Blank;
        }

        if (text[i] == '#')
        {
            return PostfixLineKind.Comment;
        }

        return i == start ? PostfixLineKind.Start : PostfixLineKind.Continuation;
    }

    private static MappedText Join(string text, IReadOnlyList<PostfixLine> lines)
    {
        if (lines.Count == 1 && lines[0].Kind is not (PostfixLineKind.Blank or PostfixLineKind.Comment))
        {
            // A logical line of one physical line (most of them): its content as is.
            var line = lines[0];
            return new MappedText(text.Substring(line.Start, line.ContentEnd - line.Start), [0], [line.Start], line.ContentEnd);
        }

        var builder = new System.Text.StringBuilder();
        var starts = new List<int>();
        var files = new List<int>();
        foreach (var line in lines)
        {
            if (line.Kind is PostfixLineKind.Blank or PostfixLineKind.Comment)
            {
                continue;
            }

            starts.Add(builder.Length);
            files.Add(line.Start);
            builder.Append(text, line.Start, line.ContentEnd - line.Start);
        }

        var last = lines[^1];
        return new MappedText(builder.ToString(), starts.ToArray(), files.ToArray(), last.ContentEnd);
    }
}
