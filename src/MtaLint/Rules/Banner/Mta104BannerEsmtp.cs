using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// MTA104: the greeting lacks the word ESMTP, or misspells it where it belongs (<c>ESMT</c>,
/// <c>ESMPT</c> right after the host name). Never for an MTA that inserts it itself (Sendmail),
/// where writing it would show it twice (MTA108).
/// </summary>
internal sealed class Mta104BannerEsmtp : BannerRule
{
    private const string Consequence = "clients that still look for it in the greeting fall back to plain SMTP and do not try EHLO, STARTTLS or SIZE";

    public override string Id => "MTA104";

    protected override bool JudgesLocalOnlyListeners => true;

    protected override IEnumerable<Finding> Check(MtaConfig config, BannerUse use)
    {
        var banner = use.Banner;
        var text = new BannerText(banner);
        if (banner.MtaInsertsEsmtp || BannerContent.EsmtpWords(text).Count > 0)
        {
            yield break;
        }

        var fix = config.Mta == MtaKind.Wire ? null : FixEach(use, FixFor);
        var misspelt = BannerContent.MisspeltEsmtp(text);
        if (misspelt.Count > 0)
        {
            // Inserting ESMTP before the slip would show both ("ESMTP ESMT"): the word itself is corrected.
            var notes = fix is null ? new[] { $"write ESMTP in place of {Quote(misspelt)}" } : [];
            yield return Report(config, use, use.Locate(misspelt),
                $"the banner misspells ESMTP as {Quote(misspelt)}: {Consequence}", fix, notes);
            yield break;
        }

        var insertNotes = fix is null ? new[] { "write ESMTP right after the host name: " + banner.Setting.DescribeAssignment(banner.RecommendedRaw) } : [];
        yield return Report(config, use, banner.Setting.SettingSpan, $"the banner does not say ESMTP: {Consequence}", fix, insertNotes);
    }

    private static Fix? FixFor(BannerText text)
    {
        var misspelt = BannerContent.MisspeltEsmtp(text);
        if (misspelt.Count == 0)
        {
            return InsertEsmtp(text);
        }

        // Not written in the banner's own value (it comes through another setting): only the whole banner can be replaced.
        return BannerFix.Replacing(text, misspelt, "ESMTP", $"replace {Quote(misspelt)} with ESMTP")
            ?? BannerFix.Generic(text.Banner, text);
    }

    private static Fix? InsertEsmtp(BannerText text)
    {
        var banner = text.Banner;
        if (banner.Setting.IsDefault)
        {
            return BannerFix.Generic(banner, text);
        }

        var raw = banner.Setting.RawText.Span;
        if (!Banner.IsConcatenation(banner.Parts, p => p.Raw, raw) || BannerHostName.EndOfLeadingHostName(text) is not { } at)
        {
            return null;
        }

        var rest = raw[at..];
        var inserted = rest.Length == 0 || char.IsWhiteSpace(rest[0]) ? " ESMTP" : " ESMTP ";
        return Fix.Safe("add ESMTP after the host name", banner.Setting.SetTo(string.Concat(raw[..at], inserted, rest)));
    }
}
