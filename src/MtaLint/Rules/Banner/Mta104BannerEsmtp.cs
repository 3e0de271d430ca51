using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// MTA104: the greeting lacks the word ESMTP. Never for an MTA that inserts it itself
/// (Sendmail), where writing it would show it twice (MTA108).
/// </summary>
internal sealed class Mta104BannerEsmtp : BannerRule
{
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

        var fix = config.Mta == MtaKind.Wire ? null : FixEach(use, InsertEsmtp);
        var notes = fix is null ? new[] { "write ESMTP right after the host name: " + banner.Setting.DescribeAssignment(banner.RecommendedRaw) } : [];
        yield return Report(config, use, banner.Setting.SettingSpan,
            "the banner does not say ESMTP: clients that still look for it in the greeting fall back to plain SMTP and do not try EHLO, STARTTLS or SIZE",
            fix, notes);
    }

    private static Fix? InsertEsmtp(BannerText text)
    {
        var banner = text.Banner;
        if (banner.Setting.IsDefault)
        {
            return BannerFix.Generic(banner, text);
        }

        var raw = string.Concat(banner.Parts.Select(p => p.Raw));
        if (raw != banner.Setting.Raw || BannerHostName.EndOfLeadingHostName(text) is not { } at)
        {
            return null;
        }

        var rest = raw[at..];
        var inserted = rest.Length == 0 || char.IsWhiteSpace(rest[0]) ? " ESMTP" : " ESMTP ";
        return Fix.Safe("add ESMTP after the host name", banner.Setting.SetTo(raw[..at] + inserted + rest));
    }
}
