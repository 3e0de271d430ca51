namespace MtaLint.Text;

/// <summary>
/// A stretch of a string, held without copying it: a value, a literal or a banner part is a
/// slice of the file's text (or of a value's) rather than a string of its own, so that a line of
/// megabytes is held once, not once per stage that reads it. Compares and hashes by content; a
/// string converts to the slice of all of it. <see cref="ToString"/> makes the copy, for the
/// places that need a string (short texts: a host name, a word, a message).
/// </summary>
public readonly struct TextSlice : IEquatable<TextSlice>, IEquatable<string>
{
    private readonly string? _text;
    private readonly int _start;

    public TextSlice(string text, int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)length, text.Length, nameof(length));
        _text = text;
        _start = start;
        Length = length;
    }

    public TextSlice(string text)
        : this(text, 0, text.Length)
    {
    }

    public static TextSlice Empty => default;

    public int Length { get; }

    public ReadOnlySpan<char> Span => _text.AsSpan(_start, Length);

    public char this[int index] => (uint)index < (uint)Length ? _text![_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Chars [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of this slice, still not copied (also what <c>slice[a..b]</c> calls).</summary>
    public TextSlice Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start + length}) is not within a slice of {Length} chars");
        }

        return length == 0 ? default : new TextSlice(_text!, _start + start, length);
    }

    public TextSlice Slice(int start) => Slice(start, Length - start);

    /// <summary>This slice and <paramref name="next"/> as one slice, when <paramref name="next"/> starts where this one ends in the same string (else false).</summary>
    public bool TryExtend(TextSlice next, out TextSlice joined)
    {
        if (next.Length == 0 || Length == 0 || ReferenceEquals(_text, next._text) && _start + Length == next._start)
        {
            joined = Length == 0 ? next : next.Length == 0 ? this : new TextSlice(_text!, _start, Length + next.Length);
            return true;
        }

        joined = this;
        return false;
    }

    public int IndexOf(char c) => Span.IndexOf(c);

    public int IndexOf(string value, StringComparison comparison = StringComparison.Ordinal) => Span.IndexOf(value, comparison);

    public bool Contains(char c) => Span.Contains(c);

    public bool StartsWith(string value, StringComparison comparison = StringComparison.Ordinal) => Span.StartsWith(value, comparison);

    public bool EndsWith(string value, StringComparison comparison = StringComparison.Ordinal) => Span.EndsWith(value, comparison);

    /// <summary>Without leading and trailing white space (as <see cref="string.Trim()"/>), not copied.</summary>
    public TextSlice Trim()
    {
        var span = Span;
        var start = 0;
        while (start < span.Length && char.IsWhiteSpace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && char.IsWhiteSpace(span[end - 1]))
        {
            end--;
        }

        return Slice(start, end - start);
    }

    /// <summary>The text as a string: the string itself when the slice is all of it, else a copy.</summary>
    public override string ToString() =>
        _text is null ? string.Empty : _start == 0 && Length == _text.Length ? _text : _text.Substring(_start, Length);

    public bool Equals(TextSlice other) => Span.SequenceEqual(other.Span);

    public bool Equals(string? other) => other is not null && Span.SequenceEqual(other);

    public override bool Equals(object? obj) => obj switch
    {
        TextSlice slice => Equals(slice),
        string s => Equals(s),
        _ => false,
    };

    public override int GetHashCode() => string.GetHashCode(Span, StringComparison.Ordinal);

    public static implicit operator TextSlice(string text) => new(text);

    public static bool operator ==(TextSlice left, TextSlice right) => left.Equals(right);

    public static bool operator !=(TextSlice left, TextSlice right) => !left.Equals(right);
}
