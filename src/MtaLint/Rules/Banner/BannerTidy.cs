namespace MtaLint.Rules.Banners;

/// <summary>
/// Cuts stretches out of a banner's raw text and leaves it tidy: what only glued the removed
/// words together goes with them (<c>/</c> in <c>$v/$Z</c>, the brackets of <c>(Debian/GNU)</c>,
/// a <c>;</c> left dangling at the end), and no double or trailing blanks remain. Only the text
/// around each cut is touched; the rest of the value keeps its spacing.
/// </summary>
internal static class BannerTidy
{
    private const string Glue = "/;,:-";

    /// <summary>The raw text without <paramref name="ranges"/> (start, end), and the stretches actually removed.</summary>
    /// <remarks>
    /// The cuts are made from the last to the first, each on the text the later ones left, in a gap
    /// buffer whose gap moves left with them: each char crosses the gap about once, so a banner of a
    /// megabyte with a hundred thousand words to cut costs about a megabyte of moves, not a copy of
    /// the banner per cut.
    /// </remarks>
    public static (string Text, IReadOnlyList<string> Removed) Remove(string raw, IEnumerable<(int Start, int End)> ranges)
    {
        var merged = Merge(raw, ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList());
        if (merged.Count == 0)
        {
            return (raw, []);
        }

        var text = new GapText(raw, extra: merged.Count);
        var removed = new List<string>(merged.Count);
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (start, end) = Widen(text, merged[i].Start, merged[i].End);
            text.MoveGapTo(start);
            removed.Add(text.Right(end - start).Trim());
            text.DropRight(end - start);
            Join(text);
        }

        removed.Reverse();
        return (text.ToString(), removed);
    }

    /// <summary>The range widened over brackets that enclose only it, e.g. <c>Debian/GNU</c> → <c>(Debian/GNU)</c>.</summary>
    public static (int Start, int End) Bracketed(string text, int start, int end)
    {
        while (start > 0 && end < text.Length && IsPair(text[start - 1], text[end]))
        {
            start--;
            end++;
        }

        return (start, end);
    }

    // Ranges separated only by blanks and glue (the "/" of "$v/$Z") become one.
    private static List<(int Start, int End)> Merge(string raw, List<(int Start, int End)> ranges)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (r.Start <= last.End || OnlyBlanksAndGlue(raw.AsSpan(last.End, r.Start - last.End)))
                {
                    merged[^1] = (last.Start, Math.Max(last.End, r.End));
                    continue;
                }
            }

            merged.Add(r);
        }

        return merged;
    }

    private static bool OnlyBlanksAndGlue(ReadOnlySpan<char> gap)
    {
        foreach (var c in gap)
        {
            if (!char.IsWhiteSpace(c) && !Glue.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static (int Start, int End) Widen(GapText text, int start, int end)
    {
        while (start > 0 && end < text.Length && IsPair(text[start - 1], text[end]))
        {
            start--;
            end++;
        }

        // "Postfix/3.7.11", "Exim-4.96": the glue before a removed word goes with it.
        if (start > 0 && Glue.Contains(text[start - 1]) && start > 1 && !char.IsWhiteSpace(text[start - 2]))
        {
            start--;
        }

        // "4.96; more", "8.17.1, more": a separator right after goes with it.
        if (end < text.Length && text[end] is ';' or ',')
        {
            end++;
        }
        else if (text.OnlyWhiteSpaceFrom(end))
        {
            // At the end, "$Z; $b" minus "$b" must not leave "$Z;".
            var s = start;
            while (s > 0 && char.IsWhiteSpace(text[s - 1]))
            {
                s--;
            }

            while (s > 0 && text[s - 1] is ';' or ',' or ':' or '-')
            {
                s--;
            }

            start = s;
        }

        return (start, end);
    }

    /// <summary>Joins what is left of the gap with what is right of it, as a cut leaves them: no double or trailing blanks, no two words glued into one.</summary>
    private static void Join(GapText text)
    {
        if (text.LeftLength == 0)
        {
            text.TrimRightStart();
            return;
        }

        if (text.RightIsSpacesAndTabs)
        {
            text.TrimLeftEnd();
            text.TrimRightStart();
            return;
        }

        var left = text.LastOfLeft;
        var right = text.FirstOfRight;
        var leftBlank = char.IsWhiteSpace(left);
        var rightBlank = char.IsWhiteSpace(right);
        if (leftBlank && rightBlank)
        {
            text.TrimRightStart();
        }
        else if (!leftBlank && !rightBlank && char.IsLetterOrDigit(left) && char.IsLetterOrDigit(right))
        {
            text.InsertAtGap(' '); // "ESMTP(x)ready" minus "(x)" must not glue two words into one
        }
    }

    /// <summary>
    /// Text as a gap buffer: the chars left of the gap at the start of the array, those right of it
    /// at the end. Counts of the right side's chars that are not blanks keep the "only blanks from
    /// here on" questions from rescanning the rest of the text at every cut.
    /// </summary>
    private sealed class GapText
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
        public string Right(int length) => new(_buffer, _right, length);

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

    private static bool IsPair(char open, char close) => open == '(' && close == ')' || open == '[' && close == ']' || open == '<' && close == '>';
}
