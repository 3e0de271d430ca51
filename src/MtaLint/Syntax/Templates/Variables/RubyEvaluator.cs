using System.Collections.Immutable;
using System.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// Evaluates the code of an ERB tag (Ruby) or an EPP tag (Puppet) against known variables. ERB: <c>@x</c> (Puppet:
/// the class parameter; Chef: unknown, it comes from the recipe's <c>variables</c>), <c>scope['m::x']</c>,
/// <c>scope.lookupvar('m::x')</c>, <c>node['a']['b']</c> (Chef attributes), literals, <c>.to_s</c>, <c>.join(s)</c>,
/// <c>.upcase</c>, <c>.downcase</c>, <c>.nil?</c>, <c>.empty?</c>, <c>==</c>, <c>!=</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>.
/// EPP: <c>$m::x</c> (a class variable; an unqualified <c>$x</c> is a template parameter, unknown), literals,
/// <c>==</c> (case-insensitive for strings, as Puppet compares), <c>!</c>, <c>and</c>, <c>or</c>.
/// </summary>
internal sealed class RubyEvaluator
{
    private readonly List<ExpressionWord> _w;
    private readonly TemplateVariables _vars;
    private readonly bool _puppetCode;
    private int _p;
    private bool _failed;

    private RubyEvaluator(List<ExpressionWord> words, TemplateVariables vars, bool puppetCode)
    {
        _w = words;
        _vars = vars;
        _puppetCode = puppetCode;
    }

    public static RubyValue? Evaluate(string code, TemplateVariables vars, TemplateEngine engine)
    {
        if (ExpressionWords.Read(code, engine) is not { Count: > 0 } words || words.Count > 200)
        {
            return null;
        }

        var e = new RubyEvaluator(words, vars, engine == TemplateEngine.Epp);
        var value = e.Or();
        return e._failed || e._p != words.Count ? null : value;
    }

    public static RenderedExpression? Render(string code, TemplateVariables vars, TemplateEngine engine) =>
        Evaluate(code, vars, engine) is { Value: { } v } result && (engine == TemplateEngine.Epp ? ValueText.PuppetString(v) : ValueText.RubyToS(v)) is { } text
            ? new RenderedExpression(text, result.From)
            : null;

    public static bool? Truth(string code, TemplateVariables vars, TemplateEngine engine) => Truthy(Evaluate(code, vars, engine));

    private ExpressionWord? Peek => _p < _w.Count ? _w[_p] : null;

    private bool Accept(string op)
    {
        if (Peek is { Kind: WordKind.Operator or WordKind.Name } w && w.Text == op)
        {
            _p++;
            return true;
        }

        return false;
    }

    private RubyValue? Or()
    {
        var left = And();
        while (Accept("||") || Accept("or"))
        {
            var right = And();
            left = Truthy(left) switch { true => left, false => Join(right, left), null => null };
        }

        return left;
    }

    private RubyValue? And()
    {
        var left = Not();
        while (Accept("&&") || Accept("and"))
        {
            var right = Not();
            left = Truthy(left) switch { false => left, true => Join(right, left), null => null };
        }

        return left;
    }

    private RubyValue? Not()
    {
        if (Accept("!") || (!_puppetCode && Accept("not")))
        {
            var v = Not();
            return Truthy(v) is { } b ? new RubyValue(new TemplateBoolean(!b), v!.From) : null;
        }

        var left = Postfix(Primary());
        if (Accept("==") || Accept("!="))
        {
            var equal = _w[_p - 1].Text == "==";
            var right = Postfix(Primary());
            return Equal(left, right) is { } eq ? new RubyValue(new TemplateBoolean(eq == equal), [.. left!.From.Concat(right!.From).Distinct()]) : null;
        }

        return left;
    }

    private RubyValue? Primary()
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
                return new RubyValue(new TemplateString(w.StringValue!), []);
            case WordKind.Integer:
                return new RubyValue(new TemplateInteger(ExpressionWords.ParseInteger(w.Text)), []);
            case WordKind.Name:
                switch (w.Text)
                {
                    case "true":
                        return new RubyValue(new TemplateBoolean(true), []);
                    case "false":
                        return new RubyValue(new TemplateBoolean(false), []);
                    case "nil" when !_puppetCode:
                    case "undef" when _puppetCode:
                        return new RubyValue(new TemplateNull(), []);
                    case "node" when !_puppetCode:
                        return new RubyValue(null, [], Path: "node");
                    case "scope" when !_puppetCode:
                        return new RubyValue(null, [], Path: "scope");
                }

                if (w.Text[0] == '@' && !_puppetCode && _vars.Source == VariableSource.PuppetModule)
                {
                    return Variable(w.Text[1..]);
                }

                if (w.Text[0] == '$' && _puppetCode && w.Text.Contains("::", StringComparison.Ordinal))
                {
                    return Variable(w.Text[1..].TrimStart(':'));
                }

                return null;
            default:
                if (w.Text == "(")
                {
                    var inner = Or();
                    if (!Accept(")"))
                    {
                        _failed = true;
                    }

                    return inner;
                }

                _failed = true;
                return null;
        }
    }

    private RubyValue? Variable(string name) => _vars.Find(name) is { } v ? new RubyValue(v.Value, [v]) : null;

    private RubyValue? Postfix(RubyValue? value)
    {
        while (true)
        {
            if (Accept("["))
            {
                var key = Peek;
                _p++;
                if (key is null || !Accept("]"))
                {
                    _failed = true;
                    return null;
                }

                var k = key.Kind == WordKind.String ? key.StringValue : key.Kind == WordKind.Name && key.Text[0] == ':' ? key.Text[1..] : null;
                value = value?.Path switch
                {
                    null => null,
                    _ when k is null => null,
                    "scope" => Variable(k.TrimStart(':')),
                    var path => new RubyValue(null, [], Path: $"{path}['{k}']"),
                };
            }
            else if (Accept("."))
            {
                if (Peek is not { Kind: WordKind.Name } m)
                {
                    _failed = true;
                    return null;
                }

                _p++;
                var args = new List<RubyValue?>();
                if (Accept("("))
                {
                    while (!_failed && !Accept(")"))
                    {
                        args.Add(Or());
                        if (!Accept(",") && !Accept(")"))
                        {
                            _failed = true;
                        }
                        else if (_w[_p - 1].Text == ")")
                        {
                            break;
                        }
                    }
                }

                value = value?.Path == "scope" && m.Text == "lookupvar"
                    ? args is [{ Value: TemplateString s }] ? Variable(s.Value.TrimStart(':')) : null
                    : Method(Settle(value), m.Text, args);
            }
            else
            {
                return Settle(value);
            }
        }
    }

    /// <summary>A <c>node[...]</c> path read as the attribute it names (unknown when no attribute file sets it).</summary>
    private RubyValue? Settle(RubyValue? value) => value is { Path: { } path } ? path.StartsWith("node[", StringComparison.Ordinal) ? Variable(path) : null : value;

    private RubyValue? Method(RubyValue? value, string name, List<RubyValue?> args)
    {
        if (value?.Value is not { } v || args.Any(a => a?.Value is null) || _puppetCode)
        {
            return null;
        }

        switch (name)
        {
            case "to_s" when args.Count == 0:
                return ValueText.RubyToS(v) is { } t ? value with { Value = new TemplateString(t) } : null;
            case "nil?" when args.Count == 0:
                return value with { Value = new TemplateBoolean(v is TemplateNull) };
            case "empty?" when args.Count == 0 && v is TemplateString or TemplateList:
                return value with { Value = new TemplateBoolean(v is TemplateString text ? text.Value.Length == 0 : ((TemplateList)v).Items.Length == 0) };
            case "upcase" or "downcase" when args.Count == 0 && v is TemplateString str && str.Value.All(c => c < '\x7f'):
                return value with { Value = new TemplateString(name == "upcase" ? str.Value.ToUpperInvariant() : str.Value.ToLowerInvariant()) };
            case "join" when args.Count <= 1 && v is TemplateList list && list.Size < TemplateValues.MaxSize:
                var separator = args.Count == 1 ? args[0]!.Value is TemplateString sep ? sep.Value : args[0]!.Value is TemplateNull ? "" : null : "";
                var sb = new StringBuilder();
                var first = true;
                return separator is not null && ValueText.AppendRubyJoin(sb, list, separator, ref first)
                    ? new RubyValue(new TemplateString(sb.ToString()), [.. value.From.Concat(args.SelectMany(a => a!.From)).Distinct()])
                    : null;
            default:
                return null;
        }
    }

    private bool? Equal(RubyValue? a, RubyValue? b)
    {
        if (a?.Value is not { } x || b?.Value is not { } y || x is TemplateOpaque || y is TemplateOpaque || x is TemplateList or TemplateMap || y is TemplateList or TemplateMap)
        {
            return null;
        }

        return (x, y) switch
        {
            (TemplateString s, TemplateString t) when _puppetCode => s.Value.All(c => c < '\x7f') && t.Value.All(c => c < '\x7f') ? string.Equals(s.Value, t.Value, StringComparison.OrdinalIgnoreCase) : null,
            (TemplateString s, TemplateString t) => s.Value == t.Value,
            (TemplateInteger i, TemplateInteger j) => i.Value == j.Value,
            (TemplateBoolean p, TemplateBoolean q) => p.Value == q.Value,
            (TemplateNull, TemplateNull) => true,
            (TemplateFloat, _) or (_, TemplateFloat) => null,
            _ => false,
        };
    }

    /// <summary>Ruby's and Puppet's truth: only nil/undef and false are false (an empty string is true in both).</summary>
    private static bool? Truthy(RubyValue? v) => v?.Value switch
    {
        null or TemplateOpaque => null,
        TemplateNull => false,
        TemplateBoolean b => b.Value,
        _ => true,
    };

    private static RubyValue? Join(RubyValue? value, RubyValue? also) =>
        value is null || also is null ? value : value with { From = [.. value.From.Concat(also.From).Distinct()] };
}

/// <summary>A Ruby or Puppet value during evaluation; <see cref="Path"/> is a <c>node[...]</c> or <c>scope</c> chain still being read.</summary>
internal sealed record RubyValue(TemplateValue? Value, ImmutableArray<TemplateVariable> From, string? Path = null);
