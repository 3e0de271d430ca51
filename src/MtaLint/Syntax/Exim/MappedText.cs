using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>Where one char of a logical Exim line came from: a file offset, and the macro it was substituted through.</summary>
/// <param name="MacroUse">The outermost macro name whose use produced this char (null when written literally).</param>
public readonly record struct CharOrigin(SourceFile File, int Offset, MacroUse? MacroUse);

/// <summary>A use of a macro in a line: its name, where the name is written, and the definition in force then (null for built-in and <c>-D</c> macros).</summary>
public sealed record MacroUse(string Name, SourceSpan Span, EximMacroDefinition? Definition = null);

/// <summary>
/// Text assembled from source lines (continuations joined, macros substituted) that remembers, for
/// every char, where it was written. Exim rewrites lines before it parses them; findings and edits
/// still have to point at the bytes a user typed.
/// </summary>
public sealed class MappedText
{
    private readonly CharOrigin[] _origins;

    public MappedText(string text, CharOrigin[] origins)
    {
        if (text.Length != origins.Length)
        {
            throw new ArgumentException("one origin per char", nameof(origins));
        }

        Text = text;
        _origins = origins;
    }

    public static MappedText Empty { get; } = new(string.Empty, []);

    public string Text { get; }

    public int Length => Text.Length;

    public static MappedText FromSource(SourceFile file, int start, int length)
    {
        var origins = new CharOrigin[length];
        for (var i = 0; i < length; i++)
        {
            origins[i] = new CharOrigin(file, start + i, null);
        }

        return new MappedText(file.Text.Substring(start, length), origins);
    }

    public CharOrigin OriginAt(int index) => _origins[index];

    public MappedText Slice(int start, int length) => new(Text.Substring(start, length), _origins.AsSpan(start, length).ToArray());

    public MappedText Slice(int start) => Slice(start, Length - start);

    /// <summary>The pieces joined in one copy (a logical line of many continuations stays linear).</summary>
    public static MappedText Concat(IReadOnlyList<MappedText> pieces)
    {
        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        var length = pieces.Sum(p => p.Length);
        var origins = new CharOrigin[length];
        var text = new System.Text.StringBuilder(length);
        var at = 0;
        foreach (var piece in pieces)
        {
            piece._origins.CopyTo(origins, at);
            text.Append(piece.Text);
            at += piece.Length;
        }

        return length == 0 ? Empty : new MappedText(text.ToString(), origins);
    }

    public MappedText Append(MappedText other) =>
        other.Length == 0 ? this : Length == 0 ? other : new(Text + other.Text, [.. _origins, .. other._origins]);

    /// <summary>
    /// Replaces the <paramref name="length"/> chars at each start (ascending, not overlapping) with
    /// <paramref name="replacement"/>, whose chars are marked as coming through that occurrence's
    /// use: one copy of the line however many occurrences there are.
    /// </summary>
    public MappedText ReplaceAll(int length, IReadOnlyList<(int Start, MacroUse Use)> occurrences, MappedText replacement)
    {
        var size = Length + occurrences.Count * (replacement.Length - length);
        var text = new System.Text.StringBuilder(size);
        var origins = new CharOrigin[size];
        var from = 0;
        var at = 0;
        foreach (var (start, use) in occurrences)
        {
            text.Append(Text, from, start - from).Append(replacement.Text);
            _origins.AsSpan(from, start - from).CopyTo(origins.AsSpan(at));
            at += start - from;
            for (var i = 0; i < replacement.Length; i++)
            {
                origins[at + i] = replacement._origins[i] with { MacroUse = use };
            }

            at += replacement.Length;
            from = start + length;
        }

        text.Append(Text, from, Length - from);
        _origins.AsSpan(from).CopyTo(origins.AsSpan(at));
        return new MappedText(text.ToString(), origins);
    }

    public MappedText TrimStart()
    {
        var i = 0;
        while (i < Length && IsSpace(Text[i]))
        {
            i++;
        }

        return i == 0 ? this : Slice(i);
    }

    public MappedText TrimEnd()
    {
        var end = Length;
        while (end > 0 && IsSpace(Text[end - 1]))
        {
            end--;
        }

        return end == Length ? this : Slice(0, end);
    }

    public MappedText Trim() => TrimStart().TrimEnd();

    /// <summary>C's isspace, which Exim uses everywhere in its config reader.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>
    /// The source span of chars [start, start+length) when they are written contiguously in one file
    /// (no macro in between); else null.
    /// </summary>
    public SourceSpan? ContiguousSpan(int start, int length)
    {
        if (length == 0)
        {
            if (start < Length)
            {
                var o = _origins[start];
                return o.MacroUse is null ? o.File.Span(o.Offset, 0) : null;
            }

            if (start > 0)
            {
                var o = _origins[start - 1];
                return o.MacroUse is null ? o.File.Span(o.Offset + 1, 0) : null;
            }

            return null;
        }

        var first = _origins[start];
        for (var i = 1; i < length; i++)
        {
            var o = _origins[start + i];
            if (o.File != first.File || o.Offset != first.Offset + i || o.MacroUse != first.MacroUse)
            {
                return null;
            }
        }

        return first.MacroUse is null ? first.File.Span(first.Offset, length) : null;
    }

    /// <summary>Where chars [start, start+length) were originally written, when that is one contiguous run in one file (through macros too); else null.</summary>
    public SourceSpan? OriginSpan(int start, int length)
    {
        if (length == 0 || start + length > Length)
        {
            return null;
        }

        var first = _origins[start];
        for (var i = 1; i < length; i++)
        {
            var o = _origins[start + i];
            if (o.File != first.File || o.Offset != first.Offset + i)
            {
                return null;
            }
        }

        return first.File.Span(first.Offset, length);
    }

    /// <summary>
    /// The best span to show for chars [start, start+length): the contiguous text itself, else the
    /// written range in the file of the first char (a macro use counts as where its name is written).
    /// </summary>
    public SourceSpan? DisplaySpan(int start, int length)
    {
        if (ContiguousSpan(start, length) is { } exact)
        {
            return exact;
        }

        if (Length == 0)
        {
            return null;
        }

        start = Math.Clamp(start, 0, Length - 1);
        var end = Math.Clamp(start + Math.Max(length, 1), start + 1, Length);
        SourceFile? file = null;
        int min = int.MaxValue, max = int.MinValue;
        for (var i = start; i < end; i++)
        {
            var o = _origins[i];
            var (f, s, e) = o.MacroUse is { } use
                ? (use.Span.File, use.Span.Span.Start, use.Span.Span.End)
                : (o.File, o.Offset, o.Offset + 1);
            file ??= f;
            if (f != file)
            {
                continue;
            }

            min = Math.Min(min, s);
            max = Math.Max(max, e);
        }

        return file is null ? null : file.Span(min, max - min);
    }

    /// <summary>Where the text's chars were written, span per span: literal runs and macro replacement runs.</summary>
    public IEnumerable<(int Start, int Length, MacroUse? Use)> Runs()
    {
        var i = 0;
        while (i < Length)
        {
            var j = i + 1;
            while (j < Length && _origins[j].MacroUse == _origins[i].MacroUse)
            {
                j++;
            }

            yield return (i, j - i, _origins[i].MacroUse);
            i = j;
        }
    }

    public override string ToString() => Text;
}

/// <summary>
/// A logical line being joined from physical lines: appending, trimming the end and dropping the
/// continuation backslash touch only the last piece, so joining n lines costs O(total length)
/// instead of copying the whole line at each continuation.
/// </summary>
internal sealed class MappedTextBuilder
{
    private readonly List<MappedText> _pieces = [];

    public int Length { get; private set; }

    public char LastChar => _pieces[^1].Text[^1];

    public void Append(MappedText piece)
    {
        if (piece.Length > 0)
        {
            _pieces.Add(piece);
            Length += piece.Length;
        }
    }

    public void TrimEnd()
    {
        while (_pieces.Count > 0)
        {
            var last = _pieces[^1];
            var trimmed = last.TrimEnd();
            Length -= last.Length - trimmed.Length;
            if (trimmed.Length > 0)
            {
                _pieces[^1] = trimmed;
                return;
            }

            _pieces.RemoveAt(_pieces.Count - 1);
        }
    }

    public void RemoveLastChar()
    {
        var last = _pieces[^1];
        Length--;
        if (last.Length == 1)
        {
            _pieces.RemoveAt(_pieces.Count - 1);
        }
        else
        {
            _pieces[^1] = last.Slice(0, last.Length - 1);
        }
    }

    public MappedText ToMappedText() => _pieces.Count == 0 ? MappedText.Empty : MappedText.Concat(_pieces);
}
