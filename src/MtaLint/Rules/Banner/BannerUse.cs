using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules.Banners;

/// <summary>
/// One banner and the listeners that send it. Listeners that share a banner setting (every
/// Postfix service without its own <c>-o smtpd_banner</c>) are judged once, so one mistake is one finding.
/// </summary>
internal sealed record BannerUse(Banner Banner, IReadOnlyList<Service> Services)
{
    public static IReadOnlyList<BannerUse> Of(MtaConfig config, bool includeLocalOnly)
    {
        var services = config.Services.Where(s => includeLocalOnly || !s.LocalOnly);
        return services
            .GroupBy(s => new Key(s.Banner.Setting.Name, s.Banner.Setting.ValueSpan?.File.Path, s.Banner.Setting.ValueSpan?.Span, new RenderedKey(s.Banner.RenderedText)))
            .Select(g => new BannerUse(g.First().Banner, g.ToArray()))
            .ToArray();
    }

    /// <summary>The lines shown under a banner finding: what clients see, and which listeners send it.</summary>
    public string[] Notes(MtaConfig config)
    {
        var notes = new List<string>();
        var lines = Banner.ShownReplyLines;
        for (var i = 0; i < lines.Count; i++)
        {
            notes.Add((i == 0 ? "clients see: " : "             ") + lines[i]);
        }

        if (config.Services.Count > 1)
        {
            notes.Add("sent on " + string.Join(", ", Services.Select(s => s.DisplayName)));
        }

        return notes.ToArray();
    }

    /// <summary>
    /// Where a finding about <paramref name="pieces"/> points: the text of the pieces in the file
    /// when they are written there (widened over enclosing brackets), else the banner setting,
    /// else the file a fix would edit.
    /// </summary>
    public SourceSpan? Locate(IReadOnlyList<BannerPiece> pieces)
    {
        // Whether a part's text is in the file as it is, asked once per part: a part can hold many pieces.
        var exact = new Dictionary<BannerPart, bool>(ReferenceEqualityComparer.Instance);
        // Lazily: the stretch shown ends at the first gap, and a long banner can hold millions of pieces.
        var spans = pieces.Select(p => SpanOf(p, exact)).Where(s => s is not null).Select(s => s!);
        if (spans.FirstOrDefault() is { } first)
        {
            // Pieces next to each other in one file ("Debian" and "GNU") are shown as one stretch.
            var last = first;
            foreach (var s in spans.Skip(1))
            {
                // Looked at in place: the next piece can be megabytes away.
                if (s.File != last.File || s.Span.Start < last.Span.End || s.Span.Start - last.Span.End > 3
                    || s.File.Text.AsSpan(last.Span.End, s.Span.Start - last.Span.End).Contains('\n'))
                {
                    break;
                }

                last = s;
            }

            var (start, end) = BannerTidy.Bracketed(first.File.Text, first.Span.Start, last.Span.End);
            return new SourceSpan(first.File, TextSpan.FromBounds(start, end));
        }

        return Banner.Setting.SettingSpan;
    }

    private static SourceSpan? SpanOf(BannerPiece piece, Dictionary<BannerPart, bool> exactParts)
    {
        if (piece.Part.Span is not { } span)
        {
            return null;
        }

        if (!exactParts.TryGetValue(piece.Part, out var exact))
        {
            exactParts[piece.Part] = exact = piece.Part.Kind == BannerPartKind.Literal
                && piece.Part.Raw == piece.Part.Rendered
                && span.Span.Length == piece.Part.Raw.Length
                && span.File.Text.AsSpan(span.Span.Start, span.Span.Length).SequenceEqual(piece.Part.Raw.Span);
        }

        return exact && !piece.IsWholePart
            ? new SourceSpan(span.File, new TextSpan(span.Span.Start + piece.Start, piece.Length))
            : span;
    }

    private sealed record Key(string Name, string? Path, TextSpan? Span, RenderedKey Rendered);

    /// <summary>A banner's rendered text as a key: compared in place, hashed by its length and ends (a megabyte banner is neither copied nor hashed whole).</summary>
    private sealed class RenderedKey(JoinedText text) : IEquatable<RenderedKey>
    {
        public bool Equals(RenderedKey? other) => other is not null && text.ContentEquals(other.Text);

        public override bool Equals(object? obj) => Equals(obj as RenderedKey);

        public override int GetHashCode()
        {
            Span<char> ends = stackalloc char[Math.Min(text.Length, 64)];
            text.CopyTo(0, ends[..(ends.Length / 2)]);
            text.CopyTo(text.Length - (ends.Length - (ends.Length / 2)), ends[(ends.Length / 2)..]);
            return HashCode.Combine(text.Length, string.GetHashCode(ends, StringComparison.Ordinal));
        }

        private JoinedText Text => text;
    }
}
