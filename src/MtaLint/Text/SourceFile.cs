using System.Text;

namespace MtaLint.Text;

/// <summary>How the bytes of a file map to <see cref="SourceFile.Text"/>.</summary>
public enum SourceEncoding
{
    /// <summary>Valid UTF-8 (with or without a byte order mark).</summary>
    Utf8,

    /// <summary>
    /// Not valid UTF-8: each byte is one char (ISO-8859-1), so any byte sequence survives
    /// a read, an edit elsewhere in the file, and a write, byte for byte.
    /// </summary>
    Latin1,
}

/// <summary>
/// One input file as text. <see cref="Text"/> excludes the byte order mark, which is
/// remembered in <see cref="HasBom"/> and written back by <see cref="Encode"/>.
/// Offsets everywhere in mtalint are char offsets into <see cref="Text"/>.
/// </summary>
public sealed class SourceFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private int[]? _lineStarts;

    public SourceFile(string path, string text, bool hasBom = false, SourceEncoding encoding = SourceEncoding.Utf8)
    {
        Path = path;
        Text = text;
        HasBom = hasBom;
        Encoding = encoding;
    }

    /// <summary>The path as the user gave it (or as found by walking a folder); used in messages.</summary>
    public string Path { get; }

    public string Text { get; }

    public bool HasBom { get; }

    public SourceEncoding Encoding { get; }

    public static SourceFile FromBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var body = hasBom ? bytes[3..] : bytes;
        try
        {
            return new SourceFile(path, StrictUtf8.GetString(body), hasBom, SourceEncoding.Utf8);
        }
        catch (DecoderFallbackException)
        {
            return new SourceFile(path, System.Text.Encoding.Latin1.GetString(body), hasBom, SourceEncoding.Latin1);
        }
    }

    /// <summary>True for a copy made by <see cref="Withheld"/>: positions in it are real, its text is blank.</summary>
    public bool IsWithheld { get; private init; }

    /// <summary>
    /// A copy with the same path, length and line breaks and no content (every other char a space):
    /// a report about a file whose text must not be shown (outside the linted tree) keeps each
    /// finding's line and column through it, and has nothing to quote, whatever the format.
    /// </summary>
    public SourceFile Withheld()
    {
        if (IsWithheld)
        {
            return this;
        }

        var blank = string.Create(Text.Length, Text, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] is '\n' or '\r' ? text[i] : ' ';
            }
        });
        return new SourceFile(Path, blank, HasBom, Encoding) { IsWithheld = true };
    }

    /// <summary>A copy with other text and the same path, BOM and encoding (the result of a fix).</summary>
    public SourceFile WithText(string text) => new(Path, text, HasBom, Encoding);

    /// <summary>The bytes to write for <paramref name="text"/>, with this file's BOM and encoding.</summary>
    public byte[] Encode(string? text = null)
    {
        text ??= Text;
        var body = Encoding == SourceEncoding.Latin1 ? System.Text.Encoding.Latin1.GetBytes(text) : StrictUtf8.GetBytes(text);
        if (!HasBom)
        {
            return body;
        }

        var result = new byte[body.Length + 3];
        result[0] = 0xEF;
        result[1] = 0xBB;
        result[2] = 0xBF;
        body.CopyTo(result, 3);
        return result;
    }

    /// <summary>True when the file's lines end with CRLF (judged by its first line break).</summary>
    public bool UsesCrLf
    {
        get
        {
            var newline = Text.IndexOf('\n');
            return newline > 0 && Text[newline - 1] == '\r';
        }
    }

    /// <summary>The line break to use for text inserted into this file.</summary>
    public string NewLine => UsesCrLf ? "\r\n" : "\n";

    public int LineCount => LineStarts.Length;

    private int[] LineStarts => _lineStarts ??= ComputeLineStarts(Text);

    /// <summary>1-based line and column of a char offset (a column counts chars, tabs as one).</summary>
    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var starts = LineStarts;
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new LinePosition(index + 1, offset - starts[index] + 1);
    }

    /// <summary>The char offset where 1-based <paramref name="line"/> starts.</summary>
    public int GetLineStart(int line) => LineStarts[Math.Clamp(line - 1, 0, LineStarts.Length - 1)];

    /// <summary>The text of 1-based <paramref name="line"/> without its line break.</summary>
    public string GetLineText(int line)
    {
        var span = GetLineSpan(line);
        return Text.Substring(span.Start, span.Length);
    }

    /// <summary>Where 1-based <paramref name="line"/> is in <see cref="Text"/>, without its line break (a reporter shows part of a long line without copying it).</summary>
    public TextSpan GetLineSpan(int line)
    {
        var starts = LineStarts;
        var i = Math.Clamp(line - 1, 0, starts.Length - 1);
        var start = starts[i];
        var end = i + 1 < starts.Length ? starts[i + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    public SourceSpan Span(int start, int length) => new(this, new TextSpan(start, length));

    public override string ToString() => Path;

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' && i + 1 < text.Length)
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}

public readonly record struct LinePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>
    /// Whether two edits on these spans would interfere. An insertion (empty span) interferes with
    /// a replaced range when it sits at its start or inside it: applied in either order, the
    /// insertion could end up inside the replaced text. At the range's end it does not.
    /// </summary>
    public bool Overlaps(TextSpan other) => (Length, other.Length) switch
    {
        (0, 0) => Start == other.Start,
        (0, _) => other.Start <= Start && Start < other.End,
        (_, 0) => Start <= other.Start && other.Start < End,
        _ => Start < other.End && other.Start < End,
    };

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>A span of text in a particular file.</summary>
public sealed record SourceSpan(SourceFile File, TextSpan Span)
{
    public LinePosition Start => File.GetPosition(Span.Start);

    /// <summary>Position just past the span's last char.</summary>
    public LinePosition End => File.GetPosition(Span.End);

    public string Text => File.Text.Substring(Span.Start, Span.Length);

    public override string ToString() => $"{File.Path}:{Start}";
}
