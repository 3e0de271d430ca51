using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>MTA105: the greeting does not begin with the server's host name (RFC 5321 section 4.3.1).</summary>
internal sealed class Mta105BannerHostname : BannerRule
{
    public override string Id => "MTA105";

    protected override bool JudgesLocalOnlyListeners => true;

    protected override IEnumerable<Finding> Check(MtaConfig config, BannerUse use)
    {
        var banner = use.Banner;
        var text = new BannerText(banner);
        var (kind, word) = BannerHostName.Classify(text);
        if (kind != BannerHostName.Start.Other)
        {
            yield break;
        }

        // When the host name variable is there but renders empty, the banner is not what is wrong:
        // prepending the variable again would change nothing (and a fix loop would never settle).
        var emptyHostName = banner.Parts.Any(p => p.Kind == BannerPartKind.Hostname && p.Rendered.Trim().Length == 0);
        var fix = config.Mta == MtaKind.Wire || emptyHostName ? null : FixEach(use, PrependHostName);
        var shown = word.Length == 0 ? "the banner is empty" : $"the banner begins with \"{word}\", not the host name";
        string[] notes = emptyHostName
            ? ["the host name the banner uses is empty: set the server's host name"]
            : fix is null ? ["start it with the host name: " + banner.Setting.DescribeAssignment(banner.RecommendedRaw)] : [];
        yield return Report(config, use, banner.Setting.SettingSpan,
            $"{shown}: RFC 5321 (section 4.3.1) requires the greeting to start with the server's fully qualified domain name, and some clients check it",
            fix, notes);
    }

    private static Fix? PrependHostName(BannerText text)
    {
        var banner = text.Banner;
        if (banner.Setting.IsDefault)
        {
            return BannerFix.Generic(banner, text);
        }

        // The dialect's generic banner starts with its host name variable ($myhostname, $smtp_active_hostname, $j).
        var hostName = banner.RecommendedRaw.Split(' ', 2)[0];
        var raw = banner.Setting.RawText.Span.TrimStart();
        var value = raw.Length == 0 ? hostName : string.Concat(hostName, " ", raw);
        return Fix.Safe($"start the banner with {hostName}", banner.Setting.SetTo(value));
    }
}
