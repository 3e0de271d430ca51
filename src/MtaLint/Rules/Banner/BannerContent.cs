using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>What a banner discloses, by the kind of its parts and by the content of its literal text.</summary>
internal static class BannerContent
{
    public static IReadOnlyList<BannerPiece> Versions(BannerText text)
    {
        var dates = text.Matches(BannerVocabulary.Timestamp());
        var literal = text.Matches(BannerVocabulary.Version(), accept: m =>
            !BannerReading.Ipv4().IsMatch(m.Value)
            && !dates.Any(d => Overlaps(text, d, m.Index, m.Length)));
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
        var phones = text.Matches(BannerVocabulary.Phone(), accept: m => m.Value.Count(char.IsAsciiDigit) >= 7);
        return Ordered(text, emails.Concat(urls).Concat(phones));
    }

    /// <summary>Every <c>ESMTP</c> word clients see, including one the MTA inserts.</summary>
    public static IReadOnlyList<BannerPiece> EsmtpWords(BannerText text)
    {
        var inserted = text.Banner.Parts
            .Where(p => p.Kind == BannerPartKind.Inserted)
            .SelectMany(p => BannerVocabulary.Esmtp().Matches(p.Rendered).Select(m => new BannerPiece(p, m.Index, m.Length)));
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

        var literal = text.LiteralOnly;
        var start = hostEnd;
        while (start < literal.Length && literal[start] is ' ' or '\t')
        {
            start++;
        }

        var end = start;
        while (end < literal.Length && char.IsAsciiLetter(literal[end]))
        {
            end++;
        }

        // A word glued to the host name, or running into a variable or digits ("SMTP2"), is something else.
        var wordEnds = end == literal.Length || char.IsWhiteSpace(literal[end]) || "()[]{}<>/,;:\"'!?=|*".Contains(literal[end]);
        return start > hostEnd && wordEnds && BannerVocabulary.IsMisspeltEsmtp(literal.AsSpan(start, end - start))
            ? text.PiecesAt(start, end - start)
            : [];
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

        var known = Versions(text).Concat(OperatingSystems(text)).Concat(Products(text)).Concat(Timestamps(text))
            .Concat(ContactDetails(text)).Concat(EsmtpWords(text));
        var words = text.Words.ToCharArray();
        foreach (var piece in known.Where(p => p.Part.Kind == BannerPartKind.Literal))
        {
            var start = text.StartOf(piece.Part) + piece.Start;
            Array.Fill(words, '\0', start, piece.Length);
        }

        return words.Any(char.IsLetterOrDigit);
    }

    private static bool Overlaps(BannerText text, BannerPiece piece, int start, int length)
    {
        var s = text.StartOf(piece.Part) + piece.Start;
        return s < start + length && start < s + piece.Length;
    }

    private static IReadOnlyList<BannerPiece> Ordered(BannerText text, IEnumerable<BannerPiece> pieces) =>
        pieces.Distinct().OrderBy(p => text.StartOf(p.Part) + p.Start).ThenBy(p => p.Length).ToArray();
}
