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

    private static bool IsPair(char open, char close) => open == '(' && close == ')' || open == '[' && close == ']' || open == '<' && close == '>';

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
