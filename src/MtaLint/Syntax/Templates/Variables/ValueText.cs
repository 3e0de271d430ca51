using System.Globalization;
using System.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// A value as text the way each engine writes it: Python's <c>str()</c> for Jinja (<c>True</c>, <c>None</c>,
/// <c>['a', 'b']</c>, <c>{'k': 1}</c>, floats as <c>repr</c>), Ruby's <c>to_s</c> for ERB (<c>true</c>, nil as
/// nothing, <c>["a", "b"]</c>), Puppet's string conversion for EPP. Null where the text is not certain (an opaque
/// value, a float Ruby would write, a string with characters whose escape is not certain, a value too large).
/// </summary>
internal static class ValueText
{
    public static string? PythonStr(TemplateValue value) => value is TemplateString s ? s.Value : PythonRepr(value);

    public static string? PythonRepr(TemplateValue value)
    {
        if (value.Size > TemplateValues.MaxSize)
        {
            return null;
        }

        var sb = new StringBuilder();
        return AppendRepr(sb, value) && sb.Length <= TemplateValues.MaxText ? sb.ToString() : null;
    }

    private static bool AppendRepr(StringBuilder sb, TemplateValue value)
    {
        switch (value)
        {
            case TemplateString s:
                return AppendPythonString(sb, s.Value);
            case TemplateBoolean b:
                sb.Append(b.Value ? "True" : "False");
                return true;
            case TemplateNull:
                sb.Append("None");
                return true;
            case TemplateInteger i:
                sb.Append(TemplateValues.Integer(i.Value));
                return true;
            case TemplateFloat f:
                sb.Append(PythonFloat(f.Value));
                return true;
            case TemplateList l:
                return AppendBracketed(sb, '[', l.Items, AppendRepr, ']');
            case TemplateMap m:
                return AppendBracketed(sb, '{', m.Entries, (b, e) => AppendRepr(b, e.Key) && AppendRepr(b.Append(": "), e.Value), '}');
            default:
                return false;
        }
    }

    /// <summary>
    /// <paramref name="items"/> between <paramref name="open"/> and <paramref name="close"/>, separated by <c>", "</c>,
    /// as Python's repr and Ruby's inspect both write a list (and Python a dict); false when an item has no such text.
    /// </summary>
    private static bool AppendBracketed<T>(StringBuilder sb, char open, IReadOnlyList<T> items, Func<StringBuilder, T, bool> appendItem, char close)
    {
        sb.Append(open);
        for (var k = 0; k < items.Count; k++)
        {
            if (!appendItem(k > 0 ? sb.Append(", ") : sb, items[k]))
            {
                return false;
            }
        }

        sb.Append(close);
        return true;
    }

    /// <summary>Python's repr of a str: single quotes unless the text has one and no double quote.</summary>
    private static bool AppendPythonString(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case < ' ' or '\x7f':
                    sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case > '\x7f' when !IsPrintable(c):
                    return false; // Python's own Unicode tables decide; not guessed
                default:
                    if (c == quote)
                    {
                        sb.Append('\\');
                    }

                    sb.Append(c);
                    break;
            }
        }

        sb.Append(quote);
        return true;
    }

    private static bool IsPrintable(char c) => !char.IsSurrogate(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);

    /// <summary>Python's repr of a float: the shortest digits that read back, fixed between 1e-4 and 1e16, else with an exponent.</summary>
    public static string PythonFloat(double d)
    {
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var exp10 = 0;
        if (r.IndexOf('E', StringComparison.Ordinal) is var e and >= 0)
        {
            exp10 = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var point = r.IndexOf('.', StringComparison.Ordinal);
        if (point < 0)
        {
            point = r.Length;
        }

        var digits = r.Replace(".", "", StringComparison.Ordinal);
        var zeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var exponent = point - zeros + exp10; // value = 0.DIGITS × 10^exponent
        var x = exponent - 1;
        string text;
        if (x is >= -4 and < 16)
        {
            text = exponent <= 0 ? "0." + new string('0', -exponent) + digits
                : exponent >= digits.Length ? digits + new string('0', exponent - digits.Length) + ".0"
                : digits[..exponent] + "." + digits[exponent..];
        }
        else
        {
            text = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (x < 0 ? "-" : "+") + Math.Abs(x).ToString("00", CultureInfo.InvariantCulture);
        }

        return d < 0 ? "-" + text : text;
    }

    /// <summary>Ruby's <c>to_s</c>: nil is empty, an Array or Hash is its <c>inspect</c>.</summary>
    public static string? RubyToS(TemplateValue value) => value switch
    {
        TemplateString s => s.Value,
        TemplateNull => "",
        _ => RubyInspect(value),
    };

    public static string? RubyInspect(TemplateValue value)
    {
        if (value.Size > TemplateValues.MaxSize)
        {
            return null;
        }

        var sb = new StringBuilder();
        return AppendInspect(sb, value) && sb.Length <= TemplateValues.MaxText ? sb.ToString() : null;
    }

    private static bool AppendInspect(StringBuilder sb, TemplateValue value)
    {
        switch (value)
        {
            case TemplateString s:
                sb.Append('"');
                for (var i = 0; i < s.Value.Length; i++)
                {
                    var c = s.Value[i];
                    switch (c)
                    {
                        case '"' or '\\':
                            sb.Append('\\').Append(c);
                            break;
                        case '\n':
                            sb.Append("\\n");
                            break;
                        case '\t':
                            sb.Append("\\t");
                            break;
                        case '\r':
                            sb.Append("\\r");
                            break;
                        case '#' when i + 1 < s.Value.Length && s.Value[i + 1] is '{' or '$' or '@':
                            sb.Append("\\#");
                            break;
                        case < ' ' or > '\x7e':
                            return false;
                        default:
                            sb.Append(c);
                            break;
                    }
                }

                sb.Append('"');
                return true;
            case TemplateBoolean b:
                sb.Append(b.Value ? "true" : "false");
                return true;
            case TemplateNull:
                sb.Append("nil");
                return true;
            case TemplateInteger i:
                sb.Append(TemplateValues.Integer(i.Value));
                return true;
            case TemplateList l:
                return AppendBracketed(sb, '[', l.Items, AppendInspect, ']');
            default:
                return false; // floats (Ruby's own format), hashes (Chef's Mash prints differently), opaque values
        }
    }

    /// <summary>Ruby's <c>Array#join</c>: nested arrays flattened, each item's <c>to_s</c>, nil as nothing.</summary>
    public static bool AppendRubyJoin(StringBuilder sb, TemplateList list, string separator, ref bool first)
    {
        foreach (var item in list.Items)
        {
            if (item is TemplateList inner)
            {
                if (!AppendRubyJoin(sb, inner, separator, ref first))
                {
                    return false;
                }

                continue;
            }

            if (RubyToS(item) is not { } text)
            {
                return false;
            }

            if (!first)
            {
                sb.Append(separator);
            }

            first = false;
            sb.Append(text);
            if (sb.Length > TemplateValues.MaxText)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How EPP writes a value in <c>&lt;%= %&gt;</c>: strings as they are, numbers, <c>true</c>/<c>false</c>, undef as nothing; collections not read.</summary>
    public static string? PuppetString(TemplateValue value) => value switch
    {
        TemplateString s => s.Value,
        TemplateInteger i => TemplateValues.Integer(i.Value),
        TemplateBoolean b => b.Value ? "true" : "false",
        TemplateNull => "",
        _ => null,
    };
}
