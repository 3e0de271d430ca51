using System.Collections;
using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// The setting names an MTA knows in one config: the names it knows by itself (<see cref="BuiltIn"/>,
/// the same for every config of the dialect, so searched through one shared trie) and the names this
/// config adds (<see cref="Own"/>: Postfix's user-defined and service-defined parameters), no name in both.
/// </summary>
public sealed class SettingNames(NameSet? builtIn, IReadOnlyCollection<string> own) : IReadOnlyCollection<string>
{
    public static SettingNames None { get; } = new(null, []);

    public NameSet? BuiltIn { get; } = builtIn;

    public IReadOnlyCollection<string> Own { get; } = own;

    public int Count => (BuiltIn?.Count ?? 0) + Own.Count;

    /// <summary>The names of <paramref name="names"/> that <paramref name="builtIn"/> does not hold, each once: an <see cref="Own"/> part.</summary>
    public static HashSet<string> BeyondBuiltIn(NameSet? builtIn, IEnumerable<string> names)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (builtIn?.Contains(name) != true)
            {
                own.Add(name);
            }
        }

        return own;
    }

    /// <summary>These names and <paramref name="more"/>, each once.</summary>
    public SettingNames With(IEnumerable<string> more) => new(BuiltIn, BeyondBuiltIn(BuiltIn, Own.Concat(more)));

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var name in (IEnumerable<string>?)BuiltIn ?? [])
        {
            yield return name;
        }

        foreach (var name in Own)
        {
            yield return name;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
