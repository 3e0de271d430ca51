using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>
/// The options of Exim's routers, transports and authenticators, per driver, with their defaults and how
/// the ones a driver may set again add up: <c>exim-driver-options.txt</c>, generated from the real Exim by
/// <c>scripts/gen-exim-driver-options.sh</c>.
/// </summary>
internal sealed class EximDriverOptions
{
    private readonly Dictionary<(string Kind, string Driver), Dictionary<string, EximOptionInfo>> _byDriver = [];
    private readonly Dictionary<string, Dictionary<string, EximOptionInfo>> _generic = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Name), EximOptionJoin> _joins = [];

    private EximDriverOptions()
    {
    }

    /// <summary>
    /// Reads the generated table: <c>KIND DRIVER name = default</c> (or a boolean <c>name</c>/<c>no_name</c>)
    /// per option, and <c>KIND DRIVER name += SAMPLE</c> for an option that adds up (what -bP showed after
    /// FIRST, then SECOND).
    /// </summary>
    public static EximDriverOptions Read(IEnumerable<string> lines)
    {
        var table = new EximDriverOptions();
        var joins = new List<(string Kind, string Driver, string Name, EximOptionJoin Join)>();
        foreach (var line in lines)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 3);
            if (parts.Length < 3)
            {
                throw new FormatException($"exim-driver-options.txt: KIND DRIVER OPTION expected, not \"{line}\"");
            }

            var (kind, driver, rest) = (parts[0], parts[1], parts[2]);
            var join = rest.IndexOf(" += ", StringComparison.Ordinal);
            if (join > 0)
            {
                joins.Add((kind, driver, rest[..join], EximOptionJoin.FromSample(rest[(join + 4)..])));
                continue;
            }

            var info = EximOptionTable.ReadOption(rest);
            if (!table._byDriver.TryGetValue((kind, driver), out var options))
            {
                options = new Dictionary<string, EximOptionInfo>(StringComparer.Ordinal);
                table._byDriver[(kind, driver)] = options;
            }

            options[info.Name] = info;
        }

        foreach (var (kind, driver, name, join) in joins)
        {
            if (table._byDriver.TryGetValue((kind, driver), out var options) && options.TryGetValue(name, out var info))
            {
                options[name] = info with { Join = join };
            }

            table._joins[(kind, name)] = join;
        }

        // Options every driver of a kind has are its generic ones (route.c, transport.c, auths): what a
        // driver this build lacks (one of the heavy build's authenticators) still has.
        foreach (var group in table._byDriver.GroupBy(e => e.Key.Kind))
        {
            var drivers = group.Select(e => e.Value).ToArray();
            table._generic[group.Key] = drivers[0].Values
                .Where(o => drivers.All(d => d.TryGetValue(o.Name, out var other) && other.Type == o.Type))
                .ToDictionary(o => o.Name, o => o, StringComparer.Ordinal);
        }

        return table;
    }

    /// <summary>How settings of <paramref name="name"/> made again add up in a driver of <paramref name="section"/>; null when Exim stops on a second one.</summary>
    public EximOptionJoin? JoinOf(EximSection section, string name) =>
        KindOf(section) is { } kind && _joins.TryGetValue((kind, name), out var join) ? join : null;

    /// <summary>Exim adds each setting of <paramref name="name"/> in a driver of <paramref name="section"/> to the earlier ones.</summary>
    public bool AddsUp(EximSection section, string name) => JoinOf(section, name) is not null;

    /// <summary>
    /// The option a name written in a driver sets (<paramref name="driver"/>: its <c>driver =</c> value, null
    /// when not known), and the boolean value a <c>no_</c>/<c>not_</c> prefix gives; null when the table does
    /// not have it (a driver of another build, a name Exim does not know).
    /// </summary>
    public EximOptionInfo? Resolve(EximSection section, string? driver, string written, out bool negated)
    {
        negated = false;
        if (KindOf(section) is not { } kind)
        {
            return null;
        }

        var options = driver is not null && _byDriver.TryGetValue((kind, driver), out var own) ? own
            : _generic.TryGetValue(kind, out var generic) ? generic
            : null;
        return options is null ? null : EximOptionTable.Resolve(options, written, out negated);
    }

    /// <summary>The word <c>exim -bP</c> uses for a driver of <paramref name="section"/>: <c>router</c>, <c>transport</c>, <c>authenticator</c>.</summary>
    public static string? KindOf(EximSection section) => section switch
    {
        EximSection.Routers => "router",
        EximSection.Transports => "transport",
        EximSection.Authenticators => "authenticator",
        _ => null,
    };
}
