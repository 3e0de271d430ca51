using System.Buffers;
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
    // Most texts are one piece (a value on one physical line): then the arrays are null and
    // _fileStart maps char 0; a text per line of a 100,000-line main.cf made two arrays each.
    private readonly int[]? _pieceStarts; // offset in Text where each piece starts (the first is 0)
    private readonly int[]? _pieceFileStarts; // offset in the file of the same char
    private readonly int[]? _pieceFileLimits; // past the last file offset a piece maps to (spliced text: its tag's end); null: none
    private readonly int _fileStart;
    private readonly int _fileEnd;
    private string? _text;

    private MappedText(TextSlice chars, int fileStart, int fileEnd)
    {
        Chars = chars;
        _fileStart = fileStart;
        _fileEnd = fileEnd;
    }

    private MappedText(string text, int[] pieceStarts, int[] pieceFileStarts, int fileEnd, int[]? pieceFileLimits = null)
    {
        Chars = text;
        _text = text;
        _pieceStarts = pieceStarts;
        _pieceFileStarts = pieceFileStarts;
        _pieceFileLimits = pieceFileLimits;
        _fileStart = pieceFileStarts[0];
        _fileEnd = fileEnd;
    }

    /// <summary>
    /// The text: for one piece, a slice of the file's own text (a value of megabytes on one line is
    /// not copied); for a text joined from lines, the joined string.
    /// </summary>
    public TextSlice Chars { get; }

    /// <summary><see cref="Chars"/> as a string, made on first use.</summary>
    public string Text => _text ??= Chars.ToString();

    public int Length => Chars.Length;

    /// <summary>The file offset of char <paramref name="index"/>; <see cref="Length"/> maps just past the last char.</summary>
    public int ToFile(int index)
    {
        if (index >= Length)
        {
            return Length == 0 ? _fileEnd : ToFile(Length - 1) + 1;
        }

        if (_pieceStarts is null)
        {
            return _fileStart + index;
        }

        var piece = Array.BinarySearch(_pieceStarts, index);
        if (piece < 0)
        {
            piece = ~piece - 1;
        }

        var file = _pieceFileStarts![piece] + (index - _pieceStarts[piece]);
        return _pieceFileLimits is null ? file : Math.Min(file, _pieceFileLimits[piece] - 1);
    }

    /// <summary>The file span covering chars [start, end) (line breaks and skipped lines between them included).</summary>
    public TextSpan FileSpan(int start, int end) =>
        end <= start ? new TextSpan(ToFile(start), 0) : TextSpan.FromBounds(ToFile(start), ToFile(end - 1) + 1);

    public MappedText Slice(int start, int end)
    {
        if (_pieceStarts is null)
        {
            return start < Length && end > 0
                ? new MappedText(Chars[start..end], _fileStart + start, ToFile(end))
                : Empty(ToFile(start));
        }

        // The pieces that overlap [start, end): counted first, so that their arrays are made at their size.
        var first = -1;
        var count = 0;
        for (var i = 0; i < _pieceStarts.Length; i++)
        {
            var pieceEnd = i + 1 < _pieceStarts.Length ? _pieceStarts[i + 1] : Length;
            if (pieceEnd > start && _pieceStarts[i] < end)
            {
                first = first < 0 ? i : first;
                count++;
            }
        }

        if (count == 0)
        {
            return Empty(ToFile(start));
        }

        var starts = new int[count];
        var files = new int[count];
        var limits = _pieceFileLimits is null ? null : new int[count];
        for (var n = 0; n < count; n++)
        {
            var pieceStart = _pieceStarts[first + n];
            var from = Math.Max(pieceStart, start);
            starts[n] = from - start;
            files[n] = _pieceFileStarts![first + n] + (from - pieceStart);
            if (limits is not null)
            {
                limits[n] = _pieceFileLimits![first + n];
            }
        }

        return count == 1 && limits is null
            ? new MappedText(Chars[start..end], files[0], ToFile(end))
            : new MappedText(Text[start..end], starts, files, ToFile(end), limits);
    }

    /// <summary>
    /// This text with chars [<paramref name="start"/>, <paramref name="end"/>) replaced by <paramref name="value"/>, each
    /// char of which maps into <paramref name="tag"/> (char k to its start + k, the last offset of the tag for the
    /// rest): a value a template tag renders, longer or shorter than the tag, read with the tag's own span.
    /// </summary>
    public MappedText Splice(int start, int end, string value, TextSpan tag)
    {
        var pieces = new List<(int Start, int File, int Limit)>();
        var own = _pieceStarts ?? [0];
        for (var i = 0; i < own.Length; i++)
        {
            var pieceStart = own[i];
            var pieceEnd = i + 1 < own.Length ? own[i + 1] : Length;
            var file = _pieceStarts is null ? _fileStart : _pieceFileStarts![i];
            var limit = _pieceFileLimits?[i] ?? int.MaxValue;
            // The piece's chars before the replaced ones stay where they are; those after move by the change in length.
            if (pieceStart < start && pieceStart < pieceEnd)
            {
                pieces.Add((pieceStart, file, limit));
            }

            if (pieceEnd > end)
            {
                var from = Math.Max(pieceStart, end);
                pieces.Add((from - end + start + value.Length, file + (from - pieceStart), limit));
            }
        }

        if (value.Length > 0)
        {
            pieces.Add((start, tag.Start, tag.End));
        }

        var text = string.Concat(Text.AsSpan(0, start), value, Text.AsSpan(end));
        if (text.Length == 0)
        {
            return Empty(ToFile(start));
        }

        pieces.Sort((x, y) => x.Start.CompareTo(y.Start));
        return new MappedText(text, [.. pieces.Select(p => p.Start)], [.. pieces.Select(p => p.File)],
            end >= Length && value.Length > 0 ? tag.End : _fileEnd, [.. pieces.Select(p => p.Limit)]);
    }

    /// <summary>The empty text at file offset <paramref name="at"/>.</summary>
    internal static MappedText Empty(int at) => new(TextSlice.Empty, at, at);

    /// <summary>Chars <paramref name="span"/> of the file, as a slice of its text (not a copy).</summary>
    public static MappedText FromFile(string fileText, TextSpan span) =>
        new(new TextSlice(fileText, span.Start, span.Length), span.Start, span.End);

    /// <summary>The contents of <paramref name="lines"/> joined with nothing between them, blank and comment lines left out.</summary>
    internal static MappedText Join(string fileText, ReadOnlySpan<PostfixLine> lines)
    {
        var pieces = 0;
        var length = 0;
        foreach (var line in lines)
        {
            if (line.Kind is not (PostfixLineKind.Blank or PostfixLineKind.Comment))
            {
                pieces++;
                length += line.ContentEnd - line.Start;
            }
        }

        var last = lines[^1];
        if (pieces == 1 && lines.Length == 1)
        {
            // A logical line of one physical line (most of them): its content as is, in the file.
            return new MappedText(new TextSlice(fileText, last.Start, length), last.Start, last.ContentEnd);
        }

        // Sized exactly from the start: no builder or lists to grow and copy.
        var starts = new int[pieces];
        var files = new int[pieces];
        // A buffer borrowed from the pool: only the string made from it is kept.
        var buffer = ArrayPool<char>.Shared.Rent(length);
        var chars = buffer.AsSpan(0, length);
        var at = 0;
        var piece = 0;
        foreach (var line in lines)
        {
            if (line.Kind is PostfixLineKind.Blank or PostfixLineKind.Comment)
            {
                continue;
            }

            var content = fileText.AsSpan(line.Start, line.ContentEnd - line.Start);
            starts[piece] = at;
            files[piece] = line.Start;
            content.CopyTo(chars[at..]);
            at += content.Length;
            piece++;
        }

        var joined = new string(chars);
        ArrayPool<char>.Shared.Return(buffer);
        return new MappedText(joined, starts, files, last.ContentEnd);
    }
}

/// <summary>A logical line: a start line (or, at the top of a file, an orphan continuation) and the lines that continue it.</summary>
/// <remarks>
/// A range of its document's physical lines rather than a list of its own, and its joined text is
/// built only when asked for: main.cf needs only the value of a line, and a list, a joined copy
/// and an object per line were most of the parse of a 100,000-line file.
/// </remarks>
public readonly struct PostfixLogicalLine
{
    private readonly string _fileText;
    private readonly PostfixLine[] _documentLines;
    private readonly int _first;
    private readonly int _count;

    internal PostfixLogicalLine(string fileText, PostfixLine[] documentLines, int first, int count, bool isOrphan)
    {
        _fileText = fileText;
        _documentLines = documentLines;
        _first = first;
        _count = count;
        IsOrphan = isOrphan;
    }

    /// <summary>Every physical line from the first through the last continuation (comments and blanks between them included).</summary>
    public ReadOnlySpan<PostfixLine> Lines => _documentLines.AsSpan(_first, _count);

    public bool IsOrphan { get; }

    /// <summary>The text of the whole file the line is in.</summary>
    internal string FileText => _fileText;

    public int Start => _documentLines[_first].Start;

    /// <summary>From the first char of the first line through the line break of the last start/continuation line.</summary>
    public TextSpan WholeSpan => TextSpan.FromBounds(Start, _documentLines[_first + _count - 1].Span.End);

    /// <summary>
    /// The logical text: the contents of the start and continuation lines joined with nothing
    /// between them, as readlline does. Built on each call.
    /// </summary>
    public MappedText JoinText() => MappedText.Join(_fileText, Lines);
}

/// <summary>Splits text into physical lines and logical lines exactly as Postfix's readlline does.</summary>
internal static class PostfixLineReader
{
    /// <summary>Postfix's ISSPACE: ASCII whitespace only.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    public static PostfixLine[] SplitLines(string text)
    {
        // Counted first (a vectorised search) so that the array is made once at its size.
        var count = text.AsSpan().Count('\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
        var lines = new PostfixLine[count];
        var start = 0;
        for (var n = 0; n < count; n++)
        {
            var newline = text.IndexOf('\n', start);
            var contentEnd = newline < 0 ? text.Length : newline;
            var end = newline < 0 ? text.Length : newline + 1;
            lines[n] = new PostfixLine(Classify(text, start, contentEnd), TextSpan.FromBounds(start, end), contentEnd);
            start = end;
        }

        return lines;
    }

    /// <summary>
    /// Groups physical lines into logical lines. A logical line ends only where a line starts
    /// with text at column 0: blank and comment lines in between are skipped, not terminators.
    /// Continuation text before the first start line is an orphan (Postfix warns and ignores it).
    /// </summary>
    public static IEnumerable<PostfixLogicalLine> Group(string text, PostfixLine[] lines)
    {
        var first = -1; // the current logical line's first physical line, or -1 for none
        var last = -1; // its last start or continuation line: trivia after it is not part of it
        var orphan = false;
        for (var i = 0; i < lines.Length; i++)
        {
            switch (lines[i].Kind)
            {
                case PostfixLineKind.Start:
                    if (first >= 0)
                    {
                        yield return new PostfixLogicalLine(text, lines, first, last - first + 1, orphan);
                    }

                    first = last = i;
                    orphan = false;
                    break;
                case PostfixLineKind.Continuation:
                    if (first < 0)
                    {
                        first = i;
                        orphan = true;
                    }

                    last = i;
                    break;
            }
        }

        if (first >= 0)
        {
            yield return new PostfixLogicalLine(text, lines, first, last - first + 1, orphan);
        }
    }

    /// <summary>
    /// A template's statement that opens a line, as its masked view writes it (<see cref="Templates.TemplateView.Void"/>):
    /// the rendering drops it, with the blanks before it, so the line's text starts after it.
    /// </summary>
    public static bool IsDropped(char c) => c == Templates.TemplateView.Void;

    private static PostfixLineKind Classify(string text, int start, int end)
    {
        var i = start;
        while (i < end && (IsSpace(text[i]) || IsDropped(text[i])))
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

        return i == start || IsDropped(text[i - 1]) ? PostfixLineKind.Start : PostfixLineKind.Continuation;
    }
}
