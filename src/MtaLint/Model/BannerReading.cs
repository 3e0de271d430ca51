using System.Text.RegularExpressions;

namespace MtaLint.Model;

/// <summary>
/// A banner's rendered text laid out for reading its content: only literal text is read by
/// content (a host name variable, a version variable or an inserted word is known by its kind),
/// and host names written as text are never read as words — <c>debian-mail.example.com</c> does
/// not name an operating system. Computed once per banner (<see cref="Banner.Reading"/>): every
/// banner rule and every fix reads it, and on a long banner the host-name scan is most of the work.
/// </summary>
public sealed partial class BannerReading
{
    private readonly int[] _partStarts;

    internal BannerReading(Banner banner)
    {
        // Each text is made in place at its size: on a megabyte banner, a builder, its copy and a
        // char array were three more copies of it.
        _partStarts = new int[banner.Parts.Count];
        var length = 0;
        for (var i = 0; i < banner.Parts.Count; i++)
        {
            _partStarts[i] = length;
            length += banner.Parts[i].Rendered.Length;
        }

        LiteralOnly = string.Create(length, banner, static (chars, banner) =>
        {
            var at = 0;
            foreach (var part in banner.Parts)
            {
                var target = chars.Slice(at, part.Rendered.Length);
                if (part.Kind == BannerPartKind.Literal)
                {
                    part.Rendered.CopyTo(target);
                }
                else
                {
                    target.Clear();
                }

                at += part.Rendered.Length;
            }
        });
        // Most banners write no host name as text: then the words are the literal text itself, not a copy.
        var hostNames = new List<(int Index, int Length)>();
        foreach (var word in Word().EnumerateMatches(LiteralOnly))
        {
            var text = LiteralOnly.AsSpan(word.Index, word.Length);
            if (HostName().IsMatch(text) && !Ipv4().IsMatch(text.TrimEnd('.')))
            {
                hostNames.Add((word.Index, word.Length));
            }
        }

        Words = hostNames.Count == 0 ? LiteralOnly : string.Create(length, (LiteralOnly, hostNames), static (chars, state) =>
        {
            state.LiteralOnly.CopyTo(chars);
            foreach (var (index, count) in state.hostNames)
            {
                chars.Slice(index, count).Clear();
            }
        });
    }

    /// <summary>The rendered banner with everything but literal text replaced by <c>\0</c>.</summary>
    public string LiteralOnly { get; }

    /// <summary><see cref="LiteralOnly"/> with host names also replaced by <c>\0</c>: the text read for content.</summary>
    public string Words { get; }

    /// <summary>Where part <paramref name="index"/> of the banner starts in the rendered text.</summary>
    public int PartStart(int index) => _partStarts[index];

    /// <summary>
    /// A host name: dotted labels ending in an alphabetic top-level label (<c>mx.example.com</c>,
    /// <c>debian-mail.example.com</c>), or an address literal (<c>[192.0.2.1]</c>).
    /// </summary>
    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9-]+)\.?|\[[0-9A-Fa-f:.]+\]|\[IPv6:[0-9A-Fa-f:.]+\])$")]
    public static partial Regex HostName();

    /// <summary>A dotted quad: an IPv4 address, not a version.</summary>
    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$")]
    public static partial Regex Ipv4();

    /// <summary>What is read as one word when looking for host names: a run up to blanks and punctuation other than <c>. - : [ ]</c>.</summary>
    [GeneratedRegex(@"[^\s\0()<>,;""'!?=|*/]+")]
    private static partial Regex Word();
}
