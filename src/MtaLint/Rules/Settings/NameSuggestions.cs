using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules.Settings;

/// <summary>
/// "Did you mean": the known names closest to a misspelt one. The distance is the optimal string
/// alignment distance (Levenshtein plus swaps of neighbours), case-insensitive, within a typo's
/// reach of the name's length; the suggestions are all names at the smallest such distance.
/// </summary>
/// <remarks>
/// A config can hold as many names as it has lines (user-defined parameters are known names), and
/// each unknown one is searched for: comparing every unknown with every known name would be
/// quadratic in the config's size. Names are searched in a <see cref="NameTrie"/>, whose work depends
/// on the name and the limit, not on how many names there are. The dialect's built-in names are the
/// same for every unit, so their trie is built once per process and shared. The config's own names
/// are few in most configs: the first
/// <see cref="DefaultScansBeforeIndex"/> searches compare with each of them (a distance that stops
/// once past the limit), and their trie is built only when more are asked for. Not for use from
/// several threads at once (rows and answers are reused).
/// </remarks>
public sealed class NameSuggestions
{
    private readonly NameSet? _builtIn;
    private readonly IReadOnlyCollection<string> _own;
    private readonly int _scansBeforeIndex;
    private readonly Dictionary<string, IReadOnlyList<string>> _answers = new(StringComparer.Ordinal);
    private readonly NameSearch _search = new();
    private NameTrie? _ownTrie;
    private int _scans;
    private int[] _rows = [];

    /// <summary>Names answered by a scan of the config's own names before their trie is built.</summary>
    public const int DefaultScansBeforeIndex = 4;

    /// <param name="scansBeforeIndex">How many names to answer by scanning before building the trie (tests pin both ways).</param>
    public NameSuggestions(SettingNames known, int scansBeforeIndex = DefaultScansBeforeIndex)
    {
        _builtIn = known.BuiltIn;
        _own = known.Own;
        _scansBeforeIndex = scansBeforeIndex;
    }

    /// <summary>Suggestions among <paramref name="known"/> alone (no shared built-in names).</summary>
    public NameSuggestions(IEnumerable<string> known, int scansBeforeIndex = DefaultScansBeforeIndex)
        : this(new SettingNames(null, known as IReadOnlyCollection<string> ?? known.ToArray()), scansBeforeIndex)
    {
    }

    /// <summary>True once the trie of the config's own names is built (the scans are used up).</summary>
    public bool Indexed => _ownTrie is not null;

    /// <summary>Rows of the distance matrix computed by trie searches so far, each a band of at most seven cells: the work done, for the linearity tests.</summary>
    public long RowsComputed => _search.RowsComputed;

    /// <summary>The furthest a known name may be from one of <paramref name="length"/> chars to be suggested.</summary>
    private static int Limit(int length) => length <= 4 ? 1 : length <= 12 ? 2 : 3;

    /// <summary>The closest known names within <see cref="Limit"/> of <paramref name="name"/>, best first (ties by name); never the name itself.</summary>
    public IReadOnlyList<string> For(string name)
    {
        if (_answers.TryGetValue(name, out var answer))
        {
            return answer;
        }

        var limit = Limit(name.Length);
        var best = limit;
        var found = new List<string>();
        var query = string.Create(name.Length, name, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.ToLowerInvariant(source[i]);
            }
        });
        _builtIn?.Trie.Search(name, query, limit, ref best, found, _search);
        if (_own.Count > 0)
        {
            if (_ownTrie is null && _scans < _scansBeforeIndex)
            {
                _scans++;
                Scan(name, ref best, found);
            }
            else
            {
                _ownTrie ??= new NameTrie(_own);
                _ownTrie.Search(name, query, limit, ref best, found, _search);
            }
        }

        var sorted = found.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        _answers[name] = sorted;
        return sorted;
    }

    /// <summary>What a trie search of the own names finds, by comparing <paramref name="name"/> with each of them.</summary>
    private void Scan(string name, ref int best, List<string> found)
    {
        foreach (var candidate in _own)
        {
            if (Math.Abs(candidate.Length - name.Length) > best || string.Equals(candidate, name, StringComparison.Ordinal))
            {
                continue;
            }

            var distance = BoundedDistance(name, candidate, best);
            if (distance < best)
            {
                best = distance;
                found.Clear();
            }

            if (distance == best)
            {
                found.Add(candidate);
            }
        }
    }

    /// <summary>
    /// The optimal string alignment distance of <paramref name="a"/> and <paramref name="b"/>
    /// (case-insensitive) when it is at most <paramref name="bound"/>, else <paramref name="bound"/> + 1.
    /// Only the diagonal band of cells within the bound is computed (a cell further off the diagonal
    /// is more than the bound away), and rows stop as soon as every cell is past it.
    /// </summary>
    private int BoundedDistance(string a, string b, int bound)
    {
        var infinite = bound + 1;
        var width = b.Length + 1;
        if (_rows.Length < width * 3)
        {
            _rows = new int[width * 3];
        }

        var twoBack = _rows.AsSpan(0, width);
        var previous = _rows.AsSpan(width, width);
        var current = _rows.AsSpan(width * 2, width);
        twoBack.Fill(infinite);
        current.Fill(infinite);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j <= bound ? j : infinite;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var lo = Math.Max(1, i - bound);
            var hi = Math.Min(b.Length, i + bound);
            current[lo - 1] = lo == 1 ? Math.Min(i, infinite) : infinite;
            var rowMin = current[lo - 1];
            var ai = char.ToLowerInvariant(a[i - 1]);
            for (var j = lo; j <= hi; j++)
            {
                var bj = char.ToLowerInvariant(b[j - 1]);
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (ai == bj ? 0 : 1));
                if (i > 1 && j > 1 && ai == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == bj)
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = Math.Min(value, infinite);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (hi < b.Length)
            {
                current[hi + 1] = infinite; // the next row reads it as the cell above
            }

            if (rowMin > bound)
            {
                return infinite; // no later row can come back under the bound
            }

            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], infinite);
    }
}
