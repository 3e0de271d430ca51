using MtaLint.Text;

namespace MtaLint.Syntax.Sendmail;

/// <summary>
/// The outcome of parsing a .mc file: the document and the first syntax error, if any. With an
/// error, the document still covers the text (the unreadable rest is one text node), so it prints back.
/// </summary>
/// <param name="CommentsUntil">Where m4 stops reading <c>#</c> as a comment: 0 when it never does, the end of the include of
/// cf.m4 (whose <c>changecom()</c> turns comments off), or the end of the text.</param>
internal sealed record McParseResult(McDocument Document, SyntaxError? Error, int CommentsUntil);

/// <summary>
/// Reads m4 input the way GNU m4 does with sendmail-cf loaded: quoted strings, <c>dnl</c>,
/// names, and argument lists of calls to macros that exist at that point (m4 builtins, the
/// sendmail-cf macros, and macros the file defines). Lossless: the nodes cover the text.
/// One instance per parse: it learns the names the file defines as it goes.
/// </summary>
internal sealed class M4Parser
{
    /// <summary>Calls nested deeper than this are refused (m4 recursion must not exhaust the stack).</summary>
    public const int MaxCallDepth = 64;

    /// <summary>m4 builtins recognised only when followed by <c>(</c> (GNU m4's "blind" builtins).</summary>
    private static readonly HashSet<string> BlindBuiltins =
    [
        "define", "undefine", "defn", "pushdef", "popdef", "ifdef", "ifelse", "include", "sinclude",
        "shift", "len", "index", "substr", "translit", "eval", "incr", "decr", "errprint", "esyscmd",
        "syscmd", "regexp", "patsubst", "indir", "builtin", "m4exit", "maketemp", "mkstemp", "dumpdef",
        "traceon", "traceoff", "debugmode", "debugfile", "m4wrap",
    ];

    /// <summary>Builtins that are calls with or without arguments.</summary>
    private static readonly HashSet<string> OpenBuiltins = ["divert", "divnum", "undivert", "changecom", "changequote"];

    /// <summary>The macros sendmail-cf (cf/m4/cfhead.m4, proto.m4) defines for .mc files to call.</summary>
    public static readonly IReadOnlySet<string> SendmailCfMacros = new HashSet<string>(StringComparer.Ordinal)
    {
        "FEATURE", "HACK", "OSTYPE", "DOMAIN", "MAILER", "DAEMON_OPTIONS", "CLIENT_OPTIONS", "VERSIONID",
        "LOCAL_CONFIG", "LOCAL_RULE_0", "LOCAL_RULE_1", "LOCAL_RULE_2", "LOCAL_RULE_3", "LOCAL_RULESETS",
        "LOCAL_NET_CONFIG", "LOCAL_SRV_FEATURES", "LOCAL_CLT_FEATURES", "LOCAL_TRY_TLS", "LOCAL_TLS_CLIENT",
        "LOCAL_TLS_RCPT", "LOCAL_TLS_SERVER", "LOCAL_DNSBL", "LOCAL_UUCP", "LOCAL_USER", "LOCAL_USER_FILE",
        "LOCAL_DOMAIN", "MAILER_DEFINITIONS", "MASQUERADE_AS", "MASQUERADE_DOMAIN", "MASQUERADE_DOMAIN_FILE",
        "MASQUERADE_EXCEPTION", "MASQUERADE_EXCEPTION_FILE", "EXPOSED_USER", "EXPOSED_USER_FILE",
        "GENERICS_DOMAIN", "GENERICS_DOMAIN_FILE", "VIRTUSER_DOMAIN", "VIRTUSER_DOMAIN_FILE", "RELAY_DOMAIN",
        "RELAY_DOMAIN_FILE", "CANONIFY_DOMAIN", "CANONIFY_DOMAIN_FILE", "LDAPROUTE_DOMAIN", "LDAPROUTE_DOMAIN_FILE",
        "LDAPROUTE_EQUIVALENT", "LDAPROUTE_EQUIVALENT_FILE", "INPUT_MAIL_FILTER", "MAIL_FILTER", "TRUST_AUTH_MECH",
        "QUEUE_GROUP", "SITE", "SITECONFIG", "MODIFY_MAILER_FLAGS", "PUSHDIVERT", "POPDIVERT",
    };

    private readonly string _text;
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private readonly Func<string, bool>? _definedBefore;
    private bool _commentsActive;
    private int _commentsUntil;
    /// <summary>The first construct that cannot be read: where it opened, and why.</summary>
    private (int At, string Message)? _error;

    private M4Parser(string text, bool commentsActive, Func<string, bool>? definedBefore = null)
    {
        _text = text;
        _commentsActive = commentsActive;
        _definedBefore = definedBefore;
    }

    /// <summary>
    /// Parses a whole .mc file. m4 comments (<c>#</c>) count only before the file includes cf.m4
    /// itself (Debian's way, <c>m4 sendmail.mc</c>): cf.m4 turns them off with <c>changecom()</c>,
    /// and a file built as <c>m4 cf.m4 file.mc</c> never has them.
    /// </summary>
    public static McParseResult Parse(SourceFile file)
    {
        var comments = IncludesCfM4(file.Text);
        var parser = new M4Parser(file.Text, comments) { _commentsUntil = comments ? file.Text.Length : 0 };
        var nodes = parser.ParseSequence(0, file.Text.Length, inArgument: false, depth: 0, out _);
        var error = parser._error is { } e ? new SyntaxError(file.Span(e.At, 1), e.Message) : null;
        return new McParseResult(new McDocument(file, nodes), error, parser._commentsUntil);
    }

    /// <summary>
    /// Parses <paramref name="text"/>[start..end) as m4 input read after cf.m4 (no comments), as m4
    /// rescans a macro's value or a chosen <c>ifdef</c> branch. <paramref name="isDefined"/> tells the
    /// macros defined so far (asked, not copied: a file rescans often, each time with them all).
    /// The error says why the text is no m4 input (a text that is no file has no place to point at).
    /// </summary>
    public static (IReadOnlyList<M4Node> Nodes, string? Error) ParseFragment(string text, int start, int end, Func<string, bool> isDefined)
    {
        var parser = new M4Parser(text, commentsActive: false, isDefined);
        var nodes = parser.ParseSequence(start, end, inArgument: false, depth: 0, out _);
        return (nodes, parser._error?.Message);
    }

    /// <summary>Whether m4 reads a <c>#</c> at the start of <paramref name="text"/> as a comment (the file includes cf.m4 itself).</summary>
    public static bool IncludesCfM4(string text)
    {
        var at = 0;
        while ((at = text.IndexOf("cf.m4", at, StringComparison.Ordinal)) >= 0)
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
            var line = text[lineStart..at];
            if (line.Contains("include(", StringComparison.Ordinal) && !line.TrimStart().StartsWith("dnl", StringComparison.Ordinal))
            {
                return true;
            }

            at += 5;
        }

        return false;
    }

    /// <summary>
    /// Nodes from <paramref name="pos"/> up to <paramref name="end"/>, or inside an argument up to
    /// the <c>,</c> or <c>)</c> that ends it at parenthesis depth 0 (returned in <paramref name="stop"/>).
    /// </summary>
    private List<M4Node> ParseSequence(int pos, int end, bool inArgument, int depth, out int stop)
    {
        var nodes = new List<M4Node>();
        var textStart = -1;
        var parens = 0;
        void FlushText(int at)
        {
            if (textStart >= 0 && at > textStart)
            {
                nodes.Add(new M4Text(TextSpan.FromBounds(textStart, at)));
            }

            textStart = -1;
        }

        var itemStart = pos;
        while (pos < end && _error is null)
        {
            itemStart = pos;
            var c = _text[pos];
            if (c == '`')
            {
                FlushText(pos);
                var (quoteEnd, error) = M4Grammar.Quoted(_text, pos, end);
                if (error is not null)
                {
                    _error = (pos, error);
                    break;
                }

                nodes.Add(new M4Quoted(TextSpan.FromBounds(pos, quoteEnd)));
                pos = quoteEnd;
            }
            else if (c == '#' && _commentsActive)
            {
                FlushText(pos);
                var commentEnd = M4Grammar.Comment(_text, pos, end);
                nodes.Add(new M4Comment(TextSpan.FromBounds(pos, commentEnd)));
                pos = commentEnd;
            }
            else if (M4Grammar.IsWordStart(c))
            {
                FlushText(pos);
                pos = ParseName(pos, end, depth, nodes);
            }
            else if (inArgument && (c == ',' || c == ')') && parens == 0)
            {
                FlushText(pos);
                stop = pos;
                return nodes;
            }
            else
            {
                if (inArgument && c == '(')
                {
                    parens++;
                }
                else if (inArgument && c == ')')
                {
                    parens--;
                }

                if (textStart < 0)
                {
                    textStart = pos;
                }

                pos++;
            }
        }

        if (_error is not null && depth == 0 && !inArgument)
        {
            // Keep the document lossless: what could not be read stays as text.
            FlushText(itemStart);
            nodes.Add(new M4Text(TextSpan.FromBounds(itemStart, end)));
            stop = end;
            return nodes;
        }

        FlushText(pos);
        stop = pos;
        return nodes;
    }

    private int ParseName(int start, int end, int depth, List<M4Node> nodes)
    {
        var nameEnd = M4Grammar.Word(_text, start, end);
        var name = _text[start..nameEnd];
        var nameSpan = TextSpan.FromBounds(start, nameEnd);
        if (name == "dnl")
        {
            var newline = _text.IndexOf('\n', nameEnd, end - nameEnd);
            var dnlEnd = newline < 0 ? end : newline + 1;
            nodes.Add(new M4Dnl(TextSpan.FromBounds(start, dnlEnd)));
            return dnlEnd;
        }

        var hasParen = nameEnd < end && _text[nameEnd] == '(';
        var isCall = BlindBuiltins.Contains(name) ? hasParen
            : OpenBuiltins.Contains(name) || SendmailCfMacros.Contains(name) || _defined.Contains(name)
              || _definedBefore?.Invoke(name) == true;
        if (!isCall)
        {
            nodes.Add(new M4Word(nameSpan, name));
            return nameEnd;
        }

        if (!hasParen)
        {
            nodes.Add(new M4Call(nameSpan, name, nameSpan, null));
            return nameEnd;
        }

        if (depth >= MaxCallDepth)
        {
            _error = (start, $"macro calls nested more than {MaxCallDepth} deep");
            return end;
        }

        var arguments = new List<M4Argument>();
        var pos = nameEnd + 1;
        while (true)
        {
            var argStart = pos;
            while (pos < end && M4Grammar.IsArgumentBlank(_text[pos]))
            {
                pos++;
            }

            var contentStart = pos;
            var items = ParseSequence(pos, end, inArgument: true, depth + 1, out var stop);
            if (_error is not null)
            {
                return end;
            }

            if (stop >= end)
            {
                _error = (nameEnd, $"argument list of {name} opened here is never closed: m4 stops with \"end of file in argument list\" (a ( needs a matching ))");
                return end;
            }

            arguments.Add(new M4Argument(TextSpan.FromBounds(argStart, stop), contentStart, items));
            pos = stop + 1;
            if (_text[stop] == ')')
            {
                break;
            }
        }

        var call = new M4Call(TextSpan.FromBounds(start, pos), name, nameSpan, arguments);
        nodes.Add(call);
        Learn(call);
        return pos;
    }

    /// <summary>Remembers names the file defines, so later uses with arguments parse as calls, and cf.m4's comment switch.</summary>
    private void Learn(M4Call call)
    {
        if (call.Name is "define" or "pushdef" && call.Argument(0) is { } first)
        {
            var name = first.SingleQuoted(_text) is { } q ? _text.Substring(q.Inner.Start, q.Inner.Length) : _text[first.ContentStart..first.Span.End].Trim();
            if (name.Length > 0 && M4Grammar.IsWordStart(name[0]) && name.All(M4Grammar.IsWordPart))
            {
                _defined.Add(name);
            }
        }
        else if (call.Name is "include" or "sinclude" && call.Argument(0) is { } path
                 && _text[path.ContentStart..path.Span.End].Contains("cf.m4", StringComparison.Ordinal))
        {
            if (_commentsActive)
            {
                _commentsActive = false;
                _commentsUntil = call.Span.End;
            }
        }
    }
}
