using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>The language a literal is written in: the string escapes and the word for nothing differ.</summary>
internal enum LiteralLanguage
{
    Ruby,
    Puppet,
}

/// <summary>
/// A plain literal of Ruby (Chef attributes) or Puppet (class parameter defaults) code: a string without
/// interpolation, an integer, a boolean, nil/undef, or an array of those. Anything else is not a literal, and the
/// variable is left out rather than guessed.
/// </summary>
internal static class CodeLiteral
{
    /// <summary>The literal at <paramref name="p"/> and the offset after it (blanks after it skipped), or null.</summary>
    public static (TemplateValue Value, int End)? Read(SourceFile file, int p, int end, LiteralLanguage language, int depth = 0)
    {
        var text = file.Text;
        p = SkipBlank(text, p, end, newlines: depth > 0);
        if (p >= end || depth > 16)
        {
            return null;
        }

        var start = p;
        TemplateValue? value = null;
        var c = text[p];
        if (c is '\'' or '"')
        {
            var close = CodeWords.QuotedEnd(text, p);
            if (close < 0 || close > end)
            {
                return null;
            }

            value = StringEscapes.Decode(text.AsSpan(p + 1, close - p - 2), c, language == LiteralLanguage.Puppet ? StringLanguage.Puppet : StringLanguage.Ruby) is { } s ? new TemplateString(s) : null;
            p = close;
        }
        else if (c == '[')
        {
            var items = ImmutableArray.CreateBuilder<TemplateValue>();
            p++;
            while (true)
            {
                p = SkipBlank(text, p, end, newlines: true);
                if (p < end && text[p] == ']')
                {
                    p++;
                    break;
                }

                if (Read(file, p, end, language, depth + 1) is not { } item)
                {
                    return null;
                }

                items.Add(item.Value);
                p = SkipBlank(text, item.End, end, newlines: true);
                if (p < end && text[p] == ',')
                {
                    p++;
                }
                else if (p >= end || text[p] != ']')
                {
                    return null;
                }
            }

            value = new TemplateList(items.ToImmutable());
        }
        else if (char.IsAsciiDigit(c) || (c == '-' && p + 1 < end && char.IsAsciiDigit(text[p + 1])))
        {
            var q = p + 1;
            while (q < end && char.IsAsciiDigit(text[q]))
            {
                q++;
            }

            var digits = text[p..q];
            if (q < end && (char.IsLetterOrDigit(text[q]) || text[q] is '.' or '_') || (digits.TrimStart('-').Length > 1 && digits.TrimStart('-')[0] == '0'))
            {
                return null; // a float, 1_000, 0x1f, an octal 0644: not read
            }

            value = new TemplateInteger(BigInteger.Parse(digits, CultureInfo.InvariantCulture));
            p = q;
        }
        else if (char.IsAsciiLetterLower(c))
        {
            var q = p;
            while (q < end && (char.IsAsciiLetterOrDigit(text[q]) || text[q] == '_'))
            {
                q++;
            }

            value = (text[p..q], language) switch
            {
                ("true", _) => new TemplateBoolean(true),
                ("false", _) => new TemplateBoolean(false),
                ("nil", LiteralLanguage.Ruby) or ("undef", LiteralLanguage.Puppet) => new TemplateNull(),
                _ => null,
            };
            p = q;
        }

        return value is null ? null : (value with { At = file.Span(start, p - start) }, SkipBlank(text, p, end, newlines: false));
    }

    /// <summary>Skips blanks, and with <paramref name="newlines"/> line breaks and comments too (inside brackets).</summary>
    public static int SkipBlank(string text, int p, int end, bool newlines)
    {
        while (p < end)
        {
            if (text[p] is ' ' or '\t' || (newlines && text[p] is '\n' or '\r'))
            {
                p++;
            }
            else if (newlines && text[p] == '#')
            {
                while (p < end && text[p] != '\n')
                {
                    p++;
                }
            }
            else
            {
                break;
            }
        }

        return p;
    }
}
