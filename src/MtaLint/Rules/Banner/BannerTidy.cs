using MtaLint.Text;

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
    /// The cuts are made from the last to the first, each on the text the later ones left: the
    /// text left of the cut is still the raw text as it was, the text right of it is what the later
    /// cuts left. That right side is kept as a list of stretches of the raw text (and the blanks
    /// cuts put in) rather than as chars, so a banner of megabytes with a million words to cut is
    /// not copied to cut it: the one string made is the result (<see cref="SplicedText"/>).
    /// </remarks>
    public static (string Text, IReadOnlyList<string> Removed) Remove(string raw, IEnumerable<(int Start, int End)> ranges)
    {
        var removed = new AllRemoved();
        var text = Cut(raw, ranges, removed);
        return (text, removed.InOrder());
    }

    /// <summary>
    /// <see cref="Remove"/>, with the stretches removed told once each (the first of equal ones,
    /// blank ones left out): what a fix's description names, without a string per cut.
    /// </summary>
    public static (string Text, IReadOnlyList<string> Removed) RemoveDistinct(TextSlice raw, IEnumerable<(int Start, int End)> ranges)
    {
        var removed = new DistinctRemoved();
        var text = Cut(raw, ranges, removed);
        return (text, removed.InOrder());
    }

    private static string Cut(TextSlice raw, IEnumerable<(int Start, int End)> ranges, IRemovedSink removed)
    {
        var merged = Merged(raw.Span, ranges);
        if (merged.Count == 0)
        {
            return raw.ToString();
        }

        try
        {
            var spliced = new SplicedText(raw, merged.Count);
            CutAll(spliced, merged, removed);
            return spliced.ToString();
        }
        catch (SplicedText.UnsupportedMove)
        {
            // A cut that widened past the text right of it (no banner word does): made in a copy of the text instead.
            removed.Clear();
            var gap = new GapText(raw.ToString(), extra: merged.Count);
            CutAll(gap, merged, removed);
            return gap.ToString();
        }
    }

    private static void CutAll<T>(T text, ChunkedList<(int Start, int End)> merged, IRemovedSink removed)
        where T : ICutText
    {
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (start, end) = Widen(text, merged[i].Start, merged[i].End);
            text.MoveGapTo(start);
            removed.Add(text.Right(end - start));
            text.DropRight(end - start);
            Join(text);
        }
    }

    // Ranges in order of their start, those next to each other merged (see MergeInto). Most callers give
    // them in order already, and a long banner has a range per word: then they are merged as they
    // come, not gathered and sorted first.
    private static ChunkedList<(int Start, int End)> Merged(ReadOnlySpan<char> raw, IEnumerable<(int Start, int End)> ranges)
    {
        var merged = new ChunkedList<(int Start, int End)>();
        var lastStart = int.MinValue;
        foreach (var r in ranges)
        {
            if (r.End <= r.Start)
            {
                continue;
            }

            if (r.Start < lastStart)
            {
                // Out of order: sorted (stably, by start) first.
                merged.Clear();
                foreach (var sorted in ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start))
                {
                    MergeInto(merged, raw, sorted);
                }

                return merged;
            }

            lastStart = r.Start;
            MergeInto(merged, raw, r);
        }

        return merged;
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

    // Ranges separated only by blanks and glue (the "/" of "$v/$Z") become one; `r` comes after the ranges merged so far.
    private static void MergeInto(ChunkedList<(int Start, int End)> merged, ReadOnlySpan<char> raw, (int Start, int End) r)
    {
        if (merged.Count > 0)
        {
            var last = merged[merged.Count - 1];
            if (r.Start <= last.End || OnlyBlanksAndGlue(raw.Slice(last.End, r.Start - last.End)))
            {
                merged[merged.Count - 1] = (last.Start, Math.Max(last.End, r.End));
                return;
            }
        }

        merged.Add(r);
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

    private static (int Start, int End) Widen<T>(T text, int start, int end)
        where T : ICutText
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
    private static void Join<T>(T text)
        where T : ICutText
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
    private sealed class GapText : ICutText
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

    private static bool IsPair(char open, char close) => open == '(' && close == ')' || open == '[' && close == ']' || open == '<' && close == '>';

    /// <summary>What a cut reads and does to the text it cuts, in chars of the text as the later cuts left it.</summary>
    private interface ICutText
    {
        int Length { get; }

        int LeftLength { get; }

        char LastOfLeft { get; }

        char FirstOfRight { get; }

        bool RightIsSpacesAndTabs { get; }

        char this[int i] { get; }

        bool OnlyWhiteSpaceFrom(int index);

        void MoveGapTo(int index);

        ReadOnlySpan<char> Right(int length);

        void DropRight(int length);

        void TrimRightStart();

        void TrimLeftEnd();

        void InsertAtGap(char c);
    }

    /// <summary>
    /// The text being cut, held without copying it: left of the gap, the raw text's first chars as
    /// they were (cuts go from the last to the first, so nothing left of the gap has changed);
    /// right of it, a stack of stretches of the raw text and of chars cuts put in, the top one first.
    /// Counts of the right side's chars that are not blanks answer "only blanks from here on" without
    /// rescanning. Moving the gap right, into text a cut changed, is what it cannot do (a gap
    /// buffer can): <see cref="UnsupportedMove"/>, and the cuts are made in a <see cref="GapText"/>.
    /// </summary>
    private sealed class SplicedText(TextSlice raw, int cuts) : ICutText
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

    /// <summary>Where the stretches a cut removes go, told from the last cut to the first.</summary>
    private interface IRemovedSink
    {
        void Add(ReadOnlySpan<char> removed);

        void Clear();
    }

    /// <summary>Every stretch removed, trimmed, in the order of the text.</summary>
    private sealed class AllRemoved : IRemovedSink
    {
        private readonly List<string> _removed = [];

        public void Add(ReadOnlySpan<char> removed) => _removed.Add(removed.Trim().ToString());

        public void Clear() => _removed.Clear();

        public IReadOnlyList<string> InOrder()
        {
            _removed.Reverse();
            return _removed;
        }
    }

    /// <summary>The stretches removed, trimmed, each text once where it comes first in the text; blank ones left out.</summary>
    private sealed class DistinctRemoved : IRemovedSink
    {
        // Each text and the number of the last cut that removed it (cuts go from the last to the first).
        private readonly Dictionary<string, int> _cut = new(StringComparer.Ordinal);
        private int _cuts;

        public void Add(ReadOnlySpan<char> removed)
        {
            var text = removed.Trim();
            var n = _cuts++;
            if (text.Length == 0)
            {
                return;
            }

            var lookup = _cut.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.ContainsKey(text))
            {
                lookup[text] = n;
            }
            else
            {
                _cut[text.ToString()] = n;
            }
        }

        public void Clear()
        {
            _cut.Clear();
            _cuts = 0;
        }

        public IReadOnlyList<string> InOrder() => [.. _cut.OrderByDescending(kv => kv.Value).Select(kv => kv.Key)];
    }
}
