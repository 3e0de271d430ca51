using System.Text;
using MtaLint.Rules.Banners;

namespace MtaLint.Tests.Rules;

/// <summary>
/// Cutting words out of a banner: written cases, and the way the cuts were once made (a new string
/// per cut, quadratic on a long banner) as the oracle of the gap buffer that makes them now, on
/// random banners built from the pieces that make the tidying interesting.
/// </summary>
public sealed class BannerTidyTests
{
    private static string Remove(string raw, params string[] words) =>
        BannerTidy.Remove(raw, words.Select(w =>
        {
            var i = raw.IndexOf(w, StringComparison.Ordinal);
            return (i, i + w.Length);
        })).Text;

    [Theory]
    [InlineData("$j Sendmail $v/$Z; $b", new[] { "$v", "$Z" }, "$j Sendmail $b")]
    [InlineData("$j Sendmail $v/$Z; $b", new[] { "$b" }, "$j Sendmail $v/$Z")]
    [InlineData("$j Sendmail $v/$Z; $b", new[] { "Sendmail" }, "$j $v/$Z; $b")]
    [InlineData("a (Debian/GNU)", new[] { "Debian", "GNU" }, "a")]
    [InlineData("a (Debian/GNU) b", new[] { "Debian", "GNU" }, "a b")]
    [InlineData("a Postfix/3.7 b", new[] { "3.7" }, "a Postfix b")]
    [InlineData("a 4.96, b", new[] { "4.96" }, "a b")]
    [InlineData("x  a\tb", new[] { "a" }, "x  b")]
    [InlineData("ESMTP(x)ready", new[] { "x" }, "ESMTP ready")]
    public void Removes_words_with_their_glue(string raw, string[] words, string expected) =>
        Assert.Equal(expected, Remove(raw, words));

    [Fact]
    public void Reports_what_it_removed() =>
        Assert.Equal(["(Debian/GNU)"], BannerTidy.Remove("a (Debian/GNU)", [(3, 9), (10, 13)]).Removed);

    [Fact]
    public void Cuts_as_the_string_per_cut_version_did_on_random_banners()
    {
        var random = new Random(20261203);
        string[] pieces = ["a", "Debian", "GNU", "4.96", " ", "  ", "\t", "/", ";", ",", ":", "-", "(", ")", "[", "]", "<", ">", "\n", "x1"];
        for (var n = 0; n < 20_000; n++)
        {
            var raw = new StringBuilder();
            for (var i = random.Next(1, 14); i > 0; i--)
            {
                raw.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = raw.ToString();
            var ranges = new List<(int Start, int End)>();
            for (var i = random.Next(0, 4); i > 0; i--)
            {
                var start = random.Next(text.Length);
                ranges.Add((start, Math.Min(text.Length, start + random.Next(1, 6))));
            }

            var expected = Oracle(text, ranges);
            var actual = BannerTidy.Remove(text, ranges);
            Assert.True(expected.Text == actual.Text && expected.Removed.SequenceEqual(actual.Removed),
                $"'{text}' minus [{string.Join(", ", ranges)}]: '{actual.Text}' ({string.Join("|", actual.Removed)}), was '{expected.Text}' ({string.Join("|", expected.Removed)})");
        }
    }

    [Fact]
    public void A_hundred_thousand_cuts_in_a_long_banner_cost_about_its_length()
    {
        var raw = string.Concat(Enumerable.Repeat("welcome (Debian/GNU) ", 100_000));
        var ranges = Enumerable.Range(0, 100_000).SelectMany(i => new[] { ((i * 21) + 9, (i * 21) + 15), ((i * 21) + 16, (i * 21) + 19) }).ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (text, removed) = BannerTidy.Remove(raw, ranges);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(string.Join(' ', Enumerable.Repeat("welcome", 100_000)), text);
        Assert.Equal(100_000, removed.Count);
        Assert.True(allocated < 64L * raw.Length, $"{allocated / (double)raw.Length:F1} bytes per char (a copy per cut would be {2L * raw.Length * 100_000:N0} bytes)");
    }

    /// <summary>The cuts as they were made before the gap buffer: from the last, a new string each.</summary>
    private static (string Text, IReadOnlyList<string> Removed) Oracle(string raw, IEnumerable<(int Start, int End)> ranges)
    {
        const string Glue = "/;,:-";
        var sorted = ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList();
        var merged = new List<(int Start, int End)>();
        foreach (var r in sorted)
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

        var text = raw;
        var removed = new List<string>();
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (start, end) = merged[i];
            while (start > 0 && end < text.Length && IsPair(text[start - 1], text[end]))
            {
                start--;
                end++;
            }

            if (start > 0 && Glue.Contains(text[start - 1]) && start > 1 && !char.IsWhiteSpace(text[start - 2]))
            {
                start--;
            }

            if (end < text.Length && text[end] is ';' or ',')
            {
                end++;
            }
            else if (text[end..].Trim().Length == 0)
            {
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

            removed.Insert(0, text[start..end].Trim());
            text = Join(text[..start], text[end..]);
        }

        return (text, removed);

        static bool IsPair(char open, char close) => open == '(' && close == ')' || open == '[' && close == ']' || open == '<' && close == '>';

        static string Join(string left, string right)
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

            return !leftBlank && !rightBlank && char.IsLetterOrDigit(left[^1]) && char.IsLetterOrDigit(right[0])
                ? left + " " + right
                : left + right;
        }
    }
}
