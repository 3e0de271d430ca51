using System.Text.RegularExpressions;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Policy;

public enum SuppressionScope
{
    /// <summary><c>disable=</c>: the setting that follows the comment.</summary>
    NextSetting,

    /// <summary><c>disable-file=</c>: the whole file.</summary>
    File,
}

/// <summary>One rule id named in a suppression comment, with where it is written (for reporting it).</summary>
public sealed record SuppressedId(string Id, SourceSpan Span);

/// <summary>
/// A comment line <c># mtalint: disable=ID[,ID] -- reason</c> (Sendmail: <c>dnl mtalint: ...</c>).
/// </summary>
/// <param name="Line">The whole comment line with its line break: what removing the comment deletes.</param>
public sealed record SuppressionComment(SuppressionScope Scope, IReadOnlyList<SuppressedId> Ids, string? Reason, SourceSpan Line, int LineNumber);

/// <summary>A comment that starts like a suppression but does not parse.</summary>
public sealed record MalformedSuppression(SourceSpan Span, string Message);

/// <summary>Finds suppression comments in a file, in the comment syntax of its MTA.</summary>
public static partial class SuppressionParser
{
    /// <summary>The word every suppression contains, searched vectorised (a plain ignore-case IndexOf is several times slower).</summary>
    private static readonly System.Buffers.SearchValues<string> MarkerWord = System.Buffers.SearchValues.Create(["mtalint"], StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?<lead>[ \t]*(?:#|dnl(?=[ \t]))[ \t]*)mtalint[ \t]*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    /// <summary>True when <paramref name="line"/> is a comment line in <paramref name="mta"/>'s syntax (what a suppression may skip over).</summary>
    public static bool IsCommentLine(string line, MtaKind mta) => IsCommentLine(line.AsSpan(), mta);

    /// <inheritdoc cref="IsCommentLine(string, MtaKind)"/>
    public static bool IsCommentLine(ReadOnlySpan<char> line, MtaKind mta)
    {
        var trimmed = line.TrimStart(" \t");
        return trimmed.StartsWith('#')
            || mta == MtaKind.Sendmail && (trimmed.SequenceEqual("dnl") || trimmed.StartsWith("dnl ", StringComparison.Ordinal) || trimmed.StartsWith("dnl\t", StringComparison.Ordinal));
    }

    public static (IReadOnlyList<SuppressionComment> Comments, IReadOnlyList<MalformedSuppression> Malformed) Parse(SourceFile file, MtaKind mta)
    {
        var comments = new List<SuppressionComment>();
        var malformed = new List<MalformedSuppression>();
        var text = file.Text;
        foreach (var lineNumber in LinesMentioningMtalint(file))
        {
            var line = file.GetLineText(lineNumber);
            var marker = Marker().Match(line);
            if (!marker.Success || (mta != MtaKind.Sendmail && !line.AsSpan().TrimStart(" \t").StartsWith('#')))
            {
                continue;
            }

            var lineStart = file.GetLineStart(lineNumber);
            var lineEnd = lineNumber < file.LineCount ? file.GetLineStart(lineNumber + 1) : text.Length;
            var wholeLine = file.Span(lineStart, lineEnd - lineStart);
            var restStart = marker.Length;
            if (ReadDirective(line.AsSpan(restStart)) is not { } directive)
            {
                malformed.Add(new MalformedSuppression(file.Span(lineStart + marker.Groups["lead"].Length, line.Length - marker.Groups["lead"].Length),
                    "this mtalint comment is not a suppression: write 'mtalint: disable=ID[,ID] -- reason' or 'mtalint: disable-file=ID[,ID] -- reason'"));
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
                        id.Length == 0 ? "empty rule id in the suppression list" : $"'{id}' is not a rule id (like MTA103); separate ids with ',' and put the reason after '--'"));
                    bad = true;
                }
                else
                {
                    ids.Add(new SuppressedId(id.ToUpperInvariant(), span));
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
    /// any case), where IDS starts with neither a blank nor <c>-</c> and holds no <c>-</c>, and REASON runs to
    /// the end less trailing blanks; null when <paramref name="rest"/> is not that. By hand: the regex it
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

        var dash = rest[idsStart..].IndexOf('-');
        var dashAt = dash < 0 ? rest.Length : idsStart + dash;
        var idsLength = rest[idsStart..dashAt].TrimEnd(" \t").Length;
        if (dash < 0)
        {
            return new Directive(fileScope, idsStart, idsLength, rest.Length, 0);
        }

        // The ids end at a '-', which must begin "--" and the reason.
        if (dashAt + 1 >= rest.Length || rest[dashAt + 1] != '-')
        {
            return null;
        }

        var reasonStart = SkipBlanks(rest, dashAt + 2);
        return new Directive(fileScope, idsStart, idsLength, reasonStart, rest[reasonStart..].TrimEnd(" \t").Length);
    }

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
