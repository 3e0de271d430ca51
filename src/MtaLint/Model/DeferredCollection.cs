using System.Collections;

namespace MtaLint.Model;

/// <summary>
/// A collection built on first use: a model value that only some rules read (the known setting
/// names, needed only when a name is unknown) costs nothing for the configs that never ask.
/// </summary>
internal sealed class DeferredCollection<T>(Func<IReadOnlyCollection<T>> build) : IReadOnlyCollection<T>
{
    private readonly Lazy<IReadOnlyCollection<T>> _items = new(build);

    public int Count => _items.Value.Count;

    public IEnumerator<T> GetEnumerator() => _items.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
