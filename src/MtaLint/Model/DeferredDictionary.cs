using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MtaLint.Model;

/// <summary>
/// A table built on first use: a model value that only some readers ask for (the settings as the
/// MTA prints them, for the model output) costs nothing for the runs that never ask — for a value
/// of megabytes, a copy of it.
/// </summary>
internal sealed class DeferredDictionary<TKey, TValue>(Func<IReadOnlyDictionary<TKey, TValue>> build) : IReadOnlyDictionary<TKey, TValue>
{
    private readonly Lazy<IReadOnlyDictionary<TKey, TValue>> _items = new(build);

    public int Count => _items.Value.Count;

    public IEnumerable<TKey> Keys => _items.Value.Keys;

    public IEnumerable<TValue> Values => _items.Value.Values;

    public TValue this[TKey key] => _items.Value[key];

    public bool ContainsKey(TKey key) => _items.Value.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.Value.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
