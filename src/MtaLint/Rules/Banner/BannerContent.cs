using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>What a banner discloses, by the kind of its parts and by the content of its literal text.</summary>
internal static class BannerContent
{
    public static IReadOnlyList<BannerPiece> Versions(BannerText text)
    {
        var dates = text.Matches(BannerVocabulary.Timestamp());
        var literal = text.Matches(BannerVocabulary.Version(), accept: (start, value) =>
        {
            var length = value.Length;
            return !BannerReading.Ipv4().IsMatch(value) && !dates.Any(d => Overlaps(text, d, start, length));
        });
        return Ordered(text, text.PartsOfKind(BannerPartKind.Version).Concat(literal));
    }

    public static IReadOnlyList<BannerPiece> OperatingSystems(BannerText text) =>
        Ordered(text, text.Matches(BannerVocabulary.OperatingSystem()));

    public static IReadOnlyList<BannerPiece> Products(BannerText text) =>
        Ordered(text, text.PartsOfKind(BannerPartKind.Product).Concat(text.Matches(BannerVocabulary.Product())));

    public static IReadOnlyList<BannerPiece> Timestamps(BannerText text) =>
        Ordered(text, text.PartsOfKind(BannerPartKind.Timestamp).Concat(text.Matches(BannerVocabulary.Timestamp())));

    public static IReadOnlyList<BannerPiece> ContactDetails(BannerText text)
    {
        var emails = text.Matches(BannerVocabulary.Email(), hostNamesToo: true);
        var urls = text.Matches(BannerVocabulary.Url(), hostNamesToo: true);
        var phones = text.Matches(BannerVocabulary.Phone(), accept: (_, value) => CountDigits(value) >= 7);
        return Ordered(text, emails.Concat(urls).Concat(phones));
    }

    /// <summary>Every <c>ESMTP</c> word clients see, including one the MTA inserts.</summary>
    public static IReadOnlyList<BannerPiece> EsmtpWords(BannerText text)
    {
        var inserted = text.Banner.Parts
            .Where(p => p.Kind == BannerPartKind.Inserted)
            .SelectMany(p => BannerVocabulary.Esmtp().Matches(p.Rendered.ToString()).Select(m => new BannerPiece(p, m.Index, m.Length)));
        return Ordered(text, text.Matches(BannerVocabulary.Esmtp(), hostNamesToo: true).Concat(inserted));
    }

    /// <summary>
    /// The word right after the leading host name when it is ESMTP misspelt (<c>ESMT</c>, <c>ESMPT</c>,
    /// a bare <c>SMTP</c>; see <see cref="BannerVocabulary.IsMisspeltEsmtp"/>): where the generic
    /// banners of Postfix and Exim say ESMTP. Only literal text, a whole word set off by a blank;
    /// empty when there is none.
    /// </summary>
    public static IReadOnlyList<BannerPiece> MisspeltEsmtp(BannerText text)
    {
        if (BannerHostName.RenderedEndOfLeadingHostName(text) is not { } hostEnd)
        {
            return [];
        }

        var reading = text.Reading;
        var start = hostEnd;
        while (start < reading.Length && reading.LiteralAt(start) is ' ' or '\t')
        {
            start++;
        }

        var end = start;
        while (end < reading.Length && end - start <= 6 && char.IsAsciiLetter(reading.LiteralAt(end)))
        {
            end++;
        }

        // A word glued to the host name, or running into a variable or digits ("SMTP2"), is something else.
        var wordEnds = end == reading.Length || char.IsWhiteSpace(reading.LiteralAt(end)) || "()[]{}<>/,;:\"'!?=|*".Contains(reading.LiteralAt(end));
        if (start <= hostEnd || !wordEnds || end - start > 6)
        {
            return []; // ESMTP with one slip is at most 6 letters
        }

        Span<char> word = stackalloc char[end - start];
        for (var i = start; i < end; i++)
        {
            word[i - start] = reading.LiteralAt(i);
        }

        return BannerVocabulary.IsMisspeltEsmtp(word) ? text.PiecesAt(start, end - start) : [];
    }

    /// <summary>
    /// True when the banner says something beyond a host name, <c>ESMTP</c> and what the banner
    /// rules object to: words an admin wrote on purpose, which replacing the whole banner would lose.
    /// </summary>
    public static bool HasOwnWords(BannerText text)
    {
        if (text.Banner.Parts.Any(p => p.Kind == BannerPartKind.Dynamic && p.Rendered.Trim().Length > 0))
        {
            return true;
        }

        // The stretches of literal text the rules know, in order: a letter or digit outside all of them is the admin's own.
        var known = Versions(text).Concat(OperatingSystems(text)).Concat(Products(text)).Concat(Timestamps(text))
            .Concat(ContactDetails(text)).Concat(EsmtpWords(text))
            .Where(p => p.Part.Kind == BannerPartKind.Literal)
            .Select(p => (Start: text.StartOf(p.Part) + p.Start, End: text.StartOf(p.Part) + p.Start + p.Length))
            .OrderBy(k => k.Start)
            .ToArray();
        var merged = new List<(int Start, int End)>(known.Length);
        foreach (var k in known)
        {
            if (merged.Count > 0 && k.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, k.End));
            }
            else
            {
                merged.Add(k);
            }
        }

        var next = 0; // the first stretch that does not end before the char looked at
        foreach (var run in text.Reading.WordRuns)
        {
            var chars = run.Text.Span;
            for (var i = 0; i < chars.Length; i++)
            {
                var at = run.Start + i;
                while (next < merged.Count && merged[next].End <= at)
                {
                    next++;
                }

                if (char.IsLetterOrDigit(chars[i]) && !(next < merged.Count && merged[next].Start <= at))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int CountDigits(ReadOnlySpan<char> value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    private static bool Overlaps(BannerText text, BannerPiece piece, int start, int length)
    {
        var s = text.StartOf(piece.Part) + piece.Start;
        return s < start + length && start < s + piece.Length;
    }

    private static IReadOnlyList<BannerPiece> Ordered(BannerText text, IEnumerable<BannerPiece> pieces)
    {
        // Pieces of one pattern come in order, each once: a long banner's million of them are not sorted again.
        var list = pieces as IReadOnlyList<BannerPiece> ?? [.. pieces];
        for (var i = 1; i < list.Count; i++)
        {
            var (before, after) = (text.StartOf(list[i - 1].Part) + list[i - 1].Start, text.StartOf(list[i].Part) + list[i].Start);
            if (before > after || before == after && list[i - 1].Length >= list[i].Length)
            {
                return list.Distinct().OrderBy(p => text.StartOf(p.Part) + p.Start).ThenBy(p => p.Length).ToArray();
            }
        }

        return list;
    }
}
