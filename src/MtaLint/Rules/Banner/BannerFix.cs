using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// Fixes that take pieces out of a banner. When every piece is written in the banner's own
/// value, the value is edited in place and the rest of it is kept (safe). When a piece is the
/// MTA's default, or comes through another setting, the banner is set to the dialect's generic
/// banner instead: safe when that loses nothing the admin wrote on purpose, else unsafe.
/// </summary>
internal static class BannerFix
{
    public static Fix? Removing(MtaConfig config, BannerText text, IReadOnlyList<BannerPiece> pieces)
    {
        if (config.Mta == MtaKind.Wire || pieces.Count == 0)
        {
            return null; // a live server's greeting has no file to edit
        }

        var banner = text.Banner;
        // The parts spell out the value itself (compared in place: a megabyte banner is not copied to ask).
        var raw = banner.Setting.RawText;
        if (!banner.Setting.IsDefault && Banner.IsConcatenation(banner.Parts, p => p.Raw, raw.Span) && pieces.All(IsEditableInPlace))
        {
            var offsets = RawOffsets(banner);
            var (edited, removed) = BannerTidy.RemoveDistinct(raw, pieces.Select(p => RawRange(offsets, p)));
            if (!edited.AsSpan().IsWhiteSpace() && !raw.Equals(edited))
            {
                var what = string.Join(", ", removed.Select(r => $"\"{r}\""));
                return Fix.Safe($"remove {what}", banner.Setting.SetTo(edited));
            }
        }

        return Generic(banner, text);
    }

    /// <summary>
    /// Replaces one stretch of the banner's own value, <paramref name="pieces"/> in a row, with
    /// <paramref name="replacement"/> and keeps the rest (safe); null when the pieces are not
    /// written in the value as clients see them (a default, or text from another setting).
    /// </summary>
    public static Fix? Replacing(BannerText text, IReadOnlyList<BannerPiece> pieces, string replacement, string description)
    {
        var banner = text.Banner;
        var raw = banner.Setting.RawText;
        if (pieces.Count == 0 || banner.Setting.IsDefault || !Banner.IsConcatenation(banner.Parts, p => p.Raw, raw.Span) || !pieces.All(IsEditableInPlace))
        {
            return null;
        }

        var offsets = RawOffsets(banner);
        var start = RawRange(offsets, pieces[0]).Start;
        var end = RawRange(offsets, pieces[^1]).End;
        return Fix.Safe(description, banner.Setting.SetTo(string.Concat(raw.Span[..start], replacement, raw.Span[end..])));
    }

    /// <summary>Sets the banner to the dialect's generic banner; null when it already is.</summary>
    public static Fix? Generic(Banner banner, BannerText text)
    {
        if (banner.Setting.RawText.Equals(banner.RecommendedRaw))
        {
            return null;
        }

        var description = banner.Setting.DescribeAssignment(banner.RecommendedRaw);
        var edit = banner.Setting.SetTo(banner.RecommendedRaw);
        return banner.Setting.IsDefault || !BannerContent.HasOwnWords(text)
            ? Fix.Safe(description, edit)
            : Fix.Unsafe(description + " (replaces the whole banner)", edit);
    }

    // A piece can be cut from the banner's own value when its raw text is there and maps 1:1 to what clients see.
    private static bool IsEditableInPlace(BannerPiece piece) =>
        piece.Part.Via is null
        && piece.Part.Raw.Length > 0
        && (piece.IsWholePart || piece.Part.Kind == BannerPartKind.Literal && piece.Part.Raw == piece.Part.Rendered);

    /// <summary>Where each part's raw text starts in the banner's raw value (parts by identity).</summary>
    private static Dictionary<BannerPart, int> RawOffsets(Banner banner)
    {
        var offsets = new Dictionary<BannerPart, int>(banner.Parts.Count, ReferenceEqualityComparer.Instance);
        var offset = 0;
        foreach (var part in banner.Parts)
        {
            offsets.TryAdd(part, offset);
            offset += part.Raw.Length;
        }

        return offsets;
    }

    private static (int Start, int End) RawRange(Dictionary<BannerPart, int> offsets, BannerPiece piece)
    {
        var offset = offsets.TryGetValue(piece.Part, out var o) ? o : throw new ArgumentException("not a part of this banner", nameof(piece));
        return piece.IsWholePart
            ? (offset, offset + piece.Part.Raw.Length)
            : (offset + piece.Start, offset + piece.Start + piece.Length);
    }
}
