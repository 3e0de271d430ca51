using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>How a banner begins: with the host name (a host name variable, or a domain written out), or not.</summary>
internal static class BannerHostName
{
    public enum Start
    {
        /// <summary>A host name variable or a domain name / address literal.</summary>
        HostName,

        /// <summary>A variable whose value is unknown, or a word that runs into one (<c>mx.$mydomain</c>): not judged.</summary>
        Unknown,

        /// <summary>Anything else, or nothing.</summary>
        Other,
    }

    /// <summary>How the first line begins, and the first word as clients see it.</summary>
    public static (Start Kind, string Word) Classify(BannerText text)
    {
        var (index, offset) = FirstWordStart(text.Banner);
        if (index < 0)
        {
            return (Start.Other, string.Empty);
        }

        var part = text.Banner.Parts[index];
        switch (part.Kind)
        {
            case BannerPartKind.Hostname:
                return (Start.HostName, part.Rendered.Trim().ToString());
            case BannerPartKind.Dynamic:
                return (Start.Unknown, part.Rendered.Trim().ToString());
            case BannerPartKind.Literal:
                // The word is read in the run of literal text it starts in; past the run's end is not literal text.
                var start = text.StartOf(part) + offset;
                var runs = text.Reading.LiteralRuns;
                var run = runs[BannerReading.RunAt(runs, start)];
                var chars = run.Text.Span;
                var end = start;
                while (end < run.End && !char.IsWhiteSpace(chars[end - run.Start]) && chars[end - run.Start] != '\0')
                {
                    end++;
                }

                var word = chars[(start - run.Start)..(end - run.Start)].ToString();
                // A word running into a variable is not judged; running into text the MTA inserts
                // itself (Sendmail's " ESMTP", which starts with a blank) ends the word.
                if (end < text.Reading.Length && text.Reading.LiteralAt(end) == '\0' && !IsInserted(text, end))
                {
                    return (Start.Unknown, word);
                }

                return (BannerReading.HostName().IsMatch(word) ? Start.HostName : Start.Other, word);
            default:
                return (Start.Other, part.Rendered.Trim().ToString());
        }
    }

    private static bool IsInserted(BannerText text, int offset) =>
        text.Banner.Parts.Any(p => p.Kind == BannerPartKind.Inserted
            && text.StartOf(p) <= offset && offset < text.StartOf(p) + p.Rendered.Length);

    /// <summary>The offset in the rendered text just after a leading host name (a variable or written out); else null.</summary>
    public static int? RenderedEndOfLeadingHostName(BannerText text)
    {
        var (kind, word) = Classify(text);
        if (kind != Start.HostName)
        {
            return null;
        }

        // The word starts at the first non-blank char, which is where Classify found it.
        var (index, offset) = FirstWordStart(text.Banner);
        return text.StartOf(text.Banner.Parts[index]) + offset + word.Length;
    }

    /// <summary>
    /// The offset in the banner's raw value just after a leading host name, when the host name is
    /// written in the value itself (not reached through another setting); else null.
    /// </summary>
    public static int? EndOfLeadingHostName(BannerText text)
    {
        if (Classify(text).Kind != Start.HostName)
        {
            return null;
        }

        var (index, offset) = FirstWordStart(text.Banner);
        var part = text.Banner.Parts[index];
        if (part.Via is not null || part.Raw.Length == 0)
        {
            return null;
        }

        var rawStart = text.Banner.Parts.Take(index).Sum(p => p.Raw.Length);
        if (part.Kind == BannerPartKind.Hostname)
        {
            return rawStart + part.Raw.Length;
        }

        if (part.Raw != part.Rendered)
        {
            return null;
        }

        var raw = part.Raw.Span;
        var end = offset;
        while (end < raw.Length && !char.IsWhiteSpace(raw[end]))
        {
            end++;
        }

        return rawStart + end;
    }

    // The part holding the first non-blank char of the rendered banner, and the offset of that char in it.
    private static (int Index, int Offset) FirstWordStart(Banner banner)
    {
        for (var i = 0; i < banner.Parts.Count; i++)
        {
            var rendered = banner.Parts[i].Rendered.Span;
            for (var j = 0; j < rendered.Length; j++)
            {
                if (!char.IsWhiteSpace(rendered[j]))
                {
                    return (i, j);
                }
            }
        }

        return (-1, 0);
    }
}
