using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

using static MtaLint.Syntax.Templates.Variables.JinjaSemantics;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// The Jinja filters and tests <see cref="JinjaEvaluator"/> reads, as Jinja and Ansible define them, on known values: a filter
/// or test not read here, or one given an unknown value, is unknown (null).
/// </summary>
internal static partial class JinjaFilters
{
    internal static JinjaValue? Filter(string name, JinjaValue? value, List<JinjaValue?> args, Dictionary<string, JinjaValue?> named)
    {
        if (value is null || args.Any(a => a is null) || named.Values.Any(a => a is null))
        {
            return null;
        }

        JinjaValue? Arg(int i, string key) => i < args.Count ? args[i] : named.GetValueOrDefault(key);
        var all = args.Concat(named.Values).Prepend(value).ToArray();
        if (args.Count + named.Count > 3)
        {
            return null;
        }

        switch (name)
        {
            case "default" or "d":
            {
                var fallback = Arg(0, "default_value") ?? Known(new TemplateString(""));
                var boolean = Arg(1, "boolean") is { } bArg ? Truthy(bArg) : false;
                if (fallback.IsUndefined || boolean is null)
                {
                    return null;
                }

                if (value.IsUndefined)
                {
                    return With(fallback, value);
                }

                return boolean.Value ? Truthy(value) switch { true => value, false => With(fallback, value), null => null } : value;
            }

            case "bool" when args.Count == 0 && named.Count == 0:
                // Ansible's to_bool (ansible-core up to 2.18): None and booleans as they are, 'yes'/'on'/'1'/'true' (any case) and 1 true, all else false.
                return value.Value switch
                {
                    TemplateNull or TemplateBoolean => value,
                    TemplateString s => Known(new TemplateBoolean(s.Value.ToLowerInvariant() is "yes" or "on" or "1" or "true"), value),
                    TemplateInteger i => Known(new TemplateBoolean(i.Value == 1), value),
                    TemplateFloat f => Known(new TemplateBoolean(f.Value == 1.0), value),
                    TemplateList or TemplateMap => Known(new TemplateBoolean(false), value),
                    _ => null,
                };
            case "ternary" when args.Count is >= 2 and <= 3 && named.Count == 0:
                if (value.Value is TemplateNull && args.Count == 3 && args[2]!.Value is not TemplateNull)
                {
                    return With(args[2], value);
                }

                return Truthy(value) switch { true => With(args[0], value), false => With(args[1], value), null => null };
            case "join" when (args.Count + named.Count) <= 1 && !named.ContainsKey("attribute"):
            {
                var separator = Arg(0, "d") is { } sep ? sep.Value is { } sv ? ValueText.PythonStr(sv) : null : "";
                IEnumerable<TemplateValue>? items = value.Value switch
                {
                    TemplateList l => l.Items,
                    TemplateString s => s.Value.Select(c => (TemplateValue)new TemplateString(c.ToString())),
                    TemplateMap m => m.Entries.Select(e => e.Key),
                    _ => null,
                };
                if (separator is null || items is null || value.Value!.Size > TemplateValues.MaxSize)
                {
                    return null;
                }

                var sb = new StringBuilder();
                var first = true;
                foreach (var item in items)
                {
                    if (ValueText.PythonStr(item) is not { } text || sb.Length > TemplateValues.MaxText)
                    {
                        return null;
                    }

                    sb.Append(first ? "" : separator).Append(text);
                    first = false;
                }

                return Known(new TemplateString(sb.ToString()), all!);
            }

            case "lower" or "upper" or "string" or "trim" when args.Count == 0 && named.Count == 0:
            {
                if (value.Value is not { } v || ValueText.PythonStr(v) is not { } text || (name != "string" && text.Any(c => c > '\x7e')))
                {
                    return null;
                }

                return Known(new TemplateString(name switch
                {
                    "lower" => text.ToLowerInvariant(),
                    "upper" => text.ToUpperInvariant(),
                    "trim" => text.Trim(' ', '\t', '\n', '\r', '\f', '\v', '\x1c', '\x1d', '\x1e', '\x1f'),
                    _ => text,
                }), value);
            }

            case "int" when args.Count <= 1 && named.Count == 0:
                return Int(value, args.Count == 1 ? args[0]! : Known(new TemplateInteger(0)));
            default:
                return null;
        }
    }

    /// <summary>Jinja's <c>int</c> filter: an integer string, else a float string truncated, else the default (0).</summary>
    internal static JinjaValue? Int(JinjaValue value, JinjaValue fallback)
    {
        switch (value.Value)
        {
            case TemplateInteger:
                return value;
            case TemplateBoolean b:
                return Known(new TemplateInteger(b.Value ? 1 : 0), value);
            case TemplateFloat f when double.IsFinite(f.Value):
                return Known(new TemplateInteger(new BigInteger(Math.Truncate(f.Value))), value);
            case TemplateNull or TemplateList or TemplateMap:
                return With(fallback, value);
            case TemplateString s:
                var t = s.Value.Trim(' ', '\t', '\n', '\r');
                if (t.Length is > 0 and < 300 && t.TrimStart('+', '-').Length == t.Length - (t[0] is '+' or '-' ? 1 : 0) && t.TrimStart('+', '-').All(char.IsAsciiDigit) && t.TrimStart('+', '-').Length > 0)
                {
                    return Known(new TemplateInteger(BigInteger.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)), value);
                }

                // Python's int(float(s)): a decimal float string is truncated (an exponent that overflows is not read).
                if (t.Length < 300 && FloatText().IsMatch(t) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < 1e300)
                {
                    return Known(new TemplateInteger(new BigInteger(Math.Truncate(d))), value);
                }

                // No digit at all (and no word Python reads as a float: inf, nan): int() and float() both fail.
                if (!t.Any(char.IsAsciiDigit) && !t.Contains("inf", StringComparison.OrdinalIgnoreCase) && !t.Contains("nan", StringComparison.OrdinalIgnoreCase) && t.All(c => c < '\x7f'))
                {
                    return With(fallback, value);
                }

                return null;
            default:
                return null;
        }
    }

    internal static bool? Test(string name, JinjaValue? value)
    {
        if (value is null)
        {
            return null;
        }

        return name switch
        {
            "defined" => !value.IsUndefined,
            "undefined" => value.IsUndefined,
            _ when value.IsUndefined || value.Value is TemplateOpaque => null,
            "none" => value.Value is TemplateNull,
            "string" => value.Value is TemplateString,
            "number" => value.Value is TemplateInteger or TemplateFloat or TemplateBoolean,
            "boolean" => value.Value is TemplateBoolean,
            "mapping" => value.Value is TemplateMap,
            "true" => value.Value is TemplateBoolean { Value: true },
            "false" => value.Value is TemplateBoolean { Value: false },
            _ => null,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")]
    internal static partial System.Text.RegularExpressions.Regex FloatText();
}
