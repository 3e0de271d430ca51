using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>What a piece of the banner is, as far as the dialect can tell from where it comes from.</summary>
public enum BannerPartKind
{
    /// <summary>Text written in the config (judged by its content).</summary>
    Literal,

    /// <summary>The server's host name (<c>$myhostname</c>, <c>$smtp_active_hostname</c>, <c>$j</c>).</summary>
    Hostname,

    /// <summary>The MTA's product name (<c>$mail_name</c>).</summary>
    Product,

    /// <summary>The MTA's version (<c>$mail_version</c>, <c>$version_number</c>, <c>$v</c>, <c>$Z</c>).</summary>
    Version,

    /// <summary>The time or date (<c>$tod_full</c>, <c>$b</c>).</summary>
    Timestamp,

    /// <summary>Text the MTA inserts by itself (Sendmail's <c>ESMTP</c> after the first word).</summary>
    Inserted,

    /// <summary>A variable whose value is not known statically.</summary>
    Dynamic,

    /// <summary>
    /// Text the MTA leaves out when it sends the greeting: the branch of a conditional it does not take
    /// (Sendmail's <c>$?x ... $| ... $.</c>), the markers themselves, a macro that has no value then.
    /// Its rendered text is empty.
    /// </summary>
    Unsent,
}

/// <summary>
/// One piece of a banner: <see cref="Raw"/> is its text in the banner's raw value (empty for
/// <see cref="BannerPartKind.Inserted"/>), <see cref="Rendered"/> what clients see for it.
/// The parts of a banner, concatenated, give its raw value and its rendered text. Both are slices
/// (of the file's text, of a value) where they can be: a banner of megabytes is not copied per part.
/// </summary>
/// <param name="Via">
/// The parameter the part was reached through when it is not written in the banner itself
/// (<c>smtpd_banner = $myhostname $greeting</c>, <c>greeting = $mail_version</c>: the version part is via <c>greeting</c>).
/// </param>
public sealed record BannerPart(TextSlice Raw, TextSlice Rendered, BannerPartKind Kind, SourceSpan? Span, string? Via = null)
{
    // By identity: a record's own equality would compare the texts, megabytes for a long literal.
    public bool Equals(BannerPart? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>The SMTP greeting of a service, as configured and as clients receive it.</summary>
public sealed class Banner
{
    public Banner(ConfigValue setting, IReadOnlyList<BannerPart> parts, string recommendedRaw, bool mtaInsertsEsmtp = false)
    {
        Setting = setting;
        Parts = parts;
        RecommendedRaw = recommendedRaw;
        MtaInsertsEsmtp = mtaInsertsEsmtp;
        // The parts' texts one after the other, not copied into one string: most of a long banner is
        // one literal, a slice of the file.
        RenderedText = JoinedText.Concat([.. parts.Select(p => new JoinedText(p.Rendered))]);
    }

    private BannerReading? _reading;

    /// <summary>The rendered text laid out for reading its content, computed on first use.</summary>
    public BannerReading Reading => _reading ??= new BannerReading(this);

    /// <summary>The setting the banner comes from.</summary>
    public ConfigValue Setting { get; }

    public IReadOnlyList<BannerPart> Parts { get; }

    /// <summary>The greeting text after <c>220 </c>; lines separated by <c>\n</c> for multi-line greetings. Made on first use: <see cref="RenderedText"/> reads it in place.</summary>
    public string Rendered => RenderedText.ToString();

    /// <summary><see cref="Rendered"/> as the parts' slices, not joined into a string of its own.</summary>
    public JoinedText RenderedText { get; }

    /// <summary>A generic banner in the dialect's syntax (<c>$myhostname ESMTP</c>, <c>$smtp_active_hostname ESMTP</c>, <c>$j</c>).</summary>
    public string RecommendedRaw { get; }

    /// <summary>True when the MTA adds <c>ESMTP</c> itself (Sendmail), so the configured text must not.</summary>
    public bool MtaInsertsEsmtp { get; }

    /// <summary>The greeting as sent on the wire: <c>220 text</c>, or <c>220-</c> lines then a <c>220 </c> line (made once).</summary>
    public IReadOnlyList<string> ReplyLines => _replyLines ??= [.. Lines.Select((l, i) => Code(i) + RenderedText.Substring(l.Start, l.Length))];

    /// <summary>
    /// <see cref="ReplyLines"/> as notes show them: whole, or when longer than <see cref="MaxLineShown"/>
    /// the first <see cref="ExcerptLength"/> chars and how long the line is, made without copying the
    /// line, so that a finding on a megabyte banner does not print the megabyte once per finding.
    /// </summary>
    public IReadOnlyList<string> ShownReplyLines => _shownReplyLines ??= [.. Lines.Select((l, i) => l.Length + 4 <= MaxLineShown
        ? Code(i) + RenderedText.Substring(l.Start, l.Length)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Code(i)}{RenderedText.Substring(l.Start, ExcerptLength - 4)}… ({l.Length + 4:N0} characters)"))];

    /// <summary>Where each line of <see cref="Rendered"/> starts and how long it is (lines end at <c>\n</c>).</summary>
    public IReadOnlyList<(int Start, int Length)> Lines => _lines ??= SplitLines();

    private (int Start, int Length)[]? _lines;
    private string[]? _replyLines;
    private string[]? _shownReplyLines;

    private string Code(int line) => line == Lines.Count - 1 ? "220 " : "220-";

    private (int Start, int Length)[] SplitLines()
    {
        var lines = new List<(int Start, int Length)>();
        var start = 0;
        int end;
        while ((end = RenderedText.IndexOf('\n', start)) >= 0)
        {
            lines.Add((start, end - start));
            start = end + 1;
        }

        lines.Add((start, RenderedText.Length - start));
        return [.. lines];
    }

    /// <summary>Reply lines longer than this are shown by their beginning (<see cref="ShownReplyLines"/>), as the text output shows long source lines.</summary>
    public const int MaxLineShown = 1000;

    /// <summary>Chars of a long reply line that <see cref="ShownReplyLines"/> keeps.</summary>
    public const int ExcerptLength = 200;

    /// <summary>Whether <paramref name="text"/> is the parts' texts one after the other, compared in place.</summary>
    internal static bool IsConcatenation(IReadOnlyList<BannerPart> parts, Func<BannerPart, TextSlice> textOf, ReadOnlySpan<char> text)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var piece = textOf(part);
            if (piece.Length > text.Length - at || !text.Slice(at, piece.Length).SequenceEqual(piece.Span))
            {
                return false;
            }

            at += piece.Length;
        }

        return at == text.Length;
    }
}
