namespace MtaLint.Rules.Settings;

/// <summary>
/// "Did you mean": the known names closest to a misspelt one. The distance is the optimal string
/// alignment distance (Levenshtein plus swaps of neighbours), case-insensitive, within a typo's
/// reach of the name's length; the suggestions are all names at the smallest such distance.
/// </summary>
/// <remarks>
/// A config can hold as many names as it has lines (user-defined parameters are known names), and
/// each unknown one is searched for: comparing every unknown with every known name was quadratic
/// (20,000 lines: 20 s). The known names are kept in a trie of their lower-cased chars, searched
/// depth first with one row of the distance matrix per trie level, so names that share a prefix
/// share its rows; only the diagonal band of the rows within the limit is computed, and a branch
/// is left as soon as no name below it can come within the best distance found so far. The work
/// of one search is bounded by the names within reach of it, not by how many names there are. Not for use
/// from several threads at once (rows and answers are reused).
/// </remarks>
internal sealed class NameSuggestions
{
    private const int Root = 0;

    // The trie as parallel arrays, sized for the worst case (a node per char) up front: a node's
    // char, its parent, its first child, its next sibling, the names ending there, and the classes
    // of the chars below it (see CharClass).
    private readonly char[] _char;
    private readonly int[] _parent;
    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly List<string>?[] _names;
    private readonly ulong[] _below;
    private readonly Dictionary<string, IReadOnlyList<string>> _answers = new(StringComparer.Ordinal);
    private readonly int _longest;
    private int _nodes = 1;
    private int[] _rows = [];
    private char[] _path = [];
    private int[] _stack = [];

    public NameSuggestions(IEnumerable<string> known)
    {
        var names = known as IReadOnlyCollection<string> ?? known.ToArray();
        var capacity = 1 + names.Sum(n => n.Length);
        _char = new char[capacity];
        _parent = new int[capacity];
        _firstChild = new int[capacity];
        _nextSibling = new int[capacity];
        _names = new List<string>?[capacity];
        _parent[Root] = _firstChild[Root] = _nextSibling[Root] = -1;
        foreach (var name in names)
        {
            Add(name);
            _longest = Math.Max(_longest, name.Length);
        }

        // Children come after their parents in the arrays: one backward pass gathers each subtree's chars.
        _below = new ulong[_nodes];
        for (var node = _nodes - 1; node > Root; node--)
        {
            _below[_parent[node]] |= CharClass(_char[node]) | _below[node];
        }
    }

    /// <summary>Rows of the distance matrix computed so far, each a band of at most seven cells: the work done, for the linearity tests.</summary>
    public long RowsComputed { get; private set; }

    /// <summary>The furthest a known name may be from one of <paramref name="length"/> chars to be suggested.</summary>
    private static int Limit(int length) => length <= 4 ? 1 : length <= 12 ? 2 : 3;

    /// <summary>The closest known names within <see cref="Limit"/> of <paramref name="name"/>, best first (ties by name); never the name itself.</summary>
    public IReadOnlyList<string> For(string name)
    {
        if (!_answers.TryGetValue(name, out var answer))
        {
            _answers[name] = answer = Search(name);
        }

        return answer;
    }

    private void Add(string name)
    {
        var node = Root;
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var child = _firstChild[node];
            while (child >= 0 && _char[child] != lower)
            {
                child = _nextSibling[child];
            }

            if (child < 0)
            {
                child = _nodes++;
                _char[child] = lower;
                _parent[child] = node;
                _firstChild[child] = -1;
                _nextSibling[child] = _firstChild[node];
                _firstChild[node] = child;
            }

            node = child;
        }

        (_names[node] ??= []).Add(name);
    }

    private string[] Search(string name)
    {
        var limit = Limit(name.Length);
        if (name.Length - limit > _longest)
        {
            return []; // every known name is too short to be within reach
        }

        var query = string.Create(name.Length, name, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.ToLowerInvariant(source[i]);
            }
        });
        // Row d of the matrix is d chars into the trie; it holds the distances from those d chars to
        // query[..i] for i in d-limit..d+limit, cell k = i - d + limit. Outside the band a distance is
        // more than the limit, and so is "infinite": limit + 1.
        var width = 2 * limit + 1;
        var infinite = limit + 1;
        var maxDepth = Math.Min(_longest, query.Length + limit);
        Grow(maxDepth, width);
        for (var k = 0; k < width; k++)
        {
            var i = k - limit;
            _rows[k] = i >= 0 && i <= query.Length ? i : infinite;
        }

        var best = limit;
        var found = new List<string>();
        if (query.Length <= limit)
        {
            Consider(_names[Root], query.Length, name, ref best, found); // the empty name, should one be known
        }

        // Depth-first over (node, depth) pairs; rows of shallower depths stay those of the current path.
        var top = 0;
        for (var child = _firstChild[Root]; child >= 0; child = _nextSibling[child])
        {
            Push(ref top, child, 1);
        }

        while (top > 0)
        {
            top -= 2;
            var node = _stack[top];
            var depth = _stack[top + 1];
            _path[depth] = _char[node];
            var rowMin = ComputeRow(query, depth, limit, width, infinite);
            RowsComputed++;

            var cell = query.Length - depth + limit; // column query.Length: the whole name
            var distance = cell >= 0 && cell < width ? _rows[(depth * width) + cell] : infinite;
            Consider(_names[node], distance, name, ref best, found);

            // No row below has a smaller cell than this one (a swap's cell, two rows up plus one, is
            // never below its neighbour's in this row): once past the best, so is all under this node.
            if (depth < maxDepth && rowMin <= best && rowMin + Unmatchable(query, depth + limit + 1, _below[node], best - rowMin) <= best)
            {
                for (var child = _firstChild[node]; child >= 0; child = _nextSibling[child])
                {
                    Push(ref top, child, depth + 1);
                }
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var answer = found.ToArray();
        Array.Sort(answer, StringComparer.Ordinal);
        return answer;
    }

    /// <summary>
    /// How many chars of <paramref name="query"/> from column <paramref name="from"/> on are of a class
    /// that no name under the node has (counted only up to <paramref name="enough"/> + 1). Every
    /// alignment that passes this level (a swap across it included) has those chars still to match,
    /// and each costs an edit, deleted or replaced: a swap moves only chars both sides have. Added
    /// to the row's smallest cell, it bounds every name below, so a name with digits is found far
    /// from a subtree of names without any, which the band alone does not see.
    /// </summary>
    private static int Unmatchable(string query, int from, ulong below, int enough)
    {
        var count = 0;
        for (var i = from; i < query.Length && count <= enough; i++)
        {
            if ((below & CharClass(query[i])) == 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A char's bit: one per lower-case letter, digit, and <c>_ - .</c>; all other chars share one bit, which only makes the bound weaker.</summary>
    private static ulong CharClass(char c) => 1UL << c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '9' => 26 + (c - '0'),
        '_' => 36,
        '-' => 37,
        '.' => 38,
        _ => 63,
    };

    private static void Consider(List<string>? names, int distance, string name, ref int best, List<string> found)
    {
        if (names is null || distance > best)
        {
            return;
        }

        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                found.Clear();
            }

            found.Add(candidate);
        }
    }

    /// <summary>Fills row <paramref name="depth"/> from the two above it; returns its smallest cell.</summary>
    private int ComputeRow(string query, int depth, int limit, int width, int infinite)
    {
        var row = depth * width;
        var above = row - width;
        var twoAbove = above - width;
        var c = _path[depth];
        var min = infinite;
        for (var k = 0; k < width; k++)
        {
            var i = depth + k - limit;
            int value;
            if (i < 0 || i > query.Length)
            {
                value = infinite;
            }
            else if (i == 0)
            {
                value = Math.Min(depth, infinite);
            }
            else
            {
                // Same column in the row above is cell k + 1 there; the diagonal is cell k.
                var deletion = k + 1 < width ? _rows[above + k + 1] + 1 : infinite;
                var insertion = k > 0 ? _rows[row + k - 1] + 1 : infinite;
                var substitution = _rows[above + k] + (query[i - 1] == c ? 0 : 1);
                value = Math.Min(Math.Min(deletion, insertion), substitution);
                if (depth > 1 && i > 1 && query[i - 2] == c && query[i - 1] == _path[depth - 1])
                {
                    // The swap comes from (depth - 2, i - 2): cell k there as well.
                    value = Math.Min(value, _rows[twoAbove + k] + 1);
                }

                value = Math.Min(value, infinite);
            }

            _rows[row + k] = value;
            min = Math.Min(min, value);
        }

        return min;
    }

    private void Push(ref int top, int node, int depth)
    {
        if (top + 2 > _stack.Length)
        {
            Array.Resize(ref _stack, Math.Max(64, _stack.Length * 2));
        }

        _stack[top++] = node;
        _stack[top++] = depth;
    }

    private void Grow(int maxDepth, int width)
    {
        if (_rows.Length < (maxDepth + 1) * width)
        {
            _rows = new int[(maxDepth + 1) * width];
        }

        if (_path.Length < maxDepth + 1)
        {
            _path = new char[maxDepth + 1];
        }
    }
}
