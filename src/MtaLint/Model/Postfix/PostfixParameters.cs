using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// The parameters one Postfix process sees: a service's <c>-o</c> overrides over main.cf over the
/// defaults (service-defined, built-in, host-dependent), and their expansion like <c>postconf -x</c>:
/// recursive, conditionals and logical expressions, bounded on cycles and by the configuration's
/// <see cref="PostfixExpansionBudget"/>. One instance per scope; not shared.
/// </summary>
internal sealed class PostfixParameters
{
    private const int MaxDepth = 100;
    private readonly IReadOnlyDictionary<string, TextSlice> _main;
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly IReadOnlyDictionary<string, string> _serviceDefaults;
    private readonly string _hostname;
    // Expansions are held as slices (JoinedText): a value that is mostly a long literal is not copied to expand it.
    private readonly Dictionary<string, JoinedText> _expanded = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    // The names of _expanding in the order they are being expanded: the chain a cut budget reports.
    private readonly List<string> _chain = [];

    /// <summary>Names whose expansion ran into a cycle or past <see cref="MaxDepth"/>, where Postfix stops with "unreasonable macro call nesting".</summary>
    private readonly HashSet<string> _nested = new(StringComparer.Ordinal);

    /// <param name="main">main.cf's values, slices of its text.</param>
    public PostfixParameters(
        IReadOnlyDictionary<string, TextSlice> main,
        IReadOnlyDictionary<string, string> overrides,
        IReadOnlyDictionary<string, string> serviceDefaults,
        string hostname,
        PostfixParsedValues? parsed = null,
        PostfixExpansionBudget? budget = null)
    {
        Parsed = parsed ?? new PostfixParsedValues();
        Budget = budget ?? new PostfixExpansionBudget(0);
        _main = main;
        _overrides = overrides;
        _serviceDefaults = serviceDefaults;
        _hostname = hostname;
    }

    /// <summary>The parsed values this scope shares with the other scopes of its configuration.</summary>
    public PostfixParsedValues Parsed { get; }

    /// <summary>What expansion may still build, shared with the other scopes of its configuration.</summary>
    public PostfixExpansionBudget Budget { get; }

    public static PostfixDefaults Defaults => PostfixDefaults.Instance;

    /// <summary>True when the scope assigns the name (main.cf or an override).</summary>
    public bool IsExplicit(string name) => _overrides.ContainsKey(name) || _main.ContainsKey(name);

    /// <summary>The raw value (before expansion), or null when the name is not a parameter here.</summary>
    public string? Raw(string name) => RawText(name)?.ToString();

    /// <summary><see cref="Raw"/> as it is held: for main.cf's values, a slice of the file's text.</summary>
    public TextSlice? RawText(string name)
    {
        if (_overrides.TryGetValue(name, out var v))
        {
            return v;
        }

        if (_main.TryGetValue(name, out var m))
        {
            return m;
        }

        if (_serviceDefaults.TryGetValue(name, out v))
        {
            return v;
        }

        if (PostfixDefaults.IsHostDependent(name))
        {
            return HostDefault(name);
        }

        if (Defaults.Values.TryGetValue(name, out v))
        {
            return v;
        }

        return null;
    }

    /// <summary>The value of <paramref name="name"/> expanded recursively, as <c>postconf -x</c> prints it (before its whitespace folding); null when undefined.</summary>
    public string? Expanded(string name) => Expand(name, 0)?.ToString();

    /// <summary><see cref="Expanded"/> as slices of the values it comes from, not joined into a string of its own.</summary>
    public JoinedText? ExpandedText(string name) => Expand(name, 0);

    /// <summary>
    /// Whether expanding <paramref name="name"/> refers back to a parameter being expanded
    /// (<c>$a</c> → <c>$b</c> → <c>$a</c>) or nests deeper than Postfix goes: <c>postconf -x</c> and
    /// any daemon reading it stop with "unreasonable macro call nesting" (fatal).
    /// </summary>
    public bool ExpandsInCycle(string name)
    {
        Expand(name, 0);
        return _nested.Contains(name);
    }

    /// <summary>These parameters with <paramref name="name"/> set to <paramref name="raw"/> over everything else: what a rename would make.</summary>
    public PostfixParameters With(string name, string raw) =>
        new(_main, new Dictionary<string, string>(_overrides, StringComparer.Ordinal) { [name] = raw }, _serviceDefaults, _hostname, Parsed, Budget);

    /// <summary>Expands a value text in this scope.</summary>
    public string ExpandText(string raw)
    {
        var expression = Parsed.TryParse(raw, out _);
        return expression is null ? raw : Evaluate(expression, 0).ToString();
    }

    public JoinedText Evaluate(PostfixExpression expression, int depth)
    {
        if (depth > MaxDepth)
        {
            _nested.UnionWith(_expanding);
            return JoinedText.Empty;
        }

        if (Budget.Exhausted)
        {
            return JoinedText.Empty;
        }

        var nodes = expression.Nodes;
        switch (nodes.Count)
        {
            // Most values are one or two nodes ("text", "$name", "text $name"): no array for them.
            case 0:
                return JoinedText.Empty;
            case 1:
                return Evaluate(nodes[0], depth);
            case 2:
                var first = Evaluate(nodes[0], depth);
                var second = Evaluate(nodes[1], depth);
                return first.Length == 0 ? second
                    : second.Length == 0 ? first
                    : Budget.TrySpend(first.Length + (long)second.Length, _chain) ? JoinedText.Concat([first, second]) : JoinedText.Empty;
        }

        // The pieces are made (each within the budget) before the whole is: its length is known
        // before anything that long is built.
        var pieces = new JoinedText[nodes.Count];
        var length = 0L;
        for (var i = 0; i < nodes.Count; i++)
        {
            pieces[i] = Evaluate(nodes[i], depth);
            length += pieces[i].Length;
        }

        return Budget.TrySpend(length, _chain) ? JoinedText.Concat(pieces) : JoinedText.Empty;
    }

    public JoinedText Evaluate(PostfixNode node, int depth) => node switch
    {
        PostfixLiteral l => new JoinedText(l.Value),
        PostfixReference r => Expand(r.Name, depth + 1) ?? JoinedText.Empty,
        PostfixConditional c => IsSet(c.Name)
            ? c.WhenSet is null ? JoinedText.Empty : Evaluate(c.WhenSet, depth + 1)
            : c.WhenUnset is null ? JoinedText.Empty : Evaluate(c.WhenUnset, depth + 1),
        PostfixLogical l => EvaluateLogical(l, depth),
        _ => JoinedText.Empty,
    };

    /// <summary>What <c>${name?...}</c> tests: the parameter has a non-empty raw value.</summary>
    public bool IsSet(string name) => RawText(name) is { Length: > 0 };

    private JoinedText EvaluateLogical(PostfixLogical l, int depth)
    {
        var left = Evaluate(l.Left, depth + 1).ToString();
        var right = Evaluate(l.Right, depth + 1).ToString();
        var truth = Compare(left, l.Operator, right);
        if (!l.HasBranches)
        {
            return truth ? True : JoinedText.Empty;
        }

        var branch = truth ? l.WhenTrue : l.WhenFalse;
        return branch is null ? JoinedText.Empty : Evaluate(branch, depth + 1);
    }

    private static readonly JoinedText True = new("true");

    private static bool Compare(string left, string op, string right)
    {
        if (op is "==" or "!=")
        {
            return string.Equals(left, right, StringComparison.Ordinal) == (op == "==");
        }

        var c = op.EndsWith("level", StringComparison.Ordinal) ? CompareLevels(left, right) : CompareNumbers(left, right);
        return op.TrimEnd('l', 'e', 'v') switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            _ => false,
        };
    }

    private static int CompareNumbers(string a, string b) =>
        long.TryParse(a.Trim(), out var x) && long.TryParse(b.Trim(), out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    /// <summary>Compatibility levels compare part by part: 3.10 is above 3.9.</summary>
    private static int CompareLevels(string a, string b)
    {
        var x = a.Trim().Split('.');
        var y = b.Trim().Split('.');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var p = i < x.Length && long.TryParse(x[i], out var px) ? px : 0;
            var q = i < y.Length && long.TryParse(y[i], out var qy) ? qy : 0;
            if (p != q)
            {
                return p.CompareTo(q);
            }
        }

        return 0;
    }

    private JoinedText? Expand(string name, int depth)
    {
        if (_expanded.TryGetValue(name, out var done))
        {
            if (_nested.Contains(name))
            {
                _nested.UnionWith(_expanding); // what leads into a cycle fails with it
            }

            return done;
        }

        if (RawText(name) is not { } raw)
        {
            return null;
        }

        if (Defaults.RawParameters.Contains(name))
        {
            return new JoinedText(raw);
        }

        if (depth > MaxDepth || !_expanding.Add(name))
        {
            // A cycle ($a → $b → $a) stops here; Postfix gives up with "unreasonable macro call nesting".
            // Not through a host default: Postfix computes those in C, without expanding $mydomain into itself.
            if (_inHostDefault == 0)
            {
                _nested.Add(name);
                _nested.UnionWith(_expanding);
            }

            return JoinedText.Empty;
        }

        _chain.Add(name);
        try
        {
            var value = ExpandText(raw, depth);
            _expanded[name] = value;
            return value;
        }
        finally
        {
            _expanding.Remove(name);
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    private JoinedText ExpandText(TextSlice raw, int depth)
    {
        var expression = Parsed.TryParse(raw, out _);
        return expression is null ? new JoinedText(raw) : Evaluate(expression, depth);
    }

    private int _inHostDefault;

    private string HostDefault(string name)
    {
        _inHostDefault++;
        try
        {
            return ComputeHostDefault(name);
        }
        finally
        {
            _inHostDefault--;
        }
    }

    private string ComputeHostDefault(string name)
    {
        switch (name)
        {
            case "myhostname":
                // postconf: the machine's name; when it has no dot, "." and $mydomain (or "localdomain") are appended.
                if (_hostname.Contains('.'))
                {
                    return _hostname;
                }

                var domain = _overrides.ContainsKey("mydomain") || _main.ContainsKey("mydomain") ? Expanded("mydomain") : null;
                return _hostname + "." + (string.IsNullOrEmpty(domain) ? "localdomain" : domain);
            case "mydomain":
                var host = Expanded("myhostname") ?? _hostname;
                var dot = host.IndexOf('.');
                return dot >= 0 && dot + 1 < host.Length ? host[(dot + 1)..] : "localdomain";
            default:
                // mynetworks: the machine's own addresses (style host) or subnets; only loopback is known here.
                return (Expanded("mynetworks_style") ?? "host") == "host" ? "127.0.0.1/32 [::1]/128" : "127.0.0.0/8 [::1]/128";
        }
    }
}
