using System.Text.RegularExpressions;

namespace MtaLint.Rules.Banners;

/// <summary>
/// What banner text is made of, as patterns over the rendered greeting. Words are delimited by
/// whitespace and punctuation such as <c>( ) / , ;</c> but not by <c>.</c> or <c>-</c>, so that
/// <c>debian-mail</c> or <c>mx.ubuntu.example</c> are names, not the operating system; host
/// names are masked before these patterns run (see <see cref="Model.BannerReading"/>).
/// </summary>
internal static partial class BannerVocabulary
{
    // A word starts after one of these (or the start) and ends before one of these (or the end).
    // \0 stands for text that is not literal (a host name, a variable) and is never matched.
    private const string Before = @"(?<=^|[\s\0()\[\]{}<>/,;:""'!?=|*])";
    private const string After = @"(?=$|[\s\0()\[\]{}<>/,;:""'!?=|*])";

    /// <summary>A version number: <c>3.7.11</c>, <c>4.96-15+deb12u2</c>, <c>8.17.1</c>, <c>v2.1</c>; also after a hyphen (<c>Exim-4.96</c>).</summary>
    [GeneratedRegex(@"(?<=^|[\s\0()\[\]{}<>/,;:""'!?=|*\-_])[vV]?\d+(?:\.\d+)+(?:[-+~_][0-9A-Za-z.+~]+)*" + After)]
    public static partial Regex Version();

    /// <summary>Operating systems and distributions, optionally with their release (<c>Ubuntu-22.04</c>, <c>Debian12</c>).</summary>
    [GeneratedRegex(Before + @"(?:GNU/Linux|Red\s+Hat(?:\s+Enterprise\s+Linux)?|RHEL|CentOS(?:\s+Stream)?|Fedora|Rocky\s+Linux|AlmaLinux|Alma\s+Linux|Oracle\s+Linux|Amazon\s+Linux|Arch\s+Linux|Alpine\s+Linux|Linux\s+Mint|Debian|Devuan|Ubuntu|Kubuntu|Raspbian|Kali|Gentoo|Slackware|openSUSE|SUSE|SLES|Mageia|Mandriva|Linux|GNU|FreeBSD|OpenBSD|NetBSD|DragonFly(?:BSD)?|Solaris|SunOS|OpenIndiana|illumos|OmniOS|AIX|HP-UX|IRIX|macOS|Mac\s+OS(?:\s+X)?|Darwin|Windows(?:\s+Server)?|Win32|Win64|Cygwin)(?:[-_ ]?v?\d[\w.+~]*)?" + After, RegexOptions.IgnoreCase)]
    public static partial Regex OperatingSystem();

    /// <summary>MTA and mail gateway products, as they name themselves in greetings.</summary>
    [GeneratedRegex(Before + @"(?:Postfix|Exim4?|Sendmail|qmail|netqmail|OpenSMTPD|Courier(?:-MTA)?|Haraka|hMailServer|MailEnable|MDaemon|Kerio(?:\s+Connect)?|IceWarp|Merak|Zimbra|CommuniGate(?:\s+Pro)?|Lotus\s+Domino|Domino|Microsoft|Exchange|Axigen|SmarterMail|SurgeMail|Mercury/32|Mercury|ArGoSoft|XMail|ZMailer|Smail|MailSite|Apache\s+James|James|Stalwart|Maddy|Chasquid|Barracuda|IronPort|FortiMail|Proofpoint|Mimecast|Sophos|Symantec|MessageLabs|Postini|Sun\s+Java\(tm\)\s+System\s+Messaging\s+Server|Oracle\s+Communications\s+Messaging\s+Server)" + After, RegexOptions.IgnoreCase)]
    public static partial Regex Product();

    /// <summary>Dates and times: RFC 5322 dates (Exim's <c>$tod_full</c>, Sendmail's <c>$b</c>), ctime, ISO 8601, <c>dd.mm.yyyy</c>, times of day.</summary>
    [GeneratedRegex(
        @"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+[+-]\d{4})?(?:\s+\([A-Za-z]{2,5}\))?"
        + @"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}(?:\s+[A-Z]{2,5})?(?:\s+\d{4})?"
        + @"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
        + @"|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b"
        + @"|\b\d{1,2}:\d{2}:\d{2}(?:\s+[+-]\d{4})?\b",
        RegexOptions.IgnoreCase)]
    public static partial Regex Timestamp();

    /// <summary>An e-mail address.</summary>
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    public static partial Regex Email();

    /// <summary>A web address: with a scheme, or starting with <c>www.</c>.</summary>
    [GeneratedRegex(@"\b(?:https?|ftp)://[^\s\0]+|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s\0]*)?", RegexOptions.IgnoreCase)]
    public static partial Regex Url();

    /// <summary>
    /// A phone number: international (<c>+49 30 1234567</c>, <c>0049-30-...</c>), North American
    /// (<c>(555) 123-4567</c>), or after <c>tel:</c>/<c>phone</c>. Candidates with fewer than 7 digits
    /// are dropped by <see cref="BannerText"/> so a time zone like <c>+0000</c> is not one.
    /// </summary>
    [GeneratedRegex(@"(?:\btel:\s*|\bphone:?\s*|\bfon:?\s*)?(?:(?<![\w.])(?:\+|00)\d{1,3}(?:[\s./-]?\(?\d{1,5}\)?){2,6}|(?<![\w.])\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})(?![\w.])", RegexOptions.IgnoreCase)]
    public static partial Regex Phone();

    /// <summary>The word <c>ESMTP</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])ESMTP(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    public static partial Regex Esmtp();

    /// <summary>
    /// ESMTP with one slip of the fingers: a letter left out (<c>ESMT</c>, a bare <c>SMTP</c>), one
    /// added or changed, or two neighbours swapped (<c>ESMPT</c>, <c>ESTMP</c>, <c>EMSTP</c>): an
    /// edit distance of one, a swap counting as one edit. Case is ignored, as it is for ESMTP
    /// itself. RFC 3848's protocol names <c>ESMTPA</c> and <c>ESMTPS</c> are words of their own.
    /// No English word is this close to ESMTP, so a word that is can only be the protocol's name.
    /// </summary>
    public static bool IsMisspeltEsmtp(ReadOnlySpan<char> word)
    {
        const string esmtp = "ESMTP";
        if (Math.Abs(word.Length - esmtp.Length) > 1 || word.Equals(esmtp, StringComparison.OrdinalIgnoreCase)
            || word.Equals("ESMTPA", StringComparison.OrdinalIgnoreCase) || word.Equals("ESMTPS", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Optimal string alignment distance over a table of at most 7 x 6 cells.
        Span<int> d = stackalloc int[(word.Length + 1) * (esmtp.Length + 1)];
        var width = esmtp.Length + 1;
        for (var i = 0; i <= word.Length; i++)
        {
            for (var j = 0; j <= esmtp.Length; j++)
            {
                if (i == 0 || j == 0)
                {
                    d[i * width + j] = i + j;
                    continue;
                }

                var same = char.ToUpperInvariant(word[i - 1]) == esmtp[j - 1];
                var best = Math.Min(Math.Min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1), d[(i - 1) * width + j - 1] + (same ? 0 : 1));
                if (i > 1 && j > 1 && char.ToUpperInvariant(word[i - 1]) == esmtp[j - 2] && char.ToUpperInvariant(word[i - 2]) == esmtp[j - 1])
                {
                    best = Math.Min(best, d[(i - 2) * width + j - 2] + 1);
                }

                d[i * width + j] = best;
            }
        }

        return d[word.Length * width + esmtp.Length] == 1;
    }
}
