namespace MtaLint.Text;

/// <summary>
/// Names in a trie of their lower-cased chars, searched for the names within an optimal string
/// alignment distance (Levenshtein plus swaps of neighbours) of a query, case-insensitive. Searched
/// depth first with one row of the distance matrix per trie level, so names that share a prefix share
/// its rows; only the diagonal band of the rows within the limit is computed, and a branch is left as
/// soon as no name below it can come within the best distance found so far. The work of one search
/// depends on the query and the limit, not on how many names there are.
/// </summary>
/// <remarks>
/// Immutable once built, so one trie can serve every unit and thread (a dialect's built-in names);
/// each search brings its own <see cref="NameSearch"/> for its rows.
/// </remarks>
public sealed class NameTrie
{
    private const int Root = 0;

    // The trie as parallel arrays: a node's char, its first child, its next sibling, the names ending
    // there, and the classes of the chars below it (see CharClass).
    private readonly char[] _char;
    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly string[]?[] _names;
    private readonly ulong[] _below;
    private readonly int _longest;

    public NameTrie(IEnumerable<string> names)
    {
        var chars = new List<char> { '\0' };
        var parent = new List<int> { -1 };
        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var ending = new List<List<string>?> { null };
        foreach (var name in names)
        {
            var node = Root;
            foreach (var c in name)
            {
                var lower = char.ToLowerInvariant(c);
                var child = firstChild[node];
                while (child >= 0 && chars[child] != lower)
                {
                    child = nextSibling[child];
                }

                if (child < 0)
                {
                    child = chars.Count;
                    chars.Add(lower);
                    parent.Add(node);
                    firstChild.Add(-1);
                    nextSibling.Add(firstChild[node]);
                    ending.Add(null);
                    firstChild[node] = child;
                }

                node = child;
            }

            (ending[node] ??= []).Add(name);
            _longest = Math.Max(_longest, name.Length);
        }

        _char = chars.ToArray();
        _firstChild = firstChild.ToArray();
        _nextSibling = nextSibling.ToArray();
        _names = ending.Select(n => n?.ToArray()).ToArray();

        // Children come after their parents in the arrays: one backward pass gathers each subtree's chars.
        _below = new ulong[_char.Length];
        for (var node = _char.Length - 1; node > Root; node--)
        {
            _below[parent[node]] |= CharClass(_char[node]) | _below[node];
        }
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the names within <paramref name="best"/> of <paramref name="name"/>
    /// (never the name itself), lowering <paramref name="best"/> and clearing <paramref name="found"/>
    /// whenever a closer name turns up; <paramref name="limit"/> is the band's half width (the furthest
    /// a name may be). <paramref name="query"/> is <paramref name="name"/> lower-cased.
    /// </summary>
    public void Search(string name, string query, int limit, ref int best, List<string> found, NameSearch search)
    {
        if (query.Length - limit > _longest)
        {
            return; // every name is too short to be within reach
        }

        // Row d of the matrix is d chars into the trie; it holds the distances from those d chars to
        // query[..i] for i in d-limit..d+limit, cell k = i - d + limit. Outside the band a distance is
        // more than the limit, and so is "infinite": limit + 1.
        var width = 2 * limit + 1;
        var infinite = limit + 1;
        var maxDepth = Math.Min(_longest, query.Length + limit);
        search.Grow(maxDepth, width);
        var rows = search.Rows;
        for (var k = 0; k < width; k++)
        {
            var i = k - limit;
            rows[k] = i >= 0 && i <= query.Length ? i : infinite;
        }

        if (query.Length <= limit)
        {
            Consider(_names[Root], query.Length, name, ref best, found); // the empty name, should it be one
        }

        // Depth-first over (node, depth) pairs; rows of shallower depths stay those of the current path.
        var top = 0;
        for (var child = _firstChild[Root]; child >= 0; child = _nextSibling[child])
        {
            search.Push(ref top, child, 1);
        }

        while (top > 0)
        {
            top -= 2;
            var node = search.Stack[top];
            var depth = search.Stack[top + 1];
            search.Path[depth] = _char[node];
            var rowMin = ComputeRow(query, depth, limit, width, infinite, search);
            search.RowsComputed++;

            var cell = query.Length - depth + limit; // column query.Length: the whole name
            var distance = cell >= 0 && cell < width ? rows[(depth * width) + cell] : infinite;
            Consider(_names[node], distance, name, ref best, found);

            // No row below has a smaller cell than this one (a swap's cell, two rows up plus one, is
            // never below its neighbour's in this row): once past the best, so is all under this node.
            if (depth < maxDepth && rowMin <= best && rowMin + Unmatchable(query, depth + limit + 1, _below[node], best - rowMin) <= best)
            {
                for (var child = _firstChild[node]; child >= 0; child = _nextSibling[child])
                {
                    search.Push(ref top, child, depth + 1);
                }
            }
        }
    }

    /// <summary>
    /// How many chars of <paramref name="query"/> from <paramref name="from"/> on are of a class that no
    /// char under the node has (counted up to <paramref name="enough"/> + 1). Each costs an edit however
    /// the rest is aligned: a path through this level is at most at that column (a swap across it
    /// too), and a swap matches chars that occur on both sides. A name with digits is not near
    /// a subtree of names without them, which prunes what the band alone cannot.
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

    private static void Consider(string[]? names, int distance, string name, ref int best, List<string> found)
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
    private static int ComputeRow(string query, int depth, int limit, int width, int infinite, NameSearch search)
    {
        var rows = search.Rows;
        var path = search.Path;
        var row = depth * width;
        var above = row - width;
        var twoAbove = above - width;
        var c = path[depth];
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
                var deletion = k + 1 < width ? rows[above + k + 1] + 1 : infinite;
                var insertion = k > 0 ? rows[row + k - 1] + 1 : infinite;
                var substitution = rows[above + k] + (query[i - 1] == c ? 0 : 1);
                value = Math.Min(Math.Min(deletion, insertion), substitution);
                if (depth > 1 && i > 1 && query[i - 2] == c && query[i - 1] == path[depth - 1])
                {
                    // The swap comes from (depth - 2, i - 2): cell k there as well.
                    value = Math.Min(value, rows[twoAbove + k] + 1);
                }

                value = Math.Min(value, infinite);
            }

            rows[row + k] = value;
            min = Math.Min(min, value);
        }

        return min;
    }
}

/// <summary>The working rows of <see cref="NameTrie"/> searches, reused from one search to the next by one thread.</summary>
public sealed class NameSearch
{
    internal int[] Rows { get; private set; } = [];

    internal char[] Path { get; private set; } = [];

    internal int[] Stack { get; private set; } = [];

    /// <summary>Rows of the distance matrix computed so far, each a band of at most seven cells: the work done, for the linearity tests.</summary>
    public long RowsComputed { get; internal set; }

    internal void Push(ref int top, int node, int depth)
    {
        if (top + 2 > Stack.Length)
        {
            var grown = new int[Math.Max(64, Stack.Length * 2)];
            Stack.CopyTo(grown, 0);
            Stack = grown;
        }

        Stack[top++] = node;
        Stack[top++] = depth;
    }

    internal void Grow(int maxDepth, int width)
    {
        if (Rows.Length < (maxDepth + 1) * width)
        {
            Rows = new int[(maxDepth + 1) * width];
        }

        if (Path.Length < maxDepth + 1)
        {
            Path = new char[maxDepth + 1];
        }
    }
}
