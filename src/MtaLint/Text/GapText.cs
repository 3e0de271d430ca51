namespace MtaLint.Text;

/// <summary>
/// Text as a gap buffer: the chars left of the gap at the start of the array, those right of it
/// at the end. Counts of the right side's chars that are not blanks keep the "only blanks from
/// here on" questions from rescanning the rest of the text at every cut.
/// </summary>
internal sealed class GapText : ICutText
{
    private readonly char[] _buffer;
    private int _left; // chars left of the gap: _buffer[0.._left)
    private int _right; // first char right of the gap: _buffer[_right..]
    private int _rightNotWhiteSpace; // right side: chars for which char.IsWhiteSpace is false
    private int _rightNotSpaceOrTab; // right side: chars other than ' ' and '\t'

    public GapText(string text, int extra)
    {
        _buffer = new char[text.Length + extra];
        _right = _buffer.Length - text.Length;
        text.CopyTo(0, _buffer, _right, text.Length);
        foreach (var c in text)
        {
            Count(c, 1);
        }
    }

    public int Length => _left + (_buffer.Length - _right);

    public int LeftLength => _left;

    public char LastOfLeft => _buffer[_left - 1];

    public char FirstOfRight => _buffer[_right];

    public bool RightIsSpacesAndTabs => _rightNotSpaceOrTab == 0;

    public char this[int i] => i < _left ? _buffer[i] : _buffer[_right + i - _left];

    /// <summary>True when every char from <paramref name="index"/> to the end is white space.</summary>
    public bool OnlyWhiteSpaceFrom(int index)
    {
        if (index >= _left)
        {
            // Right of the gap: all of it but the chars before index.
            var skipped = 0;
            for (var i = _right; i < _right + index - _left; i++)
            {
                skipped += char.IsWhiteSpace(_buffer[i]) ? 0 : 1;
            }

            return _rightNotWhiteSpace - skipped == 0;
        }

        MoveGapTo(index);
        return _rightNotWhiteSpace == 0;
    }

    public void MoveGapTo(int index)
    {
        while (_left > index)
        {
            var c = _buffer[--_left];
            _buffer[--_right] = c;
            Count(c, 1);
        }

        while (_left < index)
        {
            var c = _buffer[_right++];
            _buffer[_left++] = c;
            Count(c, -1);
        }
    }

    /// <summary>The first <paramref name="length"/> chars right of the gap.</summary>
    public ReadOnlySpan<char> Right(int length) => _buffer.AsSpan(_right, length);

    public void DropRight(int length)
    {
        for (var i = 0; i < length; i++)
        {
            Count(_buffer[_right++], -1);
        }
    }

    public void TrimRightStart()
    {
        while (_right < _buffer.Length && _buffer[_right] is ' ' or '\t')
        {
            Count(_buffer[_right++], -1);
        }
    }

    public void TrimLeftEnd()
    {
        while (_left > 0 && _buffer[_left - 1] is ' ' or '\t')
        {
            _left--;
        }
    }

    public void InsertAtGap(char c)
    {
        _buffer[--_right] = c;
        Count(c, 1);
    }

    public override string ToString() => string.Concat(_buffer.AsSpan(0, _left), _buffer.AsSpan(_right));

    private void Count(char c, int sign)
    {
        _rightNotWhiteSpace += char.IsWhiteSpace(c) ? 0 : sign;
        _rightNotSpaceOrTab += c is ' ' or '\t' ? 0 : sign;
    }
}
