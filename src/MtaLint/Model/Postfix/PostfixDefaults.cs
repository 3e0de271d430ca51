using MtaLint.Text;
namespace MtaLint.Model.Postfix;

/// <summary>A master.cf entry of the stock master.cf (assumed when a config comes without one).</summary>
internal sealed record PostfixStockService(string Name, string Type, string Command);

/// <summary>A name a master.cf service defines: <c>&lt;service&gt;Suffix</c>, with its default value.</summary>
internal sealed record PostfixServiceParameter(string Suffix, string Default);

/// <summary>A built-in parameter whose default value references other parameters.</summary>
internal sealed record PostfixDefaultReferences(string Name, string[] Referenced);

/// <summary>
/// Postfix's built-in parameters, their raw defaults and name classes, as measured from the real
/// <c>postconf</c> by <c>scripts/gen-postfix-defaults.sh</c> (embedded resources). Immutable.
/// </summary>
internal sealed class PostfixDefaults
{
    private static readonly Lazy<PostfixDefaults> Loaded = new(Load);

    private PostfixDefaults(
        Dictionary<string, string> values,
        HashSet<string> raw,
        HashSet<string> readOnly,
        HashSet<string> legacy,
        Dictionary<string, PostfixServiceParameter[]> serviceParameters,
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
        DefaultsWithReferences = WithReferences(values, raw);
        StockServiceDefaults = ServiceDefaultsOf(stock.Select(s => (s.Name, s.Command)));
        StockServiceDefaultsWithReferences = WithReferences(StockServiceDefaults, raw);
        BuiltInNames = new NameSet(values.Keys.Union(legacy, StringComparer.Ordinal));
    }

    /// <summary>
    /// The service-defined names of the stock master.cf with their defaults, and those of them
    /// whose defaults reference other parameters: a config without a master.cf gets these, made
    /// once rather than per unit (a few hundred names concatenated and scanned for each file).
    /// </summary>
    public IReadOnlyDictionary<string, string> StockServiceDefaults { get; }

    /// <inheritdoc cref="StockServiceDefaults"/>
    public IReadOnlyList<PostfixDefaultReferences> StockServiceDefaultsWithReferences { get; }

    /// <summary>The names <c>&lt;service&gt;SUFFIX</c> that services running these commands define, with their defaults; the first service to define a name wins.</summary>
    public Dictionary<string, string> ServiceDefaultsOf(IEnumerable<(string Service, string Command)> services)
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, command) in services)
        {
            if (ServiceParameters.TryGetValue(command, out var parameters))
            {
                foreach (var parameter in parameters)
                {
                    defaults.TryAdd(service + parameter.Suffix, parameter.Default);
                }
            }
        }

        return defaults;
    }

    /// <summary>The parameters among <paramref name="defaults"/> whose values reference other parameters, with those names; raw ones left out.</summary>
    public static List<PostfixDefaultReferences> WithReferences(IEnumerable<KeyValuePair<string, string>> defaults, IReadOnlySet<string> raw)
    {
        var withReferences = new List<PostfixDefaultReferences>();
        foreach (var (name, value) in defaults)
        {
            if (!raw.Contains(name) && ReferencedNamesOfDefault(value) is { Length: > 0 } referenced)
            {
                withReferences.Add(new PostfixDefaultReferences(name, referenced));
            }
        }

        return withReferences;
    }

    public static PostfixDefaults Instance => Loaded.Value;

    /// <summary>
    /// The parameters whose defaults reference other parameters, with those names: each unit
    /// scans the defaults of the parameters it leaves unset, and only these 145 of 830 matter.
    /// Raw parameters (never expanded) are left out.
    /// </summary>
    public IReadOnlyList<PostfixDefaultReferences> DefaultsWithReferences { get; }

    /// <summary>
    /// Names a built-in default value references. Defaults are Postfix's own, always well-formed
    /// values, so a scan for <c>$name</c>, <c>${name</c> and <c>$(name</c> (skipping <c>$$</c>) finds
    /// exactly what the full grammar would (<see cref="PostfixParsedValues.ReferencedNames"/>; a test checks every default against it), without
    /// paying for the grammar at start-up.
    /// </summary>
    public static string[] ReferencedNamesOfDefault(string value)
    {
        var dollar = value.IndexOf('$');
        if (dollar < 0)
        {
            return [];
        }

        var names = new List<string>();
        for (var i = dollar; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 == value.Length)
            {
                continue;
            }

            if (value[i + 1] == '$')
            {
                i++;
                continue;
            }

            var start = i + 1;
            if (value[start] is '{' or '(')
            {
                start++;
                while (start < value.Length && char.IsWhiteSpace(value[start]))
                {
                    start++; // Postfix allows "${ name}"
                }
            }

            var end = start;
            while (end < value.Length && (char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            if (end > start)
            {
                names.Add(value[start..end]);
            }

            i = end - 1;
        }

        return names.ToArray();
    }

    /// <summary>Every parameter name Postfix knows by itself: those with a default and the legacy ones, each once.</summary>
    public NameSet BuiltInNames { get; }

    /// <summary>Parameter name → raw default (<c>postconf -d</c>); host-dependent ones are empty here.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Parameters whose values Postfix does not <c>$</c>-expand.</summary>
    public IReadOnlySet<string> RawParameters { get; }

    /// <summary>Parameters whose assignments Postfix ignores (<c>process_id</c>...).</summary>
    public IReadOnlySet<string> ReadOnlyParameters { get; }

    /// <summary>Old names Postfix still reads (through defaults like <c>${old_name:...}</c>); postconf treats them as used.</summary>
    public IReadOnlySet<string> LegacyParameters { get; }

    /// <summary>Program (<c>smtp</c>, <c>pipe</c>...) → the <c>&lt;service&gt;SUFFIX</c> names a service running it defines, with their defaults.</summary>
    public IReadOnlyDictionary<string, PostfixServiceParameter[]> ServiceParameters { get; }

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
        var service = new Dictionary<string, List<PostfixServiceParameter>>(StringComparer.Ordinal);
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

                    list.Add(new PostfixServiceParameter(f[2], f[3]));
                    break;
                case "stock" when f.Length == 4:
                    stock.Add(new PostfixStockService(f[1], f[2], f[3]));
                    break;
            }
        }

        var services = new Dictionary<string, PostfixServiceParameter[]>(service.Count, StringComparer.Ordinal);
        foreach (var (program, parameters) in service)
        {
            services[program] = parameters.ToArray();
        }

        return new PostfixDefaults(
            values,
            raw,
            readOnly,
            legacy,
            services,
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
