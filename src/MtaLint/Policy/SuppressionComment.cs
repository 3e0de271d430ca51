using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Policy;

internal enum SuppressionScope
{
    /// <summary><c>disable=</c>: the setting that follows the comment.</summary>
    NextSetting,

    /// <summary><c>disable-file=</c>: the whole file.</summary>
    File,
}

/// <summary>One rule named in a suppression comment, with where it is written (for reporting it).</summary>
/// <param name="Id">The rule's id (<c>MTA101</c> for <c>banner-version</c> too); the text upper-cased when it names no rule.</param>
/// <param name="Span">The name as written.</param>
internal sealed record SuppressedId(string Id, SourceSpan Span)
{
    /// <summary>The id or name as the comment spells it.</summary>
    public string Written => Span.Text;
}

/// <summary>
/// A comment line <c># mtalint: disable=ID[,ID] -- reason</c>, in the comment syntax of its dialect
/// (<see cref="Dialects.IDialect.Comments"/>: Sendmail's <c>dnl mtalint: ...</c> too).
/// </summary>
/// <param name="Line">The whole comment line with its line break: what removing the comment deletes.</param>
internal sealed record SuppressionComment(SuppressionScope Scope, IReadOnlyList<SuppressedId> Ids, string? Reason, SourceSpan Line, int LineNumber);

/// <summary>A comment that starts like a suppression but does not parse.</summary>
internal sealed record MalformedSuppression(SourceSpan Span, string Message);

/// <summary>Finds suppression comments in a file, in the comment syntax of its dialect.</summary>
internal static partial class SuppressionParser
{
    /// <summary>The word every suppression contains, searched vectorised (a plain ignore-case IndexOf is several times slower).</summary>
    private static readonly System.Buffers.SearchValues<string> MarkerWord = System.Buffers.SearchValues.Create(["mtalint"], StringComparison.OrdinalIgnoreCase);

    /// <summary>What starts a suppression after the comment's leader and blanks.</summary>
    [GeneratedRegex(@"^mtalint[ \t]*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    /// <summary>A rule id (<c>MTA101</c>) or name (<c>banner-version</c>).</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    /// <summary>
    /// A comment meant as a suppression but not written as one: <c># mtalint disable=MTA301</c>,
    /// <c># mtalint-disable MTA301</c>, <c># mtalint: disable MTA301</c>, <c># mtalint: ignore=MTA301</c>.
    /// The keyword and an id or name must both be there, so a comment that only mentions mtalint is no match.
    /// </summary>
    [GeneratedRegex(@"^mtalint[ \t:;=,.\-]*(?<kind>disable[-_ ]?file|file[-_ ]?disable|disable[-_ ]?next[-_ ]?line|disabled|disable|ignore|noqa|suppress)(?![A-Za-z0-9])[ \t:=]*(?<ids>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:[ \t]*,[ \t]*[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)*)(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NearMiss();

    /// <param name="syntax">How the file's dialect writes comments.</param>
    /// <param name="rules">Resolves rule names to ids (default: <see cref="RuleNames.Catalog"/>).</param>
    public static (IReadOnlyList<SuppressionComment> Comments, IReadOnlyList<MalformedSuppression> Malformed) Parse(SourceFile file, CommentSyntax syntax, RuleNames? rules = null)
    {
        rules ??= RuleNames.Catalog;
        var comments = new List<SuppressionComment>();
        var malformed = new List<MalformedSuppression>();
        var text = file.Text;
        foreach (var lineNumber in LinesMentioningMtalint(file))
        {
            var line = file.GetLineText(lineNumber);
            var commentLead = CommentLead(line, syntax);
            if (commentLead == 0)
            {
                continue;
            }

            var marker = MarkerLength(line, commentLead);
            var lineStart = file.GetLineStart(lineNumber);
            var lineEnd = lineNumber < file.LineCount ? file.GetLineStart(lineNumber + 1) : text.Length;
            var wholeLine = file.Span(lineStart, lineEnd - lineStart);
            var restStart = commentLead + marker;
            if (marker == 0 || ReadDirective(line.AsSpan(restStart)) is not { } directive)
            {
                if (NearMissMessage(line, commentLead) is { } message)
                {
                    var lead = LeadLength(line);
                    malformed.Add(new MalformedSuppression(file.Span(lineStart + lead, line.Length - lead), message));
                }
                else if (marker > 0)
                {
                    malformed.Add(new MalformedSuppression(file.Span(lineStart + commentLead, line.Length - commentLead),
                        "this mtalint comment is not a suppression: write 'mtalint: disable=ID[,ID] -- reason' or 'mtalint: disable-file=ID[,ID] -- reason'"));
                }

                continue;
            }

            var idsOffset = lineStart + restStart + directive.IdsStart;
            var ids = new List<SuppressedId>();
            var position = 0;
            var bad = false;
            foreach (var part in line.Substring(restStart + directive.IdsStart, directive.IdsLength).Split(','))
            {
                var leading = part.Length - part.AsSpan().TrimStart(" \t").Length;
                var id = part.AsSpan().Trim(" \t").ToString();
                var span = file.Span(idsOffset + position + leading, id.Length);
                if (!IdShape().IsMatch(id))
                {
                    malformed.Add(new MalformedSuppression(id.Length > 0 ? span : file.Span(idsOffset + position, Math.Max(1, part.Length)),
                        id.Length == 0 ? "empty rule id in the suppression list" : $"'{id}' is not a rule id or name (like MTA103 or banner-software); separate them with ',' and put the reason after '--'"));
                    bad = true;
                }
                else
                {
                    ids.Add(new SuppressedId(rules.IdOf(id) ?? id.ToUpperInvariant(), span));
                }

                position += part.Length + 1;
            }

            if (bad && ids.Count == 0)
            {
                continue;
            }

            var scope = directive.FileScope ? SuppressionScope.File : SuppressionScope.NextSetting;
            var reason = directive.ReasonLength > 0 ? line.Substring(restStart + directive.ReasonStart, directive.ReasonLength) : null;
            comments.Add(new SuppressionComment(scope, ids, reason, wholeLine, lineNumber));
        }

        return (comments, malformed);
    }

    /// <summary>Where the parts of a directive are, in the text after <c>mtalint:</c>.</summary>
    /// <param name="ReasonStart">Where the reason starts; <paramref name="ReasonLength"/> is 0 when there is none.</param>
    internal readonly record struct Directive(bool FileScope, int IdsStart, int IdsLength, int ReasonStart, int ReasonLength);

    /// <summary>
    /// Reads <c>[ \t]*(disable-file|disable)[ \t]*=[ \t]*IDS[ \t]*(--[ \t]*REASON)?[ \t]*</c> (the keyword in
    /// any case), where IDS starts with neither a blank nor <c>-</c> and holds no <c>--</c> (rule names hold
    /// single hyphens), and REASON runs to the end less trailing blanks; null when <paramref name="rest"/> is not that. By hand: the regex it
    /// was (kept as the tests' oracle) made a match, groups and substrings for every comment of a file
    /// that may hold one per setting.
    /// </summary>
    internal static Directive? ReadDirective(ReadOnlySpan<char> rest)
    {
        var i = SkipBlanks(rest, 0);
        bool fileScope;
        if (rest[i..].StartsWith("disable-file", StringComparison.OrdinalIgnoreCase))
        {
            (fileScope, i) = (true, i + "disable-file".Length);
        }
        else if (rest[i..].StartsWith("disable", StringComparison.OrdinalIgnoreCase))
        {
            (fileScope, i) = (false, i + "disable".Length);
        }
        else
        {
            return null;
        }

        i = SkipBlanks(rest, i);
        if (i >= rest.Length || rest[i] != '=')
        {
            return null;
        }

        var idsStart = SkipBlanks(rest, i + 1);
        if (idsStart >= rest.Length || rest[idsStart] is ' ' or '\t' or '-')
        {
            return null;
        }

        // The ids end where "--" begins the reason.
        var separator = rest[idsStart..].IndexOf("--", StringComparison.Ordinal);
        var idsEnd = separator < 0 ? rest.Length : idsStart + separator;
        var idsLength = rest[idsStart..idsEnd].TrimEnd(" \t").Length;
        if (separator < 0)
        {
            return new Directive(fileScope, idsStart, idsLength, rest.Length, 0);
        }

        var reasonStart = SkipBlanks(rest, idsEnd + 2);
        return new Directive(fileScope, idsStart, idsLength, reasonStart, rest[reasonStart..].TrimEnd(" \t").Length);
    }

    /// <summary>
    /// The length of a comment line's start: blanks, the comment's leader (<c>#</c>, <c>dnl</c>) and
    /// the blanks after it; 0 when <paramref name="line"/> is no comment line.
    /// </summary>
    private static int CommentLead(string line, CommentSyntax syntax)
    {
        var at = LeadLength(line);
        var leader = syntax.LeaderLength(line.AsSpan(at));
        return leader == 0 ? 0 : SkipBlanks(line, at + leader);
    }

    /// <summary>The length of <c>mtalint:</c> (<see cref="Marker"/>) at <paramref name="at"/>, or 0 when it is not there.</summary>
    private static int MarkerLength(string line, int at)
    {
        foreach (var match in Marker().EnumerateMatches(line.AsSpan(at)))
        {
            return match.Length;
        }

        return 0;
    }

    /// <summary>
    /// For a comment that was meant as a suppression (<see cref="NearMiss"/>): that it is none, and the
    /// suppression it was meant to be, in the line's own comment syntax, with its ids and reason as written.
    /// </summary>
    /// <param name="commentLead">The length of the comment's start (<see cref="CommentLead"/>).</param>
    private static string? NearMissMessage(string line, int commentLead)
    {
        var m = NearMiss().Match(line[commentLead..]);
        if (!m.Success)
        {
            return null;
        }

        var kind = m.Groups["kind"].Value.Replace('_', '-').Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var keyword = kind is "disable-file" or "disablefile" or "file-disable" or "filedisable" ? "disable-file" : "disable";
        var ids = string.Join(",", m.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries));
        var reason = m.Groups["rest"].Value.Trim().TrimStart('-', ':', '#', ';').Trim();
        var comment = line[..commentLead].Trim();
        var meant = $"{comment} mtalint: {keyword}={ids}{(reason.Length > 0 ? " -- " + reason : string.Empty)}";
        return $"this comment is not a suppression, so it suppresses nothing: write '{meant}'";
    }

    /// <summary>Blanks before the comment starts.</summary>
    private static int LeadLength(string line) => line.Length - line.AsSpan().TrimStart(" \t").Length;

    private static int SkipBlanks(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    /// <summary>
    /// The lines that contain "mtalint" in any case, in order: only they can hold a suppression, and
    /// finding them by search instead of matching the marker on every line keeps a 100,000-line
    /// file with a few comments (or many) from costing a regex run and a copy per line.
    /// </summary>
    private static IEnumerable<int> LinesMentioningMtalint(SourceFile file)
    {
        var text = file.Text;
        var at = text.AsSpan().IndexOfAny(MarkerWord);
        while (at >= 0)
        {
            var line = file.GetPosition(at).Line;
            yield return line;
            var next = line < file.LineCount ? file.GetLineStart(line + 1) : text.Length;
            var found = next >= text.Length ? -1 : text.AsSpan(next).IndexOfAny(MarkerWord);
            at = found < 0 ? -1 : next + found;
        }
    }
}
