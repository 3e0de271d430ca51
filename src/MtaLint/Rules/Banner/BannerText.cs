using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// A stretch of one banner part that a rule objects to: the whole part (a <c>$mail_version</c>
/// token), or a match inside literal text (<c>Debian</c> in <c>(Debian/GNU)</c>).
/// <see cref="Start"/> and <see cref="Length"/> count chars of the part's rendered text.
/// A value, not an object: a long banner can hold a piece every few words.
/// </summary>
internal readonly record struct BannerPiece(BannerPart Part, int Start, int Length)
{
    public string Text => Part.Rendered.Slice(Start, Length).ToString();

    public bool IsWholePart => Start == 0 && Length == Part.Rendered.Length;

    // The part by identity: a record's own equality would compare its text, a megabyte for each piece of a long literal.
    public bool Equals(BannerPiece other) => ReferenceEquals(Part, other.Part) && Start == other.Start && Length == other.Length;

    public override int GetHashCode() => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Part), Start, Length);
}

/// <summary>Whether a match of a banner pattern counts: <paramref name="start"/> is where it is in the rendered banner, <paramref name="value"/> its text.</summary>
internal delegate bool MatchFilter(int start, ReadOnlySpan<char> value);

/// <summary>
/// A banner's text as the content rules match it: over <see cref="BannerReading"/> (literal text
/// only, host names masked), which the banner computes once for every rule and fix.
/// </summary>
internal sealed class BannerText(Banner banner)
{
    private readonly BannerReading _reading = banner.Reading;
    private Dictionary<BannerPart, int>? _indexes;

    public Banner Banner { get; } = banner;

    public BannerReading Reading => _reading;

    public IReadOnlyList<BannerPiece> PartsOfKind(BannerPartKind kind) =>
        Banner.Parts.Where(p => p.Kind == kind && p.Rendered.Length + p.Raw.Length > 0)
            .Select(p => new BannerPiece(p, 0, p.Rendered.Length)).ToArray();

    /// <summary>
    /// The pieces of literal text matched by <paramref name="pattern"/>, read in the runs of
    /// <see cref="BannerReading.WordRuns"/> (or <see cref="BannerReading.LiteralRuns"/>, host names too) in place.
    /// </summary>
    public IReadOnlyList<BannerPiece> Matches(Regex pattern, bool hostNamesToo = false, MatchFilter? accept = null)
    {
        var pieces = new ChunkedList<BannerPiece>();
        foreach (var run in hostNamesToo ? _reading.LiteralRuns : _reading.WordRuns)
        {
            var text = run.Text.Span;
            // No Match objects: a long banner can hold a match every few words.
            foreach (var m in pattern.EnumerateMatches(text))
            {
                var value = text.Slice(m.Index, m.Length);
                if (m.Length == 0 || value.Contains('\0') || accept is not null && !accept(run.Start + m.Index, value))
                {
                    continue;
                }

                AddPiecesOf(pieces, run.Start + m.Index, m.Length);
            }
        }

        return pieces;
    }

    /// <summary>The pieces of the parts that the rendered text from <paramref name="start"/> on, <paramref name="length"/> chars long, lies in.</summary>
    public IReadOnlyList<BannerPiece> PiecesAt(int start, int length)
    {
        var pieces = new ChunkedList<BannerPiece>();
        AddPiecesOf(pieces, start, length);
        return pieces;
    }

    /// <summary>The start of <paramref name="part"/> in the rendered text.</summary>
    public int StartOf(BannerPart part) => _reading.PartStart(IndexOf(part));

    // Looked up by identity, not by scanning the parts: rules ask for the start of every piece they find.
    private int IndexOf(BannerPart part)
    {
        if (_indexes is null)
        {
            _indexes = new Dictionary<BannerPart, int>(Banner.Parts.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < Banner.Parts.Count; i++)
            {
                _indexes.TryAdd(Banner.Parts[i], i);
            }
        }

        return _indexes.TryGetValue(part, out var index) ? index : throw new ArgumentException("not a part of this banner", nameof(part));
    }

    // A match may run across adjacent literal parts: one piece per part it touches, from the part
    // it starts in (found by binary search: a long banner has many parts and many matches).
    private void AddPiecesOf(ChunkedList<BannerPiece> pieces, int start, int length)
    {
        var end = start + length;
        var (low, high) = (0, Banner.Parts.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_reading.PartStart(middle) <= start)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        for (var i = low; i < Banner.Parts.Count && _reading.PartStart(i) < end; i++)
        {
            var partStart = _reading.PartStart(i);
            var partEnd = partStart + Banner.Parts[i].Rendered.Length;
            var s = Math.Max(start, partStart);
            var e = Math.Min(end, partEnd);
            if (s < e)
            {
                pieces.Add(new BannerPiece(Banner.Parts[i], s - partStart, e - s));
            }
        }
    }
}
