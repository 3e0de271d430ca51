using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>A stretch of a banner's rendered text: where it starts, and its chars (a slice, not a copy).</summary>
public readonly record struct BannerRun(int Start, TextSlice Text)
{
    public int End => Start + Text.Length;
}

/// <summary>
/// A banner's rendered text laid out for reading its content: only literal text is read by
/// content (a host name variable, a version variable or an inserted word is known by its kind),
/// and host names written as text are never read as words — <c>debian-mail.example.com</c> does
/// not name an operating system. Computed once per banner (<see cref="Banner.Reading"/>): every
/// banner rule and every fix reads it, and on a long banner the host-name scan is most of the work.
/// </summary>
/// <remarks>
/// The text read is the rendered banner with everything else blanked out; it is held as the runs
/// of literal text between the blanks (<see cref="LiteralRuns"/>, <see cref="WordRuns"/>), slices of
/// the parts, not as a copy of the banner: a banner of megabytes is one run, the file's own text.
/// A pattern that never matches across a blank (none of the banner patterns do) finds the same
/// matches in the runs, one by one, as in the blanked text.
/// </remarks>
public sealed partial class BannerReading
{
    private readonly int[] _partStarts;

    internal BannerReading(Banner banner)
    {
        _partStarts = new int[banner.Parts.Count];
        var length = 0;
        var runs = new List<BannerRun>();
        var runStart = -1; // the run being put together: where it starts, and its pieces
        var pieces = new List<TextSlice>();
        for (var i = 0; i < banner.Parts.Count; i++)
        {
            var part = banner.Parts[i];
            _partStarts[i] = length;
            if (part.Rendered.Length > 0)
            {
                if (part.Kind == BannerPartKind.Literal)
                {
                    runStart = runStart < 0 ? length : runStart;
                    pieces.Add(part.Rendered);
                }
                else
                {
                    AddRun(runs, runStart, pieces);
                    runStart = -1;
                }
            }

            length += part.Rendered.Length;
        }

        AddRun(runs, runStart, pieces);
        Length = length;
        LiteralRuns = runs;

        // Most banners write no host name as text: then the words are the literal runs themselves.
        var words = new List<BannerRun>();
        var masked = false;
        foreach (var run in runs)
        {
            var at = 0; // the start, in the run, of what is not yet added
            foreach (var word in Word().EnumerateMatches(run.Text.Span))
            {
                var text = run.Text.Span.Slice(word.Index, word.Length);
                if (HostName().IsMatch(text) && !Ipv4().IsMatch(text.TrimEnd('.')))
                {
                    masked = true;
                    if (word.Index > at)
                    {
                        words.Add(new BannerRun(run.Start + at, run.Text[at..word.Index]));
                    }

                    at = word.Index + word.Length;
                }
            }

            if (run.Text.Length > at)
            {
                words.Add(new BannerRun(run.Start + at, run.Text[at..]));
            }
        }

        WordRuns = masked ? words : runs;
    }

    /// <summary>The length of the rendered banner.</summary>
    public int Length { get; }

    /// <summary>The stretches of literal text in the rendered banner, in order; everything between them is not literal.</summary>
    public IReadOnlyList<BannerRun> LiteralRuns { get; }

    /// <summary><see cref="LiteralRuns"/> without the host names written in them: the text read for content.</summary>
    public IReadOnlyList<BannerRun> WordRuns { get; }

    /// <summary>The char at <paramref name="offset"/> of the rendered banner when it is literal text; <c>\0</c> when it is not.</summary>
    public char LiteralAt(int offset)
    {
        var run = RunAt(LiteralRuns, offset);
        return run >= 0 ? LiteralRuns[run].Text[offset - LiteralRuns[run].Start] : '\0';
    }

    /// <summary>The index of the run of <paramref name="runs"/> that holds <paramref name="offset"/>; -1 when none does.</summary>
    public static int RunAt(IReadOnlyList<BannerRun> runs, int offset)
    {
        var (low, high) = (0, runs.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (offset < runs[middle].Start)
            {
                high = middle - 1;
            }
            else if (offset >= runs[middle].End)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return -1;
    }

    /// <summary>Where part <paramref name="index"/> of the banner starts in the rendered text.</summary>
    public int PartStart(int index) => _partStarts[index];

    // A run of one part (or of parts that lie next to each other in one string) is their slice;
    // only a run of literal parts from different texts is copied, to be read in one piece.
    private static void AddRun(List<BannerRun> runs, int start, List<TextSlice> pieces)
    {
        if (pieces.Count == 0)
        {
            return;
        }

        var text = pieces[0];
        for (var i = 1; i < pieces.Count; i++)
        {
            if (!text.TryExtend(pieces[i], out text))
            {
                text = string.Concat(pieces.Select(p => p.ToString()));
                break;
            }
        }

        runs.Add(new BannerRun(start, text));
        pieces.Clear();
    }

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
