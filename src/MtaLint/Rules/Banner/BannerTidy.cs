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
    public static (string Text, IReadOnlyList<string> Removed) Remove(string raw, IEnumerable<(int Start, int End)> ranges)
    {
        var merged = Merge(raw, ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList());
        var text = raw;
        var removed = new List<string>();
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (start, end) = Widen(text, merged[i].Start, merged[i].End);
            removed.Insert(0, text[start..end].Trim());
            text = Join(text[..start], text[end..]);
        }

        return (text, removed);
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
                if (r.Start <= last.End || raw[last.End..r.Start].All(c => char.IsWhiteSpace(c) || Glue.Contains(c)))
                {
                    merged[^1] = (last.Start, Math.Max(last.End, r.End));
                    continue;
                }
            }

            merged.Add(r);
        }

        return merged;
    }

    private static (int Start, int End) Widen(string text, int start, int end)
    {
        (start, end) = Bracketed(text, start, end);

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
        else if (text[end..].Trim().Length == 0)
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

    private static string Join(string left, string right)
    {
        if (left.Length == 0)
        {
            return right.TrimStart(' ', '\t');
        }

        if (right.Trim(' ', '\t').Length == 0)
        {
            return left.TrimEnd(' ', '\t') + right.TrimStart(' ', '\t');
        }

        var leftBlank = char.IsWhiteSpace(left[^1]);
        var rightBlank = char.IsWhiteSpace(right[0]);
        if (leftBlank && rightBlank)
        {
            return left + right.TrimStart(' ', '\t');
        }

        // "ESMTP(x)ready" minus "(x)" must not glue two words into one.
        return !leftBlank && !rightBlank && char.IsLetterOrDigit(left[^1]) && char.IsLetterOrDigit(right[0])
            ? left + " " + right
            : left + right;
    }

    private static bool IsPair(char open, char close) => open == '(' && close == ')' || open == '[' && close == ']' || open == '<' && close == '>';
}
