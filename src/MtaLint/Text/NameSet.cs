using System.Collections;

namespace MtaLint.Text;

/// <summary>
/// A fixed set of names (a dialect's built-in setting names) with its <see cref="NameTrie"/>, built
/// the first time a search needs it and then shared by every unit and thread that reads the set.
/// </summary>
public sealed class NameSet : IReadOnlyCollection<string>
{
    private readonly HashSet<string> _set;
    private readonly Lazy<NameTrie> _trie;

    public NameSet(IEnumerable<string> names)
    {
        _set = new HashSet<string>(names, StringComparer.Ordinal);
        _trie = new Lazy<NameTrie>(() => new NameTrie(_set), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public NameTrie Trie => _trie.Value;

    public int Count => _set.Count;

    public bool Contains(string name) => _set.Contains(name);

    public IEnumerator<string> GetEnumerator() => _set.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
