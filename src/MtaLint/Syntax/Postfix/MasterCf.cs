using System.Text;
using MtaLint.Text;

namespace MtaLint.Syntax.Postfix;

/// <summary>A whitespace-separated field of a master.cf entry (a <c>{...}</c> group is one token).</summary>
/// <param name="Start">Offset of the token in the entry's logical text.</param>
internal sealed record MasterCfToken(string Text, int Start, TextSpan Span)
{
    public int End => Start + Text.Length;
}

/// <summary>
/// A <c>-o name=value</c> (or <c>-o { name = value }</c>, or <c>-oname=value</c>) override of one service.
/// </summary>
/// <param name="OptionSpan">The <c>-o</c> itself.</param>
/// <param name="WholeSpan">From <c>-o</c> through the end of its value token.</param>
/// <param name="ValueToken">The token holding <c>name=value</c> (braces included in the brace form).</param>
/// <param name="RemovalSpan">
/// What deleting the override removes: its whole line with the line break when nothing else is on
/// it (no blank line is left behind), else the override with the blanks that separate it; of a
/// combined <c>-vo name=value</c> only the <c>o</c> and what follows, so the <c>-v</c> stays.
/// </param>
internal sealed record MasterCfOverride(
    string Name,
    MappedText ValueText,
    TextSpan OptionSpan,
    TextSpan NameSpan,
    TextSpan ValueSpan,
    TextSpan WholeSpan,
    MasterCfToken ValueToken,
    bool IsBraced,
    TextSpan RemovalSpan)
{
    public string Value => ValueText.Text;
}

/// <summary>One service entry of master.cf: the 8 fields, then the command's arguments.</summary>
internal sealed class MasterCfEntry
{
    internal MasterCfEntry(PostfixLogicalLine line, IReadOnlyList<MasterCfToken> tokens, IReadOnlyList<MasterCfOverride> overrides, int lastOptionToken)
    {
        Line = line;
        Tokens = tokens;
        Overrides = overrides;
        LastOptionToken = lastOptionToken;
    }

    /// <summary>Index of the last token of the command and its daemon options (a <c>-o</c> added later must go before the other arguments).</summary>
    public int LastOptionToken { get; }

    public PostfixLogicalLine Line { get; }

    public IReadOnlyList<MasterCfToken> Tokens { get; }

    public string ServiceName => Tokens[0].Text;

    public string Type => Tokens[1].Text;

    public string Private => Tokens[2].Text;

    public string Unprivileged => Tokens[3].Text;

    public string Chroot => Tokens[4].Text;

    public string Wakeup => Tokens[5].Text;

    public string MaxProcesses => Tokens[6].Text;

    /// <summary>The program, as written (<c>smtpd</c>, <c>postscreen</c>, a path).</summary>
    public string Command => Tokens[7].Text;

    /// <summary>The program's base name (<c>/usr/lib/postfix/sbin/smtpd</c> → <c>smtpd</c>).</summary>
    public string CommandName => Command[(Command.LastIndexOf('/') + 1)..];

    public IReadOnlyList<MasterCfToken> Arguments => Tokens.Skip(8).ToArray();

    public IReadOnlyList<MasterCfOverride> Overrides { get; }

    /// <summary>Postfix's name for the entry's parameter name space: <c>smtp/inet</c>.</summary>
    public string NameSpace => ServiceName + "/" + Type;

    /// <summary>
    /// Where a new <c>-o</c> goes: after the command and its options, before any other argument,
    /// and never after a token with an unclosed <c>{</c> (it would swallow the rest of the entry).
    /// </summary>
    public int InsertionPoint => _insertionPoint ??= FindInsertionPoint();

    /// <summary>Computed once: every service sharing a default asks for every other's (a scan of each token per ask was quadratic).</summary>
    private int? _insertionPoint;

    private int FindInsertionPoint()
    {
        var last = 7;
        for (var i = 7; i <= LastOptionToken && IsClosed(Tokens[i].Text); i++)
        {
            last = i;
        }

        return Tokens[last].Span.End;
    }

    private static bool IsClosed(string token)
    {
        var level = 0;
        foreach (var c in token)
        {
            if (c == '{')
            {
                level++;
            }
            else if (c == '}' && level > 0)
            {
                level--;
            }
        }

        return level == 0;
    }
}

/// <summary>A parsed master.cf.</summary>
internal sealed class MasterCfDocument
{
    internal MasterCfDocument(SourceFile file, IReadOnlyList<PostfixLine> lines, IReadOnlyList<MasterCfEntry> entries,
        IReadOnlyList<PostfixLogicalLine> orphans, IReadOnlyList<SyntaxError> errors)
    {
        File = file;
        Lines = lines;
        Entries = entries;
        Orphans = orphans;
        Errors = errors;
    }

    public SourceFile File { get; }

    public IReadOnlyList<PostfixLine> Lines { get; }

    public IReadOnlyList<MasterCfEntry> Entries { get; }

    public IReadOnlyList<PostfixLogicalLine> Orphans { get; }

    public IReadOnlyList<SyntaxError> Errors { get; }

    public string Print()
    {
        var builder = new StringBuilder(File.Text.Length);
        foreach (var line in Lines)
        {
            builder.Append(File.Text, line.Span.Start, line.Span.Length);
        }

        return builder.ToString();
    }
}

/// <summary>
/// Parses master.cf like postconf does: logical lines as in main.cf, fields split on blanks with
/// <c>{...}</c> kept together, the field checks postconf makes fatal, and daemon options up to the
/// first argument that does not start with <c>-</c> (or <c>--</c>).
/// </summary>
internal static class MasterCfParser
{
    private const int MinFields = 8;
    private static readonly string[] ValidTypes = ["inet", "unix", "unix-dgram", "fifo", "pass"];

    public static MasterCfDocument Parse(SourceFile file)
    {
        var text = file.Text;
        var lines = PostfixLineReader.SplitLines(text);
        var entries = new List<MasterCfEntry>();
        var orphans = new List<PostfixLogicalLine>();
        var errors = new List<SyntaxError>();
        foreach (var logical in PostfixLineReader.Group(text, lines))
        {
            if (logical.IsOrphan)
            {
                orphans.Add(logical);
                continue;
            }

            var joined = logical.JoinText();
            var tokens = Tokenize(joined);
            if (tokens.Count < MinFields)
            {
                errors.Add(new SyntaxError(file.Span(logical.Start, 0), $"bad field count: a service entry needs {MinFields} fields (service type private unpriv chroot wakeup maxproc command), found {tokens.Count}"));
                continue;
            }

            if (Check(file, tokens) is { } fieldError)
            {
                errors.Add(fieldError);
                continue;
            }

            var overrides = Overrides(text, joined, tokens, out var lastOption);
            entries.Add(new MasterCfEntry(logical, tokens, overrides, lastOption));
        }

        return new MasterCfDocument(file, lines, entries, orphans, errors);
    }

    /// <summary>mystrtokq with blanks " \t\r\n" and braces "{}": a token ends at a blank outside braces.</summary>
    internal static List<MasterCfToken> Tokenize(MappedText text)
    {
        var t = text.Text;
        var tokens = new List<MasterCfToken>();
        var i = 0;
        while (true)
        {
            while (i < t.Length && IsBlank(t[i]))
            {
                i++;
            }

            if (i >= t.Length)
            {
                return tokens;
            }

            var start = i;
            var level = 0;
            for (; i < t.Length; i++)
            {
                var c = t[i];
                if (c == '{')
                {
                    level++;
                }
                else if (level > 0 && c == '}')
                {
                    level--;
                }
                else if (level == 0 && IsBlank(c))
                {
                    break;
                }
            }

            tokens.Add(new MasterCfToken(t[start..i], start, text.FileSpan(start, i)));
        }
    }

    // A template's statement that opens the line reads as nothing (PostfixLineReader.IsDropped): it only ever comes before the first field.
    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\n' || PostfixLineReader.IsDropped(c);

    private static SyntaxError? Check(SourceFile file, List<MasterCfToken> tokens)
    {
        SyntaxError Bad(MasterCfToken token, string field, string expected) =>
            new(file.Span(token.Span.Start, token.Span.Length), $"invalid {field} field \"{token.Text}\" (expected {expected})");

        if (!ValidTypes.Contains(tokens[1].Text, StringComparer.Ordinal))
        {
            return Bad(tokens[1], "type", string.Join(", ", ValidTypes));
        }

        string[] names = ["private", "unprivileged", "chroot"];
        for (var f = 2; f <= 4; f++)
        {
            if (tokens[f].Text is not ("y" or "n" or "-"))
            {
                return Bad(tokens[f], names[f - 2], "y, n or -");
            }
        }

        var wakeup = tokens[5].Text;
        var digits = wakeup.EndsWith('?') ? wakeup[..^1] : wakeup;
        if (!(wakeup == "-" || digits.All(char.IsAsciiDigit)))
        {
            return Bad(tokens[5], "wakeup", "a number of seconds, optionally followed by ?, or -");
        }

        var maxproc = tokens[6].Text;
        if (!(maxproc == "-" || maxproc.All(char.IsAsciiDigit)))
        {
            return Bad(tokens[6], "maxproc", "a number or -");
        }

        return null;
    }

    private static List<MasterCfOverride> Overrides(string fileText, MappedText text, List<MasterCfToken> tokens, out int lastOption)
    {
        var result = new List<MasterCfOverride>();
        lastOption = MinFields - 1;
        for (var f = MinFields; f < tokens.Count; f++)
        {
            var arg = tokens[f];
            if (arg.Text.Length == 0 || arg.Text[0] != '-' || arg.Text == "--")
            {
                break;
            }

            lastOption = f;

            // "-vo x=y" is "-v" "-o" "x=y"; "-ox=y" is "-o" "x=y" (postconf's normalisation).
            var o = arg.Text.IndexOf('o', 1);
            if (o < 0)
            {
                continue;
            }

            // A combined "-vo" has no contiguous "-o": point at the whole option token then.
            var optionSpan = o == 1 ? new TextSpan(arg.Span.Start, 2) : arg.Span;

            MasterCfToken valueToken;
            if (o + 1 < arg.Text.Length)
            {
                var valueStart = arg.Start + o + 1;
                valueToken = new MasterCfToken(arg.Text[(o + 1)..], valueStart, text.FileSpan(valueStart, arg.End));
            }
            else if (f + 1 < tokens.Count)
            {
                valueToken = tokens[++f];
                lastOption = f;
            }
            else
            {
                break;
            }

            // A combined "-vo" keeps its "-v": only the "o" goes with the override.
            var removal = o == 1
                ? Removal(fileText, optionSpan.Start, valueToken.Span.End)
                : TextSpan.FromBounds(arg.Span.Start + o, valueToken.Span.End);
            if (ParseOverride(text, valueToken, optionSpan, removal) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    /// <summary>
    /// The override from <paramref name="start"/> to <paramref name="end"/> with what deleting it must take along:
    /// its line and line break when it stands alone on a line; else the blanks before it (after other fields),
    /// or after it when it starts a line and more follows (the line keeps its indentation).
    /// </summary>
    private static TextSpan Removal(string text, int start, int end)
    {
        var before = start;
        while (before > 0 && text[before - 1] is ' ' or '\t')
        {
            before--;
        }

        var after = end;
        while (after < text.Length && text[after] is ' ' or '\t')
        {
            after++;
        }

        var startsLine = before == 0 || text[before - 1] == '\n';
        var endsLine = after == text.Length || text[after] is '\r' or '\n';
        if (startsLine && endsLine)
        {
            if (after < text.Length && text[after] == '\r')
            {
                after++;
            }

            if (after < text.Length && text[after] == '\n')
            {
                after++;
            }

            return TextSpan.FromBounds(before, after);
        }

        return startsLine ? TextSpan.FromBounds(start, after) : TextSpan.FromBounds(before, end);
    }

    private static MasterCfOverride? ParseOverride(MappedText text, MasterCfToken token, TextSpan optionSpan, TextSpan removal)
    {
        var start = token.Start;
        var end = token.End;
        var braced = token.Text.StartsWith('{');
        if (braced)
        {
            // extpar with strip: drop the braces (a missing "}" is tolerated, as postconf does) and blanks inside.
            start++;
            var close = MatchingBrace(text.Text, token.Start, token.End);
            end = close ?? token.End;
            while (start < end && PostfixLineReader.IsSpace(text.Text[start]))
            {
                start++;
            }

            while (end > start && PostfixLineReader.IsSpace(text.Text[end - 1]))
            {
                end--;
            }
        }

        var t = text.Text;
        var i = start;
        while (i < end && PostfixLineReader.IsSpace(t[i]))
        {
            i++;
        }

        var nameStart = i;
        while (i < end && !PostfixLineReader.IsSpace(t[i]) && t[i] != '=')
        {
            i++;
        }

        var nameEnd = i;
        while (i < end && PostfixLineReader.IsSpace(t[i]))
        {
            i++;
        }

        if (nameEnd == nameStart || i >= end || t[i] != '=')
        {
            return null; // not name=value: postconf ignores it for parameters
        }

        i++;
        while (i < end && PostfixLineReader.IsSpace(t[i]))
        {
            i++;
        }

        var valueStart = i;
        var valueEnd = end;
        while (valueEnd > valueStart && PostfixLineReader.IsSpace(t[valueEnd - 1]))
        {
            valueEnd--;
        }

        var valueSpan = valueEnd > valueStart ? text.FileSpan(valueStart, valueEnd) : new TextSpan(text.ToFile(valueStart - 1) + 1, 0);
        return new MasterCfOverride(
            t[nameStart..nameEnd],
            text.Slice(valueStart, valueEnd),
            optionSpan,
            text.FileSpan(nameStart, nameEnd),
            valueSpan,
            TextSpan.FromBounds(optionSpan.Start, token.Span.End),
            token,
            braced,
            removal);
    }

    private static int? MatchingBrace(string t, int start, int end)
    {
        var level = 0;
        for (var i = start; i < end; i++)
        {
            if (t[i] == '{')
            {
                level++;
            }
            else if (t[i] == '}' && --level == 0)
            {
                return i;
            }
        }

        return null;
    }
}
