using System.Collections;

namespace MtaLint.Model;

/// <summary>Two collections with no item in common, read as one (the first, then the second), without copying either.</summary>
public sealed class JoinedCollection<T>(IReadOnlyCollection<T> first, IReadOnlyCollection<T> second) : IReadOnlyCollection<T>
{
    public int Count => first.Count + second.Count;

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var item in first)
        {
            yield return item;
        }

        foreach (var item in second)
        {
            yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
