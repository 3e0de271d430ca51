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
