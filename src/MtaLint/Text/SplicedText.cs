namespace MtaLint.Text;

/// <summary>
/// The text being cut, held without copying it: left of the gap, the raw text's first chars as
/// they were (cuts go from the last to the first, so nothing left of the gap has changed);
/// right of it, a stack of stretches of the raw text and of chars cuts put in, the top one first.
/// Counts of the right side's chars that are not blanks answer "only blanks from here on" without
/// rescanning. Moving the gap right, into text a cut changed, is what it cannot do (a gap
/// buffer can): <see cref="UnsupportedMove"/>, and the cuts are made in a <see cref="GapText"/>.
/// </summary>
internal sealed class SplicedText(TextSlice raw, int cuts) : ICutText
{
    private readonly TextSlice _raw = raw;
    private readonly List<Stretch> _right = new(cuts + 1); // the top (first chars) at the end
    private int _left = raw.Length; // chars left of the gap: raw[0.._left)
    private int _rightLength;
    private int _rightNotWhiteSpace;
    private int _rightNotSpaceOrTab;
    private char[] _scratch = [];

    public sealed class UnsupportedMove : Exception;

    public int Length => _left + _rightLength;

    public int LeftLength => _left;

    public char LastOfLeft => _raw[_left - 1];

    public char FirstOfRight => At(0);

    public bool RightIsSpacesAndTabs => _rightNotSpaceOrTab == 0;

    public char this[int i] => i < _left ? _raw[i] : At(i - _left);

    public bool OnlyWhiteSpaceFrom(int index)
    {
        if (index >= _left)
        {
            var skipped = 0;
            for (var i = 0; i < index - _left; i++)
            {
                skipped += char.IsWhiteSpace(At(i)) ? 0 : 1;
            }

            return _rightNotWhiteSpace - skipped == 0;
        }

        MoveGapTo(index);
        return _rightNotWhiteSpace == 0;
    }

    public void MoveGapTo(int index)
    {
        if (index > _left)
        {
            // Only when the chars right of the gap are the raw text's own next chars, untouched.
            if (_right.Count == 0 || _right[^1] is not { Inserted: false } top || top.Start != _left || top.Length < index - _left)
            {
                throw new UnsupportedMove();
            }

            Pop(index - _left);
            _left = index;
            return;
        }

        if (index < _left)
        {
            var stretch = _raw.Span[index.._left];
            Count(stretch, 1);
            _rightLength += stretch.Length;
            if (_right.Count > 0 && _right[^1] is { Inserted: false } top && top.Start == _left)
            {
                _right[^1] = new Stretch(index, top.Length + _left - index);
            }
            else
            {
                _right.Add(new Stretch(index, _left - index));
            }

            _left = index;
        }
    }

    public ReadOnlySpan<char> Right(int length)
    {
        if (_right.Count > 0 && _right[^1] is { Inserted: false } top && top.Length >= length)
        {
            return _raw.Span.Slice(top.Start, length);
        }

        if (_scratch.Length < length)
        {
            _scratch = new char[Math.Max(length, 2 * _scratch.Length)];
        }

        for (var i = 0; i < length; i++)
        {
            _scratch[i] = At(i);
        }

        return _scratch.AsSpan(0, length);
    }

    public void DropRight(int length) => Pop(length);

    public void TrimRightStart()
    {
        while (_rightLength > 0 && At(0) is ' ' or '\t')
        {
            Pop(1);
        }
    }

    public void TrimLeftEnd()
    {
        while (_left > 0 && _raw[_left - 1] is ' ' or '\t')
        {
            _left--;
        }
    }

    public void InsertAtGap(char c)
    {
        _right.Add(Stretch.Of(c));
        _rightLength++;
        Count(c, 1);
    }

    public override string ToString() => string.Create(Length, this, static (chars, text) =>
    {
        text._raw.Span[..text._left].CopyTo(chars);
        var at = text._left;
        for (var i = text._right.Count - 1; i >= 0; i--)
        {
            var stretch = text._right[i];
            if (stretch.Inserted)
            {
                chars[at] = stretch.Char;
            }
            else
            {
                text._raw.Span.Slice(stretch.Start, stretch.Length).CopyTo(chars[at..]);
            }

            at += stretch.Length;
        }
    });

    // The char `offset` chars right of the gap.
    private char At(int offset)
    {
        for (var i = _right.Count - 1; i >= 0; i--)
        {
            var stretch = _right[i];
            if (offset < stretch.Length)
            {
                return stretch.Inserted ? stretch.Char : _raw[stretch.Start + offset];
            }

            offset -= stretch.Length;
        }

        throw new ArgumentOutOfRangeException(nameof(offset));
    }

    // Takes `length` chars off the start of the right side.
    private void Pop(int length)
    {
        while (length > 0)
        {
            var top = _right[^1];
            var n = Math.Min(length, top.Length);
            if (top.Inserted)
            {
                Count(top.Char, -1);
            }
            else
            {
                Count(_raw.Span.Slice(top.Start, n), -1);
            }

            _right[^1] = top.Inserted ? top with { Length = top.Length - n } : new Stretch(top.Start + n, top.Length - n);
            if (_right[^1].Length == 0)
            {
                _right.RemoveAt(_right.Count - 1);
            }

            _rightLength -= n;
            length -= n;
        }
    }

    private void Count(ReadOnlySpan<char> chars, int sign)
    {
        foreach (var c in chars)
        {
            Count(c, sign);
        }
    }

    private void Count(char c, int sign)
    {
        _rightNotWhiteSpace += char.IsWhiteSpace(c) ? 0 : sign;
        _rightNotSpaceOrTab += c is ' ' or '\t' ? 0 : sign;
    }

    /// <summary>Chars [Start, Start + Length) of the raw text; or, <see cref="Inserted"/>, one char (<see cref="Char"/>) put in by a cut (Start is its complement).</summary>
    private readonly record struct Stretch(int Start, int Length)
    {
        public bool Inserted => Start < 0;

        public char Char => (char)~Start;

        public static Stretch Of(char c) => new(~c, 1);
    }
}
