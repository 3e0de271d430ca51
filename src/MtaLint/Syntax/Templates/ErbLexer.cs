using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Splits an ERB template the way Ruby's ERB (<c>trim_mode: '-'</c>, <c>ERB::Compiler::ExplicitScanner</c>) or Erubis
/// (<c>Erubis::Basic::Converter</c>) does. Both end a tag at the first <c>%&gt;</c>; Ruby's ERB reads <c>%%&gt;</c>
/// inside a tag as code and goes on. An unclosed <c>&lt;%</c> is an error for both: Ruby's ERB makes the rest of the file
/// code, Erubis copies it as text, and neither is what the author meant.
/// </summary>
internal sealed class ErbLexer
{
    private readonly string _text;
    private readonly TokenList _tokens;

    private ErbLexer(TokenList tokens)
    {
        _tokens = tokens;
        _text = tokens.File.Text;
    }

    public static void Lex(TokenList tokens, ErbScanner scanner)
    {
        var lexer = new ErbLexer(tokens);
        if (scanner == ErbScanner.Erubis)
        {
            lexer.RunErubis();
        }
        else
        {
            lexer.RunRubyErb();
        }
    }

    private static TemplateTokenKind KindOf(char indicator) => indicator switch
    {
        '=' => TemplateTokenKind.Expression,
        '#' => TemplateTokenKind.Comment,
        _ => TemplateTokenKind.Statement,
    };

    /// <summary>
    /// Ruby's ERB with trim_mode '-': start tags, in the order its scanner tries them at one position, are
    /// <c>^[ \t]*&lt;%-</c> (dropping the indentation), <c>&lt;%-</c>, <c>&lt;%%</c>, <c>&lt;%=</c>, <c>&lt;%#</c>, <c>&lt;%</c>; end
    /// tags <c>-%&gt;</c> (dropping a following <c>\r?\n</c>), <c>%%&gt;</c> (code, not an end), <c>%&gt;</c>.
    /// StringScanner matches <c>^</c> at its own position too, so blanks right after a tag before <c>&lt;%-</c> go as well.
    /// </summary>
    private void RunRubyErb()
    {
        var pos = 0;
        while (true)
        {
            var open = _text.IndexOf("<%", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                _tokens.Finish();
                return;
            }

            var indicator = open + 2 < _text.Length ? _text[open + 2] : '\0';
            if (indicator == '%')
            {
                _tokens.Add(new TemplateToken(TemplateTokenKind.Escape, new TextSpan(open, 3)) { Renders = "<%" });
                pos = open + 3;
                continue;
            }

            var before = new TextSpan(open, 0);
            if (indicator == '-')
            {
                var indent = Blanks.BlanksBefore(_text, open, pos);
                if (indent == pos || _text[indent - 1] == '\n')
                {
                    before = TextSpan.FromBounds(indent, open);
                }
            }

            var codeStart = indicator is '-' or '=' or '#' ? open + 3 : open + 2;
            var end = FindRubyErbEnd(codeStart);
            if (end is not { } e)
            {
                _tokens.Fail(open, "the tag '<%' is never closed with '%>'");
                return;
            }

            var after = new TextSpan(e.End, e.Trims ? Blanks.RubyNewline(_text, e.End) : 0);
            _tokens.Add(new TemplateToken(KindOf(indicator), TextSpan.FromBounds(open, e.End))
            {
                Code = TextSpan.FromBounds(codeStart, e.CodeEnd),
                StrippedBefore = before,
                StrippedAfter = after,
                Keyword = KindOf(indicator) == TemplateTokenKind.Statement ? Blanks.FirstWord(_text, codeStart, e.CodeEnd) : "",
            });
            pos = e.End;
        }
    }

    private readonly record struct TagEnd(int CodeEnd, int End, bool Trims);

    private TagEnd? FindRubyErbEnd(int from)
    {
        var p = from;
        while (true)
        {
            var j = _text.IndexOf("%>", p, StringComparison.Ordinal);
            if (j < 0)
            {
                return null;
            }

            if (j - 1 >= p && _text[j - 1] == '-')
            {
                return new TagEnd(j - 1, j + 2, Trims: true);
            }

            if (j - 1 >= p && _text[j - 1] == '%')
            {
                p = j + 2;
                continue;
            }

            return new TagEnd(j, j + 2, Trims: false);
        }
    }

    /// <summary>
    /// Erubis: <c>&lt;%(=+|-|#|%)?(.*?)([-=])?%&gt;([ \t]*\r?\n)?</c>. A statement or comment tag (<c>&lt;%</c>, <c>&lt;%-</c>,
    /// <c>&lt;%#</c>) with only blanks before it on its line and a line break after it drops both; <c>&lt;%= -%&gt;</c> drops the
    /// blanks and line break after it; <c>&lt;%% ... %&gt;</c> is text, written with <c>&lt;%</c>.
    /// </summary>
    private void RunErubis()
    {
        var pos = 0;
        var atLineStart = true; // Erubis's is_bol: the previous tag's match ended with a line break
        while (true)
        {
            var open = _text.IndexOf("<%", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                _tokens.Finish();
                return;
            }

            var codeStart = open + 2;
            var indicator = codeStart < _text.Length ? _text[codeStart] : '\0';
            if (indicator == '=')
            {
                while (codeStart < _text.Length && _text[codeStart] == '=')
                {
                    codeStart++;
                }
            }
            else if (indicator is '-' or '#' or '%')
            {
                codeStart++;
            }
            else
            {
                indicator = '\0';
            }

            var close = _text.IndexOf("%>", codeStart, StringComparison.Ordinal);
            if (close < 0)
            {
                _tokens.Fail(open, "the tag '<%' is never closed with '%>'");
                return;
            }

            var tail = close - 1 >= codeStart && _text[close - 1] is '-' or '=' ? _text[close - 1] : '\0';
            var codeEnd = tail == '\0' ? close : close - 1;
            var end = close + 2;
            var rspace = TrailingLineBreak(end);
            var lspace = indicator == '=' ? null : LeadingIndent(pos, open, atLineStart);
            atLineStart = rspace > 0;

            if (indicator == '%')
            {
                _tokens.Add(new TemplateToken(TemplateTokenKind.Escape, new TextSpan(open, 3)) { Renders = "<%" });
                pos = end + rspace;
                continue;
            }

            var before = new TextSpan(open, 0);
            var after = new TextSpan(end, 0);
            if (indicator == '=')
            {
                after = tail != '\0' ? new TextSpan(end, rspace) : after;
            }
            else if (lspace is { } l && rspace > 0)
            {
                before = l;
                after = new TextSpan(end, rspace);
            }

            var kind = KindOf(indicator);
            _tokens.Add(new TemplateToken(kind, TextSpan.FromBounds(open, end))
            {
                Code = TextSpan.FromBounds(codeStart, codeEnd),
                StrippedBefore = before,
                StrippedAfter = after,
                Keyword = kind == TemplateTokenKind.Statement ? Blanks.FirstWord(_text, codeStart, codeEnd) : "",
            });
            pos = end + rspace;
        }
    }

    /// <summary>Length of Erubis's <c>[ \t]*\r?\n</c> at <paramref name="at"/>, 0 when the blanks are not followed by a line break.</summary>
    private int TrailingLineBreak(int at)
    {
        var blanks = Blanks.SkipBlanks(_text, at);
        var newline = Blanks.RubyNewline(_text, blanks);
        return newline == 0 ? 0 : blanks + newline - at;
    }

    /// <summary>Erubis's <c>detect_spaces_at_bol</c>: the blanks from the line start to the tag, when only blanks are there; null otherwise.</summary>
    private TextSpan? LeadingIndent(int textStart, int open, bool atLineStart)
    {
        if (open == textStart)
        {
            return atLineStart ? new TextSpan(open, 0) : null;
        }

        if (_text[open - 1] == '\n')
        {
            return new TextSpan(open, 0);
        }

        var newline = _text.LastIndexOf('\n', open - 1, open - textStart);
        var from = newline < 0 ? textStart : newline + 1;
        if (newline < 0 && !atLineStart)
        {
            return null;
        }

        return Blanks.BlanksBefore(_text, open, from) == from ? TextSpan.FromBounds(from, open) : null;
    }
}
