using System.Collections.Frozen;
using MtaLint.Syntax.Postfix;

namespace MtaLint.Model.Postfix;

/// <summary>A master.cf entry of the stock master.cf (assumed when a config comes without one).</summary>
public sealed record PostfixStockService(string Name, string Type, string Command);

/// <summary>
/// Postfix's built-in parameters, their raw defaults and name classes, as measured from the real
/// <c>postconf</c> by <c>scripts/gen-postfix-defaults.sh</c> (embedded resources). Immutable.
/// </summary>
public sealed class PostfixDefaults
{
    private static readonly Lazy<PostfixDefaults> Loaded = new(Load);

    private PostfixDefaults(
        FrozenDictionary<string, string> values,
        FrozenSet<string> raw,
        FrozenSet<string> readOnly,
        FrozenSet<string> legacy,
        FrozenDictionary<string, (string Suffix, string Default)[]> serviceParameters,
        IReadOnlyList<PostfixStockService> stock,
        string version)
    {
        Values = values;
        RawParameters = raw;
        ReadOnlyParameters = readOnly;
        LegacyParameters = legacy;
        ServiceParameters = serviceParameters;
        StockServices = stock;
        MailVersion = version;
        _defaultReferences = new(ParseDefaultReferences);
    }

    public static PostfixDefaults Instance => Loaded.Value;

    /// <summary>
    /// Every default value (main and per-service) → the names it references, parsed once per process:
    /// each unit walks all defaults to know which names they validate, and parsing 800 values per unit
    /// dominated the run time. A value Postfix cannot parse references nothing.
    /// </summary>
    private readonly Lazy<FrozenDictionary<string, string[]>> _defaultReferences;

    /// <summary>Names a default value references (<see cref="Values"/> or <see cref="ServiceParameters"/> defaults); null when the value is not a default.</summary>
    public string[]? ReferencedNamesOfDefault(string value) =>
        _defaultReferences.Value.TryGetValue(value, out var names) ? names : null;

    /// <summary>Names a value references, the way Postfix's parser reads it; a value it cannot parse references nothing.</summary>
    public static string[] ReferencedNames(string value) =>
        !value.Contains('$')
            ? []
            : PostfixExpressionParser.TryParseValue(value, out _)?.ReferencedNames().Select(r => r.Name).ToArray() ?? [];

    private FrozenDictionary<string, string[]> ParseDefaultReferences()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var value in Values.Values.Concat(ServiceParameters.Values.SelectMany(p => p.Select(s => s.Default))))
        {
            if (!result.ContainsKey(value))
            {
                result[value] = ReferencedNames(value);
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Parameter name → raw default (<c>postconf -d</c>); host-dependent ones are empty here.</summary>
    public FrozenDictionary<string, string> Values { get; }

    /// <summary>Parameters whose values Postfix does not <c>$</c>-expand.</summary>
    public FrozenSet<string> RawParameters { get; }

    /// <summary>Parameters whose assignments Postfix ignores (<c>process_id</c>...).</summary>
    public FrozenSet<string> ReadOnlyParameters { get; }

    /// <summary>Old names Postfix still reads (through defaults like <c>${old_name:...}</c>); postconf treats them as used.</summary>
    public FrozenSet<string> LegacyParameters { get; }

    /// <summary>Program (<c>smtp</c>, <c>pipe</c>...) → the <c>&lt;service&gt;SUFFIX</c> names a service running it defines, with their defaults.</summary>
    public FrozenDictionary<string, (string Suffix, string Default)[]> ServiceParameters { get; }

    public IReadOnlyList<PostfixStockService> StockServices { get; }

    public string MailVersion { get; }

    /// <summary>Defaults postconf computes from the machine rather than from a table.</summary>
    public static bool IsHostDependent(string name) => name is "myhostname" or "mydomain" or "mynetworks";

    private static PostfixDefaults Load()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ReadResource("postfix/postfix-defaults.txt"))
        {
            var eq = line.IndexOf(" =", StringComparison.Ordinal);
            if (line.StartsWith('#') || eq < 0)
            {
                continue;
            }

            var value = line[(eq + 2)..];
            values[line[..eq]] = value.StartsWith(' ') ? value[1..] : value;
        }

        var raw = new HashSet<string>(StringComparer.Ordinal);
        var readOnly = new HashSet<string>(StringComparer.Ordinal);
        var legacy = new HashSet<string>(StringComparer.Ordinal);
        var service = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        var stock = new List<PostfixStockService>();
        foreach (var line in ReadResource("postfix/postfix-param-classes.txt"))
        {
            var f = line.Split(' ', 4);
            switch (f[0])
            {
                case "raw":
                    raw.Add(f[1]);
                    break;
                case "readonly":
                    readOnly.Add(f[1]);
                    break;
                case "legacy":
                    legacy.Add(f[1]);
                    break;
                case "service" when f.Length == 4:
                    if (!service.TryGetValue(f[1], out var list))
                    {
                        service[f[1]] = list = [];
                    }

                    list.Add((f[2], f[3]));
                    break;
                case "stock" when f.Length == 4:
                    stock.Add(new PostfixStockService(f[1], f[2], f[3]));
                    break;
            }
        }

        return new PostfixDefaults(
            values.ToFrozenDictionary(StringComparer.Ordinal),
            raw.ToFrozenSet(StringComparer.Ordinal),
            readOnly.ToFrozenSet(StringComparer.Ordinal),
            legacy.ToFrozenSet(StringComparer.Ordinal),
            service.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            stock,
            values.GetValueOrDefault("mail_version", "3.7"));
    }

    private static IEnumerable<string> ReadResource(string name)
    {
        using var stream = typeof(PostfixDefaults).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing (run scripts/gen-postfix-defaults.sh)");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
