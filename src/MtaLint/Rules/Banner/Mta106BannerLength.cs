using System.Text;
using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>MTA106: a greeting line longer than 512 octets with its reply code and CRLF (RFC 5321 section 4.5.3.1.5).</summary>
internal sealed class Mta106BannerLength : BannerRule
{
    public const int MaxReplyLine = 512;

    public override string Id => "MTA106";

    protected override bool JudgesLocalOnlyListeners => true;

    protected override IEnumerable<Finding> Check(MtaConfig config, BannerUse use)
    {
        var banner = use.Banner;
        var lines = banner.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            // "220 " or "220-", the line, CRLF: counted without making the line.
            var octets = 4 + Encoding.UTF8.GetByteCount(banner.Rendered.AsSpan(lines[i].Start, lines[i].Length)) + 2;
            if (octets <= MaxReplyLine)
            {
                continue;
            }

            var which = lines.Count == 1 ? "the greeting line" : $"line {i + 1} of the greeting";
            yield return Report(config, use, use.Banner.Setting.SettingSpan,
                $"{which} is {octets} octets long with its reply code and CRLF: RFC 5321 (section 4.5.3.1.5) allows 512, and clients may cut it off or drop the connection; shorten it",
                null);
        }
    }
}
