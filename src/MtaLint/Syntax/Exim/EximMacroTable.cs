using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// Exim's macro list in its order (built-ins first, then <c>-D</c> macros, then the config's in
/// definition order) with a trie of the names. Exim tries every macro on every line; with the
/// trie a line is searched only for the macros whose names occur in it, so a config of many
/// macros and many lines is read in time linear in its size instead of lines × macros.
/// The 700-odd built-ins have a trie of their own, searched only when a line holds a name starting
/// with <c>_</c> (all theirs do); it is the same for every config, so the dialect indexes it once
/// per process (<see cref="EximMacroNames.Of"/>) and a table given none builds it on first need.
/// </summary>
/// <remarks>
/// The built-ins are kept as the name/value pairs they were given and made into macros only when a
/// line uses one: nearly no line does, so making all 700 for every config read would be allocation
/// thrown away.
/// </remarks>
internal sealed class EximMacroTable : IReadOnlyList<EximMacro>
{
    // The -D and config macros; list index = BuiltInCount + index here.
    private readonly List<EximMacro> _macros = [];
    private readonly Dictionary<string, int> _userIndex = new(StringComparer.Ordinal);
    private readonly EximMacroNames _names = new();
    private readonly Dictionary<int, EximMacro> _builtInMacros = [];
    private IReadOnlyList<KeyValuePair<string, string>> _builtIns = [];
    private SourceFile? _builtInOrigin;
    private EximMacroNames? _builtInNames;
    // Scratch of Occurring, kept from call to call.
    private readonly List<int> _matches = [];

    /// <summary>Every macro in Exim's list order.</summary>
    public IReadOnlyList<EximMacro> All => this;

    private int BuiltInCount => _builtIns.Count;

    public int Count => BuiltInCount + _macros.Count;

    /// <summary>The longest name in the table: a name overlapping an edit starts at most this far before it.</summary>
    public int MaxNameLength { get; private set; }

    /// <summary>The macro at <paramref name="index"/> in Exim's list order; a built-in is made on first use, then kept.</summary>
    public EximMacro this[int index]
    {
        get
        {
            if (index >= BuiltInCount)
            {
                return _macros[index - BuiltInCount];
            }

            ArgumentOutOfRangeException.ThrowIfNegative(index);
            if (!_builtInMacros.TryGetValue(index, out var macro))
            {
                var (name, value) = _builtIns[index];
                macro = new EximMacro(name, MappedText.AllFrom(value, new CharOrigin(_builtInOrigin!, 0, null)), EximMacroOrigin.BuiltIn);
                _builtInMacros.Add(index, macro);
            }

            return macro;
        }
    }

    /// <summary>Exim's built-in macros, which come first in its list; each char of a value is said to come from offset 0 of <paramref name="origin"/>.</summary>
    public void AddBuiltIns(IReadOnlyList<KeyValuePair<string, string>> builtIns, SourceFile origin)
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("built-in macros come first in Exim's list");
        }

        _builtIns = builtIns;
        _builtInOrigin = origin;
        for (var i = 0; i < builtIns.Count; i++)
        {
            MaxNameLength = Math.Max(MaxNameLength, builtIns[i].Key.Length);
        }
    }

    /// <summary>Adds a <c>-D</c> or config macro at the end of the list.</summary>
    public void Add(EximMacro macro)
    {
        if (macro.Origin == EximMacroOrigin.BuiltIn)
        {
            throw new InvalidOperationException("built-in macros are added by AddBuiltIns");
        }

        _userIndex.TryAdd(macro.Name, Count);
        _names.Add(macro.Name, Count);
        _macros.Add(macro);
        MaxNameLength = Math.Max(MaxNameLength, macro.Name.Length);
    }

    public IEnumerator<EximMacro> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The <c>-D</c> or config macro of that name, with its place in the list; built-ins are not looked up by name.</summary>
    public (EximMacro Macro, int Index)? FindUser(string name) =>
        _userIndex.TryGetValue(name, out var index) ? (this[index], index) : null;

    /// <summary>
    /// The first macro in list order, before <paramref name="before"/>, that is not built in and
    /// whose name is a shorter substring of <paramref name="name"/> (Exim refuses such a definition).
    /// </summary>
    public EximMacro? FirstShorterSubstring(string name, int before)
    {
        var first = before;
        var matches = _matches;
        for (var start = 0; start < name.Length; start++)
        {
            matches.Clear();
            _names.Match(name, start, matches);
            foreach (var index in matches)
            {
                if (index >= BuiltInCount && index < first && this[index].Name.Length < name.Length)
                {
                    first = index;
                }
            }
        }

        return first < before ? this[first] : null;
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the list index of every macro whose name occurs in
    /// <paramref name="text"/> starting in [<paramref name="from"/>, <paramref name="to"/>),
    /// built-ins only when <paramref name="withBuiltIns"/>, and only indices above <paramref name="after"/>.
    /// </summary>
    public void Occurring(string text, int from, int to, bool withBuiltIns, int after, ISet<int> found)
    {
        var lowest = Math.Max(after + 1, withBuiltIns ? 0 : BuiltInCount);
        var builtIns = withBuiltIns && BuiltInCount > after + 1 ? BuiltInNames() : null;
        var matches = _matches;
        for (var start = Math.Max(0, from); start < to && start < text.Length; start++)
        {
            matches.Clear();
            _names.Match(text, start, matches);
            builtIns?.Match(text, start, matches);
            foreach (var index in matches)
            {
                if (index >= lowest)
                {
                    found.Add(index);
                }
            }
        }
    }

    /// <param name="builtInNames">The built-ins' names indexed beforehand (shared by every config), or null to index them here when needed.</param>
    public EximMacroTable(EximMacroNames? builtInNames = null) => _builtInNames = builtInNames;

    private EximMacroNames BuiltInNames()
    {
        if (_builtInNames is { } shared && shared.Count != BuiltInCount)
        {
            throw new InvalidOperationException($"the shared index holds {shared.Count} built-in macros, the table {BuiltInCount}");
        }

        if (_builtInNames is null)
        {
            _builtInNames = new EximMacroNames();
            for (var i = 0; i < BuiltInCount; i++)
            {
                _builtInNames.Add(_builtIns[i].Key, i);
            }
        }

        return _builtInNames;
    }
}

/// <summary>
/// Macro names by their chars, each node's edges in one dictionary (keyed by node and char in one
/// number); a node ends the names whose list indices it holds. Only read once built, so the
/// built-ins' names are indexed once per process and shared by every config.
/// </summary>
internal sealed class EximMacroNames
{
    private readonly Dictionary<long, int> _edges = [];
    private readonly List<List<int>?> _ends = [null];
    private readonly bool[] _firstAscii = new bool[128];

    /// <summary>How many names were added.</summary>
    public int Count { get; private set; }

    /// <summary>The names of <paramref name="macros"/>, indexed by their place in the list.</summary>
    public static EximMacroNames Of(IReadOnlyList<KeyValuePair<string, string>> macros)
    {
        var names = new EximMacroNames();
        for (var i = 0; i < macros.Count; i++)
        {
            names.Add(macros[i].Key, i);
        }

        return names;
    }

    internal void Add(string name, int index)
    {
        Count++;
        if (name.Length == 0)
        {
            return;
        }

        if (name[0] < 128)
        {
            _firstAscii[name[0]] = true;
        }

        var node = 0;
        foreach (var c in name)
        {
            if (!_edges.TryGetValue(Edge(node, c), out var next))
            {
                next = _ends.Count;
                _ends.Add(null);
                _edges[Edge(node, c)] = next;
            }

            node = next;
        }

        (_ends[node] ??= []).Add(index);
    }

    private static long Edge(int node, char c) => ((long)node << 16) | c;

    /// <summary>Adds to <paramref name="matches"/> the index of every name that <paramref name="text"/> holds at <paramref name="start"/>.</summary>
    internal void Match(string text, int start, List<int> matches)
    {
        // Most chars start no name: one array read instead of a dictionary lookup.
        if (text[start] < 128 && !_firstAscii[text[start]])
        {
            return;
        }

        var node = 0;
        for (var i = start; i < text.Length && _edges.TryGetValue(Edge(node, text[i]), out node); i++)
        {
            if (_ends[node] is { } ends)
            {
                matches.AddRange(ends);
            }
        }
    }
}
