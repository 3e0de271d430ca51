using System.Buffers;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// Splits a Jinja2 template into literal text and tags the way <c>jinja2.lexer.Lexer.tokeniter</c> does: a tag starts
/// at the first <c>{{</c>, <c>{%</c> or <c>{#</c>; a variable or block tag ends at the first closing delimiter outside
/// strings and brackets; a comment at the first <c>#}</c>; <c>{% raw %}</c> runs to the first <c>{% endraw %}</c>.
/// The whitespace each tag strips follows the lexer's rules for <c>-</c>, <c>+</c>, trim_blocks and lstrip_blocks.
/// </summary>
internal sealed class JinjaLexer
{
    private static readonly SearchValues<char> Operators = SearchValues.Create("+-/*%~[](){}=!<>.:|,;");

    private readonly string _text;
    private readonly JinjaOptions _options;
    private readonly TokenList _tokens;

    // Jinja's line_starting: the previous tag's closing match ended with a line break, so text before the next
    // tag without a line break of its own still starts a line (lstrip_blocks). True at the start of the file.
    private bool _lineStarting = true;

    // Where the text a tag may strip before itself starts: after what the previous tag stripped after itself.
    private int _available;

    private JinjaLexer(TokenList tokens, JinjaOptions options, int start)
    {
        _tokens = tokens;
        _text = tokens.File.Text;
        _options = options;
        _available = start;
    }

    public static void Lex(TokenList tokens, JinjaOptions options, int start) => new JinjaLexer(tokens, options, start).Run(start);

    private void Run(int pos)
    {
        while (true)
        {
            var open = NextOpening(pos);
            if (open < 0)
            {
                _tokens.Finish();
                return;
            }

            var next = _text[open + 1] switch
            {
                '#' => Comment(open),
                '{' => Tag(open, isBlock: false),
                _ => Raw(open) ?? Tag(open, isBlock: true),
            };
            if (next < 0)
            {
                return;
            }

            pos = next;
        }
    }

    private int NextOpening(int pos)
    {
        while (true)
        {
            var i = _text.IndexOf('{', pos);
            if (i < 0 || i + 1 >= _text.Length)
            {
                return -1;
            }

            if (_text[i + 1] is '{' or '%' or '#')
            {
                return i;
            }

            pos = i + 1;
        }
    }

    private static char MarkerAt(string text, int at) => at < text.Length && text[at] is '-' or '+' ? text[at] : '\0';

    /// <summary>A <c>{{ }}</c> or <c>{% %}</c> tag: returns where scanning continues, -1 after an error.</summary>
    private int Tag(int open, bool isBlock)
    {
        var marker = MarkerAt(_text, open + 2);
        var codeStart = open + 2 + (marker == '\0' ? 0 : 1);
        var close = isBlock ? '%' : '}';
        List<char>? brackets = null; // most tags have no bracket: no list for them
        var p = codeStart;
        while (p < _text.Length)
        {
            if (brackets is null || brackets.Count == 0)
            {
                var endMarker = MarkerAt(_text, p);
                // Variables close with "-}}" or "}}" only; blocks also with "+%}".
                if (endMarker != '\0' && (isBlock || endMarker == '-') && At(p + 1, close, '}'))
                {
                    return Close(open, marker, codeStart, p, endMarker, p + 3, isBlock ? TemplateTokenKind.Statement : TemplateTokenKind.Expression);
                }

                if (At(p, close, '}'))
                {
                    return Close(open, marker, codeStart, p, '\0', p + 2, isBlock ? TemplateTokenKind.Statement : TemplateTokenKind.Expression);
                }
            }

            var c = _text[p];
            if (c is '\'' or '"')
            {
                var end = CodeWords.QuotedEnd(_text, p);
                if (end < 0)
                {
                    return Fail(p, $"unexpected char '{c}': the string never ends");
                }

                p = end;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                brackets ??= [];
                brackets.Add(c == '(' ? ')' : c == '[' ? ']' : '}');
            }
            else if (c is ')' or ']' or '}')
            {
                if (brackets is null || brackets.Count == 0)
                {
                    return Fail(p, $"unexpected '{c}'");
                }

                var expected = brackets[^1];
                brackets.RemoveAt(brackets.Count - 1);
                if (expected != c)
                {
                    return Fail(p, $"unexpected '{c}', expected '{expected}'");
                }
            }
            else if (!char.IsWhiteSpace(c) && !char.IsLetterOrDigit(c) && c != '_' && !Operators.Contains(c))
            {
                return Fail(p, $"unexpected char '{c}'");
            }

            p++;
        }

        return Fail(open, isBlock ? "the tag '{%' is never closed with '%}'" : "the tag '{{' is never closed with '}}'");
    }

    private bool At(int p, char first, char second) => p + 1 < _text.Length && _text[p] == first && _text[p + 1] == second;

    private int Comment(int open)
    {
        var marker = MarkerAt(_text, open + 2);
        var codeStart = open + 2 + (marker == '\0' ? 0 : 1);
        var j = _text.IndexOf("#}", codeStart, StringComparison.Ordinal);
        if (j < 0)
        {
            return Fail(open, "Missing end of comment tag: '{#' is never closed with '#}'");
        }

        var endMarker = j - 1 >= codeStart ? MarkerAt(_text, j - 1) : '\0';
        var codeEnd = endMarker == '\0' ? j : j - 1;
        return Close(open, marker, codeStart, codeEnd, endMarker, j + 2, TemplateTokenKind.Comment);
    }

    /// <summary>Adds the tag [open, end) and returns where the text after it (and after what it strips) starts.</summary>
    private int Close(int open, char marker, int codeStart, int codeEnd, char endMarker, int end, TemplateTokenKind kind, string? keyword = null)
    {
        var before = StripBefore(open, marker, stripsLine: kind != TemplateTokenKind.Expression);
        var after = StripAfter(end, endMarker, trims: kind != TemplateTokenKind.Expression && keyword != "raw");
        _tokens.Add(new TemplateToken(kind, TextSpan.FromBounds(open, end))
        {
            Code = TextSpan.FromBounds(codeStart, codeEnd),
            StrippedBefore = before,
            StrippedAfter = after,
            Keyword = keyword ?? (kind == TemplateTokenKind.Statement ? Blanks.FirstWord(_text, codeStart, codeEnd) : ""),
        });
        _available = after.End;
        _lineStarting = after.Length > 0 && _text[after.End - 1] is '\n' or '\r';
        return after.End;
    }

    /// <summary>
    /// What the tag opening at <paramref name="open"/> strips from the text before it: with <c>-</c> all trailing
    /// whitespace; with lstrip_blocks (not for <c>{{</c>, not with <c>+</c>) the blanks between the line start and the tag.
    /// </summary>
    private TextSpan StripBefore(int open, char marker, bool stripsLine)
    {
        if (marker == '-')
        {
            var start = open;
            while (start > _available && char.IsWhiteSpace(_text[start - 1]))
            {
                start--;
            }

            return TextSpan.FromBounds(start, open);
        }

        if (marker == '+' || !stripsLine || !_options.LstripBlocks)
        {
            return new TextSpan(open, 0);
        }

        var lineStart = _text.AsSpan(_available, open - _available).LastIndexOfAny('\n', '\r');
        if (lineStart < 0 && !_lineStarting)
        {
            return new TextSpan(open, 0);
        }

        var from = lineStart < 0 ? _available : _available + lineStart + 1;
        for (var i = from; i < open; i++)
        {
            if (!char.IsWhiteSpace(_text[i]))
            {
                return new TextSpan(open, 0);
            }
        }

        return TextSpan.FromBounds(from, open);
    }

    /// <summary>What a tag ending at <paramref name="end"/> strips after itself: with <c>-</c> all whitespace; with trim_blocks (blocks and comments, not with <c>+</c>) one line break.</summary>
    private TextSpan StripAfter(int end, char endMarker, bool trims) => endMarker switch
    {
        '-' => TextSpan.FromBounds(end, Blanks.SkipWhitespace(_text, end)),
        '\0' when trims && _options.TrimBlocks => new TextSpan(end, Blanks.JinjaNewline(_text, end)),
        _ => new TextSpan(end, 0),
    };

    /// <summary>
    /// <c>{% raw %}</c>...<c>{% endraw %}</c>: the opening tag, the content as literal text, the closing tag. Returns
    /// null when the tag at <paramref name="open"/> is not <c>raw</c>. Jinja's raw opening never trims a line break.
    /// </summary>
    private int? Raw(int open)
    {
        var begin = MatchRawTag(open, "raw", allowPlus: false);
        if (begin is not { } b)
        {
            return null;
        }

        var contentStart = Close(open, b.Marker, b.CodeStart, b.CodeEnd, b.EndMarker, b.End, TemplateTokenKind.Statement, "raw");
        for (var p = _text.IndexOf("{%", contentStart, StringComparison.Ordinal); p >= 0; p = _text.IndexOf("{%", p + 1, StringComparison.Ordinal))
        {
            if (MatchRawTag(p, "endraw", allowPlus: true) is { } e)
            {
                return Close(p, e.Marker, e.CodeStart, e.CodeEnd, e.EndMarker, e.End, TemplateTokenKind.Statement, "endraw");
            }
        }

        return Fail(open, "Missing end of raw directive: '{% raw %}' has no '{% endraw %}'");
    }

    private readonly record struct RawTag(char Marker, int CodeStart, int CodeEnd, char EndMarker, int End);

    /// <summary>Matches <c>{%[-+]?\s*WORD\s*(-%}|+%}|%})</c> at <paramref name="open"/> (Jinja's raw rules).</summary>
    private RawTag? MatchRawTag(int open, string word, bool allowPlus)
    {
        var marker = MarkerAt(_text, open + 2);
        var codeStart = open + 2 + (marker == '\0' ? 0 : 1);
        var w = Blanks.SkipWhitespace(_text, codeStart);
        if (string.CompareOrdinal(_text, w, word, 0, word.Length) != 0)
        {
            return null;
        }

        var p = Blanks.SkipWhitespace(_text, w + word.Length);
        var endMarker = MarkerAt(_text, p);
        if (endMarker != '\0' && (endMarker == '-' || allowPlus) && At(p + 1, '%', '}'))
        {
            return new RawTag(marker, codeStart, p, endMarker, p + 3);
        }

        return At(p, '%', '}') ? new RawTag(marker, codeStart, p, '\0', p + 2) : null;
    }

    private int Fail(int offset, string message)
    {
        _tokens.Fail(offset, message);
        return -1;
    }
}
