using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// A stretch of one banner part that a rule objects to: the whole part (a <c>$mail_version</c>
/// token), or a match inside literal text (<c>Debian</c> in <c>(Debian/GNU)</c>).
/// <see cref="Start"/> and <see cref="Length"/> count chars of the part's rendered text.
/// </summary>
internal sealed record BannerPiece(BannerPart Part, int Start, int Length)
{
    public string Text => Part.Rendered.Substring(Start, Length);

    public bool IsWholePart => Start == 0 && Length == Part.Rendered.Length;
}

/// <summary>
/// A banner's text as the content rules match it: over <see cref="BannerReading"/> (literal text
/// only, host names masked), which the banner computes once for every rule and fix.
/// </summary>
internal sealed class BannerText(Banner banner)
{
    private readonly BannerReading _reading = banner.Reading;

    public Banner Banner { get; } = banner;

    /// <summary>The rendered banner with everything but literal text replaced by <c>\0</c>.</summary>
    public string LiteralOnly => _reading.LiteralOnly;

    /// <summary><see cref="LiteralOnly"/> with host names also replaced by <c>\0</c>: the text content rules read.</summary>
    public string Words => _reading.Words;

    public IReadOnlyList<BannerPiece> PartsOfKind(BannerPartKind kind) =>
        Banner.Parts.Where(p => p.Kind == kind && p.Rendered.Length + p.Raw.Length > 0)
            .Select(p => new BannerPiece(p, 0, p.Rendered.Length)).ToArray();

    /// <summary>The pieces of literal text matched by <paramref name="pattern"/> in <see cref="Words"/> (or <see cref="LiteralOnly"/>).</summary>
    public IReadOnlyList<BannerPiece> Matches(Regex pattern, bool hostNamesToo = false, Func<Match, bool>? accept = null)
    {
        var text = hostNamesToo ? LiteralOnly : Words;
        var pieces = new List<BannerPiece>();
        foreach (Match m in pattern.Matches(text))
        {
            if (m.Length == 0 || m.Value.Contains('\0') || accept is not null && !accept(m))
            {
                continue;
            }

            pieces.AddRange(PiecesOf(m.Index, m.Length));
        }

        return pieces;
    }

    /// <summary>The start of <paramref name="part"/> in the rendered text.</summary>
    public int StartOf(BannerPart part) => _reading.PartStart(IndexOf(part));

    private int IndexOf(BannerPart part)
    {
        for (var i = 0; i < Banner.Parts.Count; i++)
        {
            if (ReferenceEquals(Banner.Parts[i], part))
            {
                return i;
            }
        }

        throw new ArgumentException("not a part of this banner", nameof(part));
    }

    // A match may run across adjacent literal parts: one piece per part it touches.
    private IEnumerable<BannerPiece> PiecesOf(int start, int length)
    {
        var end = start + length;
        for (var i = 0; i < Banner.Parts.Count; i++)
        {
            var partStart = _reading.PartStart(i);
            var partEnd = partStart + Banner.Parts[i].Rendered.Length;
            var s = Math.Max(start, partStart);
            var e = Math.Min(end, partEnd);
            if (s < e)
            {
                yield return new BannerPiece(Banner.Parts[i], s - partStart, e - s);
            }
        }
    }
}
