using MtaLint.Rules;

namespace MtaLint.Engine;

/// <summary>Deterministic order: by file, then position (file-level findings first), then rule id.</summary>
internal sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static DiagnosticOrder Instance { get; } = new();

    /// <summary>
    /// Sorts <paramref name="diagnostics"/> in this order, ties (equal in every key) kept in the order
    /// they came. By keys gathered once, so that a comparison reads two small values instead of
    /// following each finding to its file and location for every key.
    /// </summary>
    public static void Sort(List<Diagnostic> diagnostics)
    {
        if (diagnostics.Count < 2)
        {
            return;
        }

        var keys = new Key[diagnostics.Count];
        var items = diagnostics.ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = Key.Of(items[i], i);
        }

        Array.Sort(keys, items, KeyOrder.Instance);
        diagnostics.Clear();
        diagnostics.AddRange(items);
    }

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        return KeyOrder.Instance.Compare(Key.Of(x, 0), Key.Of(y, 0));
    }

    /// <summary>What the order reads of a finding, and where it stood (for ties).</summary>
    private readonly record struct Key(string Path, int Start, string RuleId, string Message, int Index)
    {
        public static Key Of(Diagnostic d, int index) => new(d.Path, d.Finding.Location?.Span.Start ?? -1, d.RuleId, d.Message, index);
    }

    private sealed class KeyOrder : IComparer<Key>
    {
        public static KeyOrder Instance { get; } = new();

        public int Compare(Key x, Key y)
        {
            var c = ReferenceEquals(x.Path, y.Path) ? 0 : string.CompareOrdinal(x.Path, y.Path);
            if (c == 0)
            {
                c = x.Start.CompareTo(y.Start);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.RuleId, y.RuleId);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.Message, y.Message);
            }

            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }
}
