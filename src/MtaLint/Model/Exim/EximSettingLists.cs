using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>
/// The config's settings as the model lists them: every assignment written, and the values of the
/// main options and of each driver's as <c>exim -bP</c> prints them.
/// </summary>
internal static class EximSettingLists
{
    /// <summary>Every option written, in reading order, with its scope (<c>exim main</c>, <c>exim routers NAME</c>...).</summary>
    public static IReadOnlyList<SettingAssignment> Assignments(IReadOnlyList<EximStatement> statements, EximOptionTable table)
    {
        var result = new List<SettingAssignment>();
        foreach (var option in statements.OfType<EximOption>())
        {
            string scope;
            string name;
            bool known;
            if (option.Section == EximSection.Main)
            {
                var info = table.Resolve(option.Name, out _);
                scope = "exim main";
                name = info?.Name ?? option.Name;
                known = info is not null;
            }
            else
            {
                scope = DriverScope(option.Section, option.Owner);
                name = option.Name;
                known = true;
            }

            result.Add(new SettingAssignment(name, scope, option.NameSpan, option.Line.Whole, known, option.Value?.Text ?? string.Empty,
                Accumulates: table.Drivers.AddsUp(option.Section, option.Name)));
        }

        return result;
    }

    /// <summary>Each main option set (<paramref name="main"/>: the last setting of each, by its table name) that Exim knows, as <c>exim -bP</c> prints it.</summary>
    public static IReadOnlyDictionary<string, string> Main(IReadOnlyDictionary<string, EximOption> main, EximOptionTable table)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in main)
        {
            var info = table.Resolve(option.Name, out var negated);
            if (info is null)
            {
                continue;
            }

            var raw = EximOptionValues.Raw(option, info, negated);
            result[name] = info.Type == EximOptionType.Bool ? raw : EximOptionTable.Normalize(info.Type, raw) ?? raw;
        }

        return result;
    }

    /// <summary>
    /// Each router's, transport's and authenticator's options as <c>exim -bP router NAME</c> prints them:
    /// the value written, read as the option's type reads it; for an option that adds up, every setting
    /// joined the way Exim joins them (readconf.c) in the order Exim reads them.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Drivers(IReadOnlyList<EximStatement> statements, EximOptionTable table)
    {
        var result = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var section in (EximSection[])[EximSection.Routers, EximSection.Transports, EximSection.Authenticators])
        {
            foreach (var driver in EximDriver.In(statements, section))
            {
                var type = driver.Options.TryGetValue("driver", out var d) ? d.Value?.Text.Trim() : null;
                var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
                var added = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var option in driver.All)
                {
                    var info = table.Drivers.Resolve(section, type, option.Name, out var negated);
                    if (info is null)
                    {
                        continue;
                    }

                    if (info.Join is { } join)
                    {
                        added[info.Name] = join.Add(added.GetValueOrDefault(info.Name), EximOptionTable.Read(option.Value?.Text ?? string.Empty));
                        settings[info.Name] = EximOptionTable.Printable(added[info.Name] ?? string.Empty);
                        continue;
                    }

                    var raw = EximOptionValues.Raw(option, info, negated);
                    settings[info.Name] = info.Type == EximOptionType.Bool ? raw
                        : info.Type == EximOptionType.String ? EximOptionTable.Printable(EximOptionTable.Read(raw))
                        : EximOptionTable.Normalize(info.Type, raw) ?? raw;
                }

                result[DriverScope(section, driver.Name)] = settings;
            }
        }

        return result;
    }

    private static string DriverScope(EximSection section, string? owner) => $"exim {section.ToString().ToLowerInvariant()} {owner}";
}
