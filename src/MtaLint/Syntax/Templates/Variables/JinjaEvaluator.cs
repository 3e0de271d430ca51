using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// Evaluates a Jinja expression against known variables, as Ansible's (or Salt's) Jinja would: names, literals,
/// <c>a.b</c>, <c>a['b']</c>, <c>~</c>, <c>+</c> on strings and integers, <c>x if c else y</c>, <c>and</c>/<c>or</c>/
/// <c>not</c>, <c>==</c>/<c>!=</c>, the tests <c>defined</c>, <c>undefined</c>, <c>none</c>, <c>string</c>,
/// <c>number</c>, <c>boolean</c>, <c>mapping</c>, and the filters <c>default</c>/<c>d</c>, <c>bool</c>, <c>join</c>,
/// <c>lower</c>, <c>upper</c>, <c>string</c>, <c>int</c>, <c>ternary</c>, <c>trim</c>. Everything else (calls, other
/// filters, facts) is unknown: the evaluation says null rather than guess.
/// </summary>
internal sealed partial class JinjaEvaluator
{
    /// <summary>Names Ansible defines itself (facts, magic variables, lookups): never "undefined", always unknown.</summary>
    private static readonly HashSet<string> AnsibleNames = new(StringComparer.Ordinal)
    {
        "hostvars", "groups", "group_names", "inventory_hostname", "inventory_hostname_short", "inventory_dir", "inventory_file",
        "play_hosts", "role_name", "role_names", "role_path", "playbook_dir", "omit", "item", "loop", "lookup", "query", "q",
        "range", "dict", "lipsum", "cycler", "joiner", "namespace", "now", "undef", "vars", "environment", "self", "varargs",
        "kwargs", "caller", "super", "facts", "salt", "pillar", "grains", "opts", "saltenv", "sls", "env",
    };

    private static readonly HashSet<string> DictMethods = new(StringComparer.Ordinal) { "items", "keys", "values", "get", "pop", "popitem", "setdefault", "update", "copy", "clear", "fromkeys" };

    private readonly List<ExpressionWord> _w;
    private readonly TemplateVariables _vars;
    private readonly bool _ansible;
    private readonly IReadOnlySet<string> _local;
    private int _p;
    private bool _failed;

    private JinjaEvaluator(List<ExpressionWord> words, TemplateVariables vars, bool ansible, IReadOnlySet<string> local)
    {
        _w = words;
        _vars = vars;
        _ansible = ansible;
        _local = local;
    }

    /// <summary>The value of <paramref name="code"/>, or null when it is unknown or not read.</summary>
    public static JinjaValue? Evaluate(string code, TemplateVariables vars, bool ansible, IReadOnlySet<string> local)
    {
        if (ExpressionWords.Read(code, TemplateEngine.Jinja2) is not { Count: > 0 } words || words.Count > 200)
        {
            return null;
        }

        var e = new JinjaEvaluator(words, vars, ansible, local);
        var value = e.Expression();
        return e._failed || e._p != words.Count ? null : value;
    }

    /// <summary>What <c>{{ code }}</c> writes: Python's <c>str()</c>, with Ansible turning None into nothing (its <c>finalize</c>).</summary>
    public static RenderedExpression? Render(string code, TemplateVariables vars, bool ansible, IReadOnlySet<string> local) =>
        Evaluate(code, vars, ansible, local) is { Value: { } v } result && (ansible && v is TemplateNull ? "" : ValueText.PythonStr(v)) is { } text
            ? new RenderedExpression(text, result.From)
            : null;

    /// <summary>Python's truth of the condition; null when unknown (an undefined name is an error in Ansible, so unknown too).</summary>
    public static bool? Truth(string code, TemplateVariables vars, bool ansible, IReadOnlySet<string> local) =>
        Evaluate(code, vars, ansible, local) is { } v ? Truthy(v) : null;

    private ExpressionWord? Peek => _p < _w.Count ? _w[_p] : null;

    private bool Accept(string op)
    {
        if (Peek is { } w && w.Is(op) && w.Kind != WordKind.String)
        {
            _p++;
            return true;
        }

        return false;
    }

    private void Expect(string op)
    {
        if (!Accept(op))
        {
            _failed = true;
            _p = _w.Count;
        }
    }

    private JinjaValue? Expression()
    {
        var value = Or();
        if (Accept("if"))
        {
            var condition = Or();
            JinjaValue? otherwise = JinjaValue.Undefined;
            if (Accept("else"))
            {
                otherwise = Expression();
            }

            return Truthy(condition) switch
            {
                true => With(value, condition),
                false => With(otherwise, condition),
                null => null,
            };
        }

        return value;
    }

    private JinjaValue? Or()
    {
        var left = And();
        while (Accept("or"))
        {
            var right = And();
            left = Truthy(left) switch { true => left, false => With(right, left), null => null };
        }

        return left;
    }

    private JinjaValue? And()
    {
        var left = Not();
        while (Accept("and"))
        {
            var right = Not();
            left = Truthy(left) switch { false => left, true => With(right, left), null => null };
        }

        return left;
    }

    private JinjaValue? Not()
    {
        if (Accept("not"))
        {
            var v = Not();
            return Truthy(v) is { } b ? Known(new TemplateBoolean(!b), v!) : null;
        }

        return Compare();
    }

    private JinjaValue? Compare()
    {
        var left = Sum();
        while (Peek is { Kind: WordKind.Operator } w && w.Text is "==" or "!=" or "<" or ">" or "<=" or ">=" || Peek is { Kind: WordKind.Name, Text: "in" } || (Peek?.Is("not") == true && _p + 1 < _w.Count && _w[_p + 1].Is("in")))
        {
            var op = _w[_p++].Text;
            if (op == "not")
            {
                _p++;
                op = "not in";
            }

            var right = Sum();
            left = op is "==" or "!=" && Equal(left, right) is { } eq ? Known(new TemplateBoolean(eq == (op == "==")), left!, right!) : null;
        }

        return left;
    }

    private JinjaValue? Sum()
    {
        var left = Concat();
        while (Peek is { Kind: WordKind.Operator, Text: "+" or "-" } w)
        {
            _p++;
            var right = Concat();
            left = (w.Text, left?.Value, right?.Value) switch
            {
                ("+", TemplateString a, TemplateString b) => Known(new TemplateString(a.Value + b.Value), left!, right!),
                ("+", TemplateInteger a, TemplateInteger b) => Known(new TemplateInteger(a.Value + b.Value), left!, right!),
                ("-", TemplateInteger a, TemplateInteger b) => Known(new TemplateInteger(a.Value - b.Value), left!, right!),
                _ => null,
            };
        }

        return left;
    }

    private JinjaValue? Concat()
    {
        var left = Product();
        while (Accept("~"))
        {
            var right = Product();
            left = left?.Value is { } a && right?.Value is { } b && ValueText.PythonStr(a) is { } x && ValueText.PythonStr(b) is { } y
                ? Known(new TemplateString(x + y), left, right)
                : null;
        }

        return left;
    }

    private JinjaValue? Product()
    {
        var left = Unary();
        while (Peek is { Kind: WordKind.Operator, Text: "*" or "/" or "//" or "%" or "**" })
        {
            _p++;
            Unary();
            left = null;
        }

        return left;
    }

    private JinjaValue? Unary()
    {
        if (Accept("-"))
        {
            var v = Unary();
            return v?.Value is TemplateInteger i ? Known(new TemplateInteger(-i.Value), v) : null;
        }

        var value = Postfix(Primary());
        return FiltersAndTests(value);
    }

    private JinjaValue? Primary()
    {
        if (Peek is not { } w)
        {
            _failed = true;
            return null;
        }

        _p++;
        switch (w.Kind)
        {
            case WordKind.String:
                var s = w.StringValue!;
                while (Peek is { Kind: WordKind.String } more)
                {
                    s += more.StringValue; // 'a' 'b' is 'ab', as in Python
                    _p++;
                }

                return Known(new TemplateString(s));
            case WordKind.Integer:
                return Known(new TemplateInteger(ExpressionWords.ParseInteger(w.Text)));
            case WordKind.Float:
                return double.TryParse(w.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Known(new TemplateFloat(d)) : null;
            case WordKind.Name:
                return Name(w.Text);
            default:
                if (w.Text == "(")
                {
                    var inner = Expression();
                    if (Accept(","))
                    {
                        Skip(")"); // a tuple
                        return null;
                    }

                    Expect(")");
                    return inner;
                }

                if (w.Text is "[" or "{")
                {
                    Skip(w.Text == "[" ? "]" : "}");
                    return null;
                }

                _failed = true;
                return null;
        }
    }

    private JinjaValue? Name(string name)
    {
        switch (name)
        {
            case "true" or "True":
                return Known(new TemplateBoolean(true));
            case "false" or "False":
                return Known(new TemplateBoolean(false));
            case "none" or "None":
                return Known(new TemplateNull());
        }

        if (name.Length == 0 || name[0] is '@' or '$' || _local.Contains(name))
        {
            return null;
        }

        if (_vars.Find(name) is { } v)
        {
            return new JinjaValue(v.Value, [v]);
        }

        // Only with an Ansible role's defaults is a name that none of them defines undefined (and a default()
        // after it decides); facts and magic variables are always defined by Ansible, and a Salt context is unknown.
        return _ansible && _vars.Source == VariableSource.AnsibleRole && !name.StartsWith("ansible_", StringComparison.Ordinal) && !AnsibleNames.Contains(name)
            ? JinjaValue.Undefined
            : null;
    }

    private JinjaValue? Postfix(JinjaValue? value)
    {
        while (true)
        {
            if (Accept("."))
            {
                if (Peek is not { Kind: WordKind.Name or WordKind.Integer } w)
                {
                    _failed = true;
                    return null;
                }

                _p++;
                value = w.Kind == WordKind.Integer ? Item(value, new TemplateInteger(ExpressionWords.ParseInteger(w.Text)), w.Text) : Attribute(value, w.Text);
            }
            else if (Accept("["))
            {
                var key = Expression();
                if (Accept(":") || Peek?.Is(",") == true)
                {
                    Skip("]"); // a slice
                    value = null;
                    continue;
                }

                Expect("]");
                value = key?.Value is { } k and (TemplateString or TemplateInteger) && value is not null
                    ? With(k is TemplateString s ? Attribute(value, s.Value, itemFirst: true) : Item(value, k, TemplateValues.Integer(((TemplateInteger)k).Value)), key)
                    : null;
            }
            else if (Accept("("))
            {
                Skip(")");
                value = null; // a call: not evaluated
            }
            else
            {
                return value;
            }
        }
    }

    /// <summary><c>a.b</c> (and <c>a['b']</c>): Jinja tries the Python attribute first, so a dict's own methods shadow its keys.</summary>
    private static JinjaValue? Attribute(JinjaValue? value, string name, bool itemFirst = false)
    {
        if (value?.Value is not TemplateMap map)
        {
            return null;
        }

        var found = map.Get(name);
        if (found is not null && (itemFirst || !DictMethods.Contains(name)))
        {
            return Member(value, found, name);
        }

        return DictMethods.Contains(name) || name.StartsWith("__", StringComparison.Ordinal) ? null : JinjaValue.Undefined;
    }

    private static JinjaValue? Item(JinjaValue? value, TemplateValue key, string text)
    {
        if (value?.Value is TemplateList list && key is TemplateInteger i && i.Value > -list.Items.Length && i.Value < list.Items.Length)
        {
            var index = (int)(i.Value < 0 ? i.Value + list.Items.Length : i.Value);
            return Member(value, list.Items[index], text);
        }

        return null;
    }

    /// <summary>A value inside a variable: it comes from that variable, at the place the member is written.</summary>
    private static JinjaValue Member(JinjaValue parent, TemplateValue member, string key)
    {
        var from = parent.From.Length == 1 && member.At is { } at
            ? [new TemplateVariable($"{parent.From[0].Name}.{key}", member, at)]
            : parent.From;
        return new JinjaValue(member, from);
    }

    private JinjaValue? FiltersAndTests(JinjaValue? value)
    {
        while (true)
        {
            if (Accept("|"))
            {
                if (Peek is not { Kind: WordKind.Name } f)
                {
                    _failed = true;
                    return null;
                }

                _p++;
                var (args, named) = Peek?.Is("(") == true ? Arguments() : ([], []);
                value = Filter(f.Text, value, args, named);
                value = Postfix(value);
            }
            else if (Accept("is"))
            {
                var negate = Accept("not");
                if (Peek is not { Kind: WordKind.Name } t)
                {
                    _failed = true;
                    return null;
                }

                _p++;
                if (Peek?.Is("(") == true)
                {
                    Arguments();
                    value = null;
                    continue;
                }

                if (Peek is { Kind: WordKind.String or WordKind.Integer } || Peek?.Kind == WordKind.Name && Peek.Text is not ("and" or "or" or "else" or "if" or "is" or "in" or "not"))
                {
                    Unary(); // a test with one argument without brackets (sameas false)
                    value = null;
                    continue;
                }

                value = Test(t.Text, value) is { } b ? Known(new TemplateBoolean(b != negate), value!) : null;
            }
            else
            {
                return value;
            }
        }
    }

    private (List<JinjaValue?> Args, Dictionary<string, JinjaValue?> Named) Arguments()
    {
        var args = new List<JinjaValue?>();
        var named = new Dictionary<string, JinjaValue?>(StringComparer.Ordinal);
        Expect("(");
        while (!_failed && !Accept(")"))
        {
            if (Peek is { Kind: WordKind.Name } n && _p + 1 < _w.Count && _w[_p + 1].Is("="))
            {
                _p += 2;
                named[n.Text] = Expression();
            }
            else
            {
                args.Add(Expression());
            }

            if (!Accept(","))
            {
                Expect(")");
                break;
            }
        }

        return (args, named);
    }

    private void Skip(string close)
    {
        var depth = 1;
        while (_p < _w.Count && depth > 0)
        {
            var t = _w[_p++];
            if (t.Kind == WordKind.Operator)
            {
                depth += t.Text is "(" or "[" or "{" ? 1 : t.Text is ")" or "]" or "}" ? -1 : 0;
            }
        }

        if (depth > 0)
        {
            _failed = true;
        }
    }

    private static JinjaValue? Filter(string name, JinjaValue? value, List<JinjaValue?> args, Dictionary<string, JinjaValue?> named)
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
    private static JinjaValue? Int(JinjaValue value, JinjaValue fallback)
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

    private static bool? Test(string name, JinjaValue? value)
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

    /// <summary>Python's <c>==</c> on the values read here; null for what it does not compare (undefined: an error in Ansible).</summary>
    private static bool? Equal(JinjaValue? a, JinjaValue? b) => a?.Value is { } x && b?.Value is { } y ? Equal(x, y) : null;

    private static bool? Equal(TemplateValue x, TemplateValue y)
    {
        if (Number(x) is { } nx && Number(y) is { } ny)
        {
            return nx == ny;
        }

        return (x, y) switch
        {
            (TemplateOpaque, _) or (_, TemplateOpaque) or (TemplateFloat, _) or (_, TemplateFloat) => null,
            (TemplateString s, TemplateString t) => s.Value == t.Value,
            (TemplateNull, TemplateNull) => true,
            (TemplateList l, TemplateList m) when l.Size + m.Size < TemplateValues.MaxSize => l.Items.Length != m.Items.Length ? false
                : l.Items.Zip(m.Items).Select(p => Equal(p.First, p.Second)).Aggregate((bool?)true, (acc, e) => acc == false || e == false ? false : acc == null || e == null ? null : true),
            (TemplateMap, _) or (_, TemplateMap) or (TemplateList, TemplateList) => null,
            _ => false,
        };
    }

    private static BigInteger? Number(TemplateValue v) => v switch
    {
        TemplateInteger i => i.Value,
        TemplateBoolean b => b.Value ? 1 : 0,
        _ => null,
    };

    /// <summary>Python's truth of a value; null when unknown or undefined (Ansible's undefined raises).</summary>
    private static bool? Truthy(JinjaValue? v) => v?.Value switch
    {
        null or TemplateOpaque => null,
        TemplateBoolean b => b.Value,
        TemplateNull => false,
        TemplateString s => s.Value.Length > 0,
        TemplateInteger i => !i.Value.IsZero,
        TemplateFloat f => f.Value != 0,
        TemplateList l => l.Items.Length > 0,
        TemplateMap m => m.Entries.Length > 0,
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex FloatText();

    private static JinjaValue Known(TemplateValue value, params JinjaValue[] from) =>
        new(value, [.. from.SelectMany(f => f.From).Distinct()]);

    /// <summary>A value that also depends on the variables <paramref name="also"/> came from (the condition that chose it).</summary>
    private static JinjaValue? With(JinjaValue? value, JinjaValue? also) =>
        value is null ? null : also is null ? value : value with { From = [.. value.From.Concat(also.From).Distinct()] };
}

/// <summary>A Jinja value during evaluation: null <see cref="Value"/> is Jinja's undefined.</summary>
internal sealed record JinjaValue(TemplateValue? Value, ImmutableArray<TemplateVariable> From)
{
    public bool IsUndefined => Value is null;

    public static JinjaValue Undefined { get; } = new(null, []);
}
