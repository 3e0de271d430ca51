using System.Text;
using MtaLint.Model;
using MtaLint.Text;

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
            var octets = 4 + Utf8Length(banner.RenderedText, lines[i].Start, lines[i].Length) + 2;
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

    /// <summary>The UTF-8 length of chars [start, start + length) of <paramref name="text"/>, counted piece by piece in place (a surrogate pair split between pieces counts as one char).</summary>
    private static long Utf8Length(JoinedText text, int start, int length)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        var octets = 0L;
        var at = 0;
        var end = start + length;
        foreach (var piece in text.Pieces)
        {
            var from = Math.Max(start, at);
            var to = Math.Min(end, at + piece.Length);
            if (from < to)
            {
                octets += encoder.GetByteCount(piece.Span[(from - at)..(to - at)], flush: to == end);
            }

            at += piece.Length;
        }

        return octets + encoder.GetByteCount(ReadOnlySpan<char>.Empty, flush: true);
    }
}
