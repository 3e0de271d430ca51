using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

using static MtaLint.Syntax.Templates.Variables.JinjaFilters;
using static MtaLint.Syntax.Templates.Variables.JinjaSemantics;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// Evaluates a Jinja expression against known variables, as Ansible's (or Salt's) Jinja would: names, literals,
/// <c>a.b</c>, <c>a['b']</c>, <c>~</c>, <c>+</c> on strings and integers, <c>x if c else y</c>, <c>and</c>/<c>or</c>/
/// <c>not</c>, <c>==</c>/<c>!=</c>, the tests <c>defined</c>, <c>undefined</c>, <c>none</c>, <c>string</c>,
/// <c>number</c>, <c>boolean</c>, <c>mapping</c>, and the filters <c>default</c>/<c>d</c>, <c>bool</c>, <c>join</c>,
/// <c>lower</c>, <c>upper</c>, <c>string</c>, <c>int</c>, <c>ternary</c>, <c>trim</c>. Everything else (calls, other
/// filters, facts) is unknown: the evaluation says null rather than guess.
/// </summary>
internal sealed class JinjaEvaluator
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
}
