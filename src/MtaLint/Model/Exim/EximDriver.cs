using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>A router, transport or authenticator: its <c>name:</c> and the options set under it.</summary>
/// <param name="Options">The last setting of each option.</param>
/// <param name="All">Every setting, in the order Exim reads them (an option that adds up may be set more than once).</param>
/// <param name="Last">The driver's last line: where a new option of it goes.</param>
internal sealed record EximDriver(string Name, IReadOnlyDictionary<string, EximOption> Options, IReadOnlyList<EximOption> All, EximLogicalLine Last)
{
    /// <summary>The drivers of <paramref name="section"/>, in the order written.</summary>
    public static IEnumerable<EximDriver> In(IReadOnlyList<EximStatement> statements, EximSection section)
    {
        EximDriver? current = null;
        Dictionary<string, EximOption>? options = null;
        List<EximOption>? all = null;
        foreach (var statement in statements.Where(s => s.Section == section))
        {
            if (statement is EximBlockHeader header)
            {
                if (current is not null)
                {
                    yield return current;
                }

                options = new Dictionary<string, EximOption>(StringComparer.Ordinal);
                all = [];
                current = new EximDriver(header.Name, options, all, header.Line);
            }
            else if (statement is EximOption option && current is not null && options is not null && all is not null && option.Owner == current.Name)
            {
                options[option.Name] = option;
                all.Add(option);
                current = current with { Last = option.Line };
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    /// <summary>The option <paramref name="name"/> as written; unset, empty, with an editor that adds it after the driver's last line.</summary>
    public ConfigValue Setting(string name)
    {
        if (Options.TryGetValue(name, out var option))
        {
            return EximOptionValues.DriverSetting(option);
        }

        var insertion = new EximInsertionPoint(Last.File, Last.End, Last.End == Last.File.Text.Length && Last.End > 0 && Last.File.Text[^1] != '\n');
        return new ConfigValue(name, string.Empty, null, null, new EximSettingEditor(null, null, insertion, "  "));
    }
}
