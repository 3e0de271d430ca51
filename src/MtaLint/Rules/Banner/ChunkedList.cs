using System.Collections;

namespace MtaLint.Rules.Banners;

/// <summary>
/// A list that grows by adding chunks (16 items, doubling up to <see cref="MaxChunk"/>) instead
/// of copying one array into one twice its size: the pieces a rule finds in a long banner (one
/// every few words) cost what they hold, not up to three times that while the list grows.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int MaxChunk = 8192;
    private readonly List<T[]> _chunks = [];
    private readonly List<int> _starts = []; // the index of each chunk's first item

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            var (chunk, offset) = Find(index);
            return _chunks[chunk][offset];
        }

        set
        {
            var (chunk, offset) = Find(index);
            _chunks[chunk][offset] = value;
        }
    }

    public void Add(T item)
    {
        var last = _chunks.Count - 1;
        if (last < 0 || Count - _starts[last] == _chunks[last].Length)
        {
            _chunks.Add(new T[last < 0 ? 16 : Math.Min(MaxChunk, 2 * _chunks[last].Length)]);
            _starts.Add(Count);
            last++;
        }

        _chunks[last][Count - _starts[last]] = item;
        Count++;
    }

    public void Clear()
    {
        _chunks.Clear();
        _starts.Clear();
        Count = 0;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            var items = _chunks[chunk];
            var count = Math.Min(items.Length, Count - _starts[chunk]);
            for (var i = 0; i < count; i++)
            {
                yield return items[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private (int Chunk, int Offset) Find(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var chunk = _starts.BinarySearch(index);
        chunk = chunk >= 0 ? chunk : ~chunk - 1;
        return (chunk, index - _starts[chunk]);
    }
}
