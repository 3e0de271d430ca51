using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Splits a Puppet EPP template the way Puppet's lexer does (Puppet::Pops::Parser::EppSupport and Lexer2): text
/// runs to the next <c>&lt;%</c>; <c>&lt;%%</c> and <c>%%&gt;</c> in text are literal <c>&lt;%</c> and <c>%&gt;</c>;
/// <c>&lt;%#</c> runs to the first <c>%&gt;</c> not preceded by <c>%</c>; code tags run to the first <c>%&gt;</c> or
/// <c>-%&gt;</c> outside Puppet strings and comments (<c>#</c> to the end of the line, <c>/* */</c>).
/// <c>&lt;%-</c> drops the blanks just before it, <c>-%&gt;</c> drops <c>[ \t]*\r?\n?</c> after it.
/// </summary>
internal sealed class EppLexer
{
    private readonly string _text;
    private readonly TokenList _tokens;

    private EppLexer(TokenList tokens)
    {
        _tokens = tokens;
        _text = tokens.File.Text;
    }

    public static void Lex(TokenList tokens) => new EppLexer(tokens).Run();

    private void Run()
    {
        var pos = 0;
        var textStart = 0;
        while (true)
        {
            var open = _text.IndexOf("<%", pos, StringComparison.Ordinal);
            EscapeClosers(pos, open < 0 ? _text.Length : open);
            if (open < 0)
            {
                _tokens.Finish();
                return;
            }

            var indicator = open + 2 < _text.Length ? _text[open + 2] : '\0';
            switch (indicator)
            {
                case '\0':
                    _tokens.Fail(open, "the tag '<%' is never closed with '%>'");
                    return;
                case '%':
                    _tokens.Add(new TemplateToken(TemplateTokenKind.Escape, new TextSpan(open, 3)) { Renders = "<%" });
                    pos = open + 3;
                    continue;
                case '#':
                    var close = CommentEnd(open + 2);
                    if (close < 0)
                    {
                        _tokens.Fail(open, "the comment '<%#' is never closed with '%>'");
                        return;
                    }

                    var trimsBefore = open + 3 < _text.Length && _text[open + 3] == '-';
                    pos = AddTag(TemplateTokenKind.Comment, open, trimsBefore, textStart, open + 2, close);
                    textStart = pos;
                    continue;
            }

            var codeStart = indicator is '-' or '=' ? open + 3 : open + 2;
            var end = CodeEnd(codeStart);
            if (end < 0)
            {
                _tokens.Fail(open, "the tag '<%' is never closed with '%>'");
                return;
            }

            pos = AddTag(indicator == '=' ? TemplateTokenKind.Expression : TemplateTokenKind.Statement, open, indicator == '-', textStart, codeStart, end);
            textStart = pos;
        }
    }

    /// <summary>Adds the tag [open, close + 2) and returns where the text after it, less what it strips, starts.</summary>
    private int AddTag(TemplateTokenKind kind, int open, bool trimsBefore, int textStart, int codeStart, int close)
    {
        var trimsAfter = close - 1 >= codeStart && _text[close - 1] == '-';
        var codeEnd = trimsAfter ? close - 1 : close;
        var end = close + 2;
        var before = trimsBefore ? TextSpan.FromBounds(Blanks.BlanksBefore(_text, open, textStart), open) : new TextSpan(open, 0);
        var after = new TextSpan(end, 0);
        if (trimsAfter)
        {
            var p = Blanks.SkipBlanks(_text, end);
            p += p < _text.Length && _text[p] == '\r' ? 1 : 0;
            p += p < _text.Length && _text[p] == '\n' ? 1 : 0;
            after = TextSpan.FromBounds(end, p);
        }

        _tokens.Add(new TemplateToken(kind, TextSpan.FromBounds(open, end))
        {
            Code = TextSpan.FromBounds(codeStart, codeEnd),
            StrippedBefore = before,
            StrippedAfter = after,
            Keyword = kind == TemplateTokenKind.Statement ? Blanks.FirstWord(_text, codeStart, codeEnd) : "",
        });
        return after.End;
    }

    /// <summary>Each <c>%%&gt;</c> in the text [from, to) is a literal <c>%&gt;</c>.</summary>
    private void EscapeClosers(int from, int to)
    {
        for (var i = _text.IndexOf("%%>", from, StringComparison.Ordinal); i >= 0 && i + 3 <= to; i = _text.IndexOf("%%>", i + 3, StringComparison.Ordinal))
        {
            _tokens.Add(new TemplateToken(TemplateTokenKind.Escape, new TextSpan(i, 3)) { Renders = "%>" });
        }
    }

    /// <summary>Where the <c>%&gt;</c> closing a comment starts: Puppet scans for <c>[^%]%&gt;</c> from the <c>#</c>.</summary>
    private int CommentEnd(int hash)
    {
        for (var j = _text.IndexOf("%>", hash + 1, StringComparison.Ordinal); j >= 0; j = _text.IndexOf("%>", j + 1, StringComparison.Ordinal))
        {
            if (_text[j - 1] != '%')
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Where the <c>%&gt;</c> closing code that starts at <paramref name="p"/> starts (its <c>-</c> is code's last char), -1 when none does.</summary>
    private int CodeEnd(int p)
    {
        while (p < _text.Length)
        {
            var c = _text[p];
            if (c == '%' && p + 1 < _text.Length && _text[p + 1] == '>')
            {
                return p;
            }

            switch (c)
            {
                case '\'' or '"':
                    p = CodeWords.QuotedEnd(_text, p);
                    if (p < 0)
                    {
                        return -1;
                    }

                    continue;
                case '#':
                    // Puppet's comment pattern #.*\r? runs to the end of the line, over any %>.
                    var eol = _text.IndexOf('\n', p);
                    p = eol < 0 ? _text.Length : eol;
                    continue;
                case '/' when p + 1 < _text.Length && _text[p + 1] == '*':
                    var close = _text.IndexOf("*/", p + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return -1;
                    }

                    p = close + 2;
                    continue;
            }

            p++;
        }

        return -1;
    }
}
