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
                var value = StringEscapes.Decode(body, c, engine switch { TemplateEngine.Jinja2 => StringLanguage.Python, TemplateEngine.Epp => StringLanguage.Puppet, _ => StringLanguage.Ruby });
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

    public static BigInteger ParseInteger(string text) => BigInteger.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
