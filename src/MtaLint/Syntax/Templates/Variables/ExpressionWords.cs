using System.Globalization;
using System.Numerics;
using System.Text;

namespace MtaLint.Syntax.Templates.Variables;

internal enum WordKind
{
    Name,
    String,
    Integer,
    Float,
    Operator,
}

/// <summary>One word of an expression: a name (with its <c>@</c>, <c>$</c> or <c>:</c>), a string (its value), a number, an operator.</summary>
internal sealed record ExpressionWord(WordKind Kind, string Text)
{
    public string? StringValue { get; init; }

    public bool Is(string op) => Kind is WordKind.Operator or WordKind.Name && Text == op;
}

/// <summary>Splits expression code into words; null when it holds something none of the evaluators reads (then the value is unknown).</summary>
internal static class ExpressionWords
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "::", "//", "**", "=>"];

    public static List<ExpressionWord>? Read(string code, TemplateEngine engine)
    {
        var words = new List<ExpressionWord>();
        var p = 0;
        while (p < code.Length)
        {
            var c = code[p];
            if (char.IsWhiteSpace(c))
            {
                p++;
            }
            else if (c is '\'' or '"')
            {
                var end = CodeWords.QuotedEnd(code, p);
                if (end < 0)
                {
                    return null;
                }

                var body = code.AsSpan(p + 1, end - p - 2);
                var value = engine == TemplateEngine.Jinja2 ? PythonString(body) : CodeLiteral.Unquote(body, c, engine == TemplateEngine.Epp ? LiteralLanguage.Puppet : LiteralLanguage.Ruby);
                if (value is null)
                {
                    return null;
                }

                words.Add(new ExpressionWord(WordKind.String, code[p..end]) { StringValue = value });
                p = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var q = p;
                while (q < code.Length && (char.IsAsciiDigit(code[q]) || code[q] == '_'))
                {
                    q++;
                }

                var kind = WordKind.Integer;
                if (q + 1 < code.Length && code[q] == '.' && char.IsAsciiDigit(code[q + 1]) && !(words.Count > 0 && words[^1].Is(".")))
                {
                    kind = WordKind.Float;
                    q++;
                    while (q < code.Length && char.IsAsciiDigit(code[q]))
                    {
                        q++;
                    }
                }

                if (q < code.Length && (char.IsAsciiLetter(code[q]) || code[q] == '_'))
                {
                    return null; // 1e5, 0x1f, 10_: not read
                }

                words.Add(new ExpressionWord(kind, code[p..q]));
                p = q;
            }
            else if (char.IsAsciiLetter(c) || c == '_' || (c is '@' or '$' && p + 1 < code.Length && (char.IsAsciiLetter(code[p + 1]) || code[p + 1] is '_' or ':'))
                     || (c == ':' && engine != TemplateEngine.Jinja2 && p + 1 < code.Length && (char.IsAsciiLetter(code[p + 1]) || code[p + 1] == '_') && !(p > 0 && code[p - 1] == ':')))
            {
                var q = p + 1;
                while (q < code.Length)
                {
                    if (char.IsAsciiLetterOrDigit(code[q]) || code[q] == '_')
                    {
                        q++;
                    }
                    else if (c == '$' && q + 2 < code.Length && code[q] == ':' && code[q + 1] == ':')
                    {
                        q += 2; // $postfix::params::x
                    }
                    else
                    {
                        break;
                    }
                }

                if (engine == TemplateEngine.Erb && q < code.Length && code[q] is '?' or '!' && !(q + 1 < code.Length && code[q + 1] == '='))
                {
                    q++; // nil?, empty?
                }

                words.Add(new ExpressionWord(WordKind.Name, code[p..q]));
                p = q;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(code, p, o, 0, o.Length) == 0) ?? c.ToString();
                if (op.Length == 1 && "|~()[].,+-*/%<>=!{}:?".IndexOf(c, StringComparison.Ordinal) < 0)
                {
                    return null;
                }

                words.Add(new ExpressionWord(WordKind.Operator, op));
                p += op.Length;
            }
        }

        return words;
    }

    /// <summary>
    /// A Jinja string literal's value: Jinja decodes it with Python's unicode-escape, where <c>\n</c>, <c>\t</c>,
    /// <c>\\</c>, quotes are escapes and an unknown escape stays as written; the numeric ones are not read here.
    /// </summary>
    private static string? PythonString(ReadOnlySpan<char> body)
    {
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\r' || c > '\x7e' || (c < ' ' && c != '\t' && c != '\n'))
            {
                return null;
            }

            if (c != '\\' || i + 1 >= body.Length)
            {
                sb.Append(c);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case '\\' or '\'' or '"':
                    sb.Append(next);
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case '\n' or 'a' or 'b' or 'f' or 'v' or 'x' or 'u' or 'U' or 'N' or (>= '0' and <= '7'):
                    return null;
                default:
                    sb.Append('\\').Append(next);
                    break;
            }
        }

        return sb.ToString();
    }

    public static BigInteger ParseInteger(string text) => BigInteger.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
