using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// Loads an included file, <paramref name="path"/> as written (relative to <paramref name="from"/>'s folder,
/// or absolute); null when there is none, with <paramref name="unreadable"/> saying why when it exists but
/// cannot be read. Where an absolute path is looked for (<c>--root</c>) is the loader's business.
/// </summary>
public delegate SourceFile? EximIncludeLoader(string path, SourceFile from, out string? unreadable);

/// <summary>
/// Whether Exim adds each setting of the option <paramref name="name"/> in a driver of <paramref name="section"/>
/// to the earlier ones (<c>headers_add</c>, <c>headers_remove</c>, a router's <c>condition</c> and <c>set</c>)
/// instead of stopping on a second one: the option table knows.
/// </summary>
public delegate bool EximOptionAddsUp(EximSection section, string name);

/// <summary>An <c>.include</c> whose file could not be read: Exim would refuse the config; mtalint reads the rest.</summary>
/// <param name="At">The <c>.include</c> line.</param>
/// <param name="Path">The file as written.</param>
/// <param name="Unreadable">Why an existing file could not be read; null when there is no such file.</param>
public sealed record EximMissingInclude(SourceSpan At, string Path, string? Unreadable);

/// <summary>
/// Text put after every line that starts with <see cref="AfterLinesStartingWith"/>, as if written there:
/// Debian's update-exim4.conf puts the macros it makes from update-exim4.conf.conf after the line
/// <c>UPEX4CmacrosUPEX4C = 1</c>. What is read from it belongs to no file of the config.
/// </summary>
public sealed record EximLineInsertion(string AfterLinesStartingWith, SourceFile Text);

/// <summary>Everything read from one Exim configuration.</summary>
public sealed class EximReadResult
{
    public required IReadOnlyList<EximStatement> Statements { get; init; }

    public required IReadOnlyList<SyntaxError> Errors { get; init; }

    /// <summary>Every file read, roots and includes, in the order first read.</summary>
    public required IReadOnlyList<SourceFile> Files { get; init; }

    /// <summary>The macros at the end of reading, in Exim's list order.</summary>
    public required IReadOnlyList<EximMacro> Macros { get; init; }

    /// <summary>How many times each macro definition was substituted into a line.</summary>
    public required IReadOnlyDictionary<EximMacroDefinition, int> MacroUseCounts { get; init; }

    /// <summary>Where a new main option goes; null when the main section ends inside a conditional.</summary>
    public EximInsertionPoint? MainInsertionPoint { get; init; }

    /// <summary>Includes that could not be read, in reading order: the config is read without them.</summary>
    public IReadOnlyList<EximMissingInclude> MissingIncludes { get; init; } = [];
}

/// <summary>
/// Reads an Exim configuration the way Exim's own reader does: physical lines have macros
/// substituted first; then comment lines are dropped, conditionals evaluated and includes followed,
/// all per physical line (so also inside a continued value); trailing backslashes join lines, a
/// blank line ends a continuation; then each logical line is a statement of its section.
/// </summary>
public sealed class EximReader
{
    /// <summary>Include nesting limit: Exim has none and loops on a cycle; we stop and say so.</summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>
    /// Inclusions followed in one config, each time a file is included counted. Exim has no limit
    /// (its spec: "Includes may be nested to any depth") but its open files: about 1,000 nested
    /// (the usual limit of 1,024 descriptors; a cycle stops it there with "failed to open included
    /// configuration file"). Files that include the next twice multiply: after 19 of them the
    /// real exim -bP reads the last file 2^19 times (16 s here), after 20 it ran past a minute.
    /// </summary>
    public const int MaxInclusions = 1_000;

    /// <summary>Text read through <c>.include</c> in one config, each inclusion counted: 16 MiB, a quarter of the largest file mtalint reads.</summary>
    public const int MaxIncludedChars = 16 << 20;

    /// <summary>A logical line longer than this after macro substitution is refused (macro bombs).</summary>
    public const int MaxLineLength = 1 << 20;

    private static readonly (string Name, int Action1, int Action2, int PushPop)[] Conditionals =
    [
        ("ifdef", 0, 1, 1),
        ("ifndef", 1, 0, 1),
        ("elifdef", 2, 3, 0),
        ("elifndef", 3, 2, 0),
        ("else", 2, 2, 0),
        ("endif", 0, 0, -1),
    ];

    // State 0: reading; 1: condition false, looking for .else/.elif; 2: skipping to .endif.
    private static readonly int[,] NextState = { { 0, 1, 2, 2 }, { 2, 2, 0, 1 }, { 2, 2, 2, 2 } };

    private static readonly string[] ListKinds =
        ["domainlist", "domainlist_cache", "hostlist", "hostlist_cache", "addresslist", "addresslist_cache", "localpartlist", "localpartlist_cache"];

    private readonly EximIncludeLoader _loadInclude;
    private readonly EximOptionAddsUp _addsUp;
    private readonly EximMacroTable _macros;
    private readonly List<SyntaxError> _errors = [];
    private readonly List<EximStatement> _statements = [];
    private readonly List<SourceFile> _files = [];
    private readonly List<EximMissingInclude> _missing = [];
    private readonly EximLineInsertion? _insertion;
    private readonly Stack<(EximDocument Doc, int Next, IncludeSite? Site)> _frames = new();
    private readonly Stack<int> _condStack = new();
    private readonly List<Boundary> _boundaries = [];
    // Definitions are told apart by identity; hashing the record would hash its whole line at every use.
    private readonly Dictionary<EximMacroDefinition, int> _uses = new(ReferenceEqualityComparer.Instance);
    // Scratch of ExpandMacros, kept from line to line (it is not reentrant).
    private readonly SortedSet<int> _candidates = [];
    private readonly List<(int Start, MacroUse Use)> _occurrences = [];
    private int _cstate;
    private EximSection _section = EximSection.Main;
    private string? _owner;

    // The include bounds: what has been followed, and whether reading has stopped following.
    private readonly Dictionary<SourceFile, EximDocument> _documents = new(ReferenceEqualityComparer.Instance);
    private int _inclusions;
    private long _includedChars;
    private bool _includesStopped;

    // Names set so far, by where they are written and the scope they are set in: the same name read
    // again from the same place can only come from a file included again (see SetAgain).
    private readonly HashSet<(SourceFile File, int Start, EximSection Section, string? Owner)> _setAt = [];
    private readonly HashSet<SourceSpan> _reportedAgain = [];
    private readonly Dictionary<SourceFile, SourceSpan> _firstIncludedAt = new(ReferenceEqualityComparer.Instance);

    private EximReader(EximIncludeLoader loadInclude, EximOptionAddsUp addsUp, EximMacroNames? builtInNames, EximLineInsertion? insertion)
    {
        _loadInclude = loadInclude;
        _addsUp = addsUp;
        _insertion = insertion;
        _macros = new EximMacroTable(builtInNames);
    }

    private readonly record struct Boundary(SourceFile File, int Offset, EximLineKind Kind);

    /// <summary>The <c>.include</c> line a frame was opened by, and whether that file had been read before.</summary>
    private sealed record IncludeSite(SourceSpan At, bool Again);

    /// <summary>Reads <paramref name="roots"/> as one config, in order (a Debian split config is several roots).</summary>
    /// <param name="builtIns">Exim's built-in macros (name → value).</param>
    /// <param name="defines"><c>-D</c> macros.</param>
    /// <param name="loadInclude">Returns an included file, or null when it does not exist or cannot be read.</param>
    /// <param name="addsUp">Which driver options add up when set again (none read again is an error).</param>
    /// <param name="insertion">Text a build step puts into the config (Debian's update-exim4.conf macros).</param>
    /// <param name="mainHome">
    /// The root where main options not written anywhere belong (Debian's <c>conf.d/main/02_exim4-config_options</c>):
    /// new options go at its end when that is in the main section, outside any conditional.
    /// </param>
    public static EximReadResult Read(
        IReadOnlyList<SourceFile> roots,
        IEnumerable<KeyValuePair<string, string>> builtIns,
        IReadOnlyDictionary<string, string>? defines,
        EximIncludeLoader loadInclude,
        EximOptionAddsUp addsUp,
        EximMacroNames? builtInNames = null,
        EximLineInsertion? insertion = null,
        SourceFile? mainHome = null)
    {
        var reader = new EximReader(loadInclude, addsUp, builtInNames, insertion);
        var commandLine = new SourceFile("<command line>", string.Empty);
        reader._macros.AddBuiltIns(builtIns as IReadOnlyList<KeyValuePair<string, string>> ?? [.. builtIns], commandLine);

        foreach (var (name, value) in defines ?? new Dictionary<string, string>())
        {
            reader._macros.Add(new EximMacro(name, Synthetic(commandLine, value), EximMacroOrigin.CommandLine));
        }

        foreach (var root in roots)
        {
            reader._files.Add(root);
            reader._frames.Push((EximDocument.Parse(root), 0, null));
            while (reader.ReadLogicalLine() is { } line)
            {
                reader.HandleStatement(line);
            }

            if (reader._section == EximSection.Main && reader._cstate == 0 && reader._condStack.Count == 0)
            {
                reader._boundaries.Add(new Boundary(root, root.Text.Length, EximLineKind.Blank));
            }
        }

        if (reader._condStack.Count > 0 && roots.Count > 0)
        {
            var last = roots[^1];
            reader._errors.Add(new SyntaxError(last.Span(last.Text.Length, 0), "unexpected end of configuration: .endif missing"));
        }

        // Fallback: the top of the first file is always in the main section, outside any conditional.
        var mainInsertion = reader.EndOfMainHome(mainHome) ?? reader.FindInsertionPoint() ?? (roots.Count > 0 ? new EximInsertionPoint(roots[0], 0, false) : null);
        return new EximReadResult
        {
            Statements = reader._statements,
            Errors = reader._errors,
            Files = reader._files,
            Macros = reader._macros.All,
            MacroUseCounts = reader._uses,
            MainInsertionPoint = mainInsertion,
            MissingIncludes = reader._missing,
        };
    }

    /// <summary>The end of <paramref name="home"/> when it ends in the main section outside any conditional (a boundary was recorded there).</summary>
    private EximInsertionPoint? EndOfMainHome(SourceFile? home)
    {
        if (home is null || !_boundaries.Any(b => b.File == home && b.Offset == home.Text.Length))
        {
            return null;
        }

        return new EximInsertionPoint(home, home.Text.Length, home.Text.Length > 0 && home.Text[^1] != '\n');
    }

    private static MappedText Synthetic(SourceFile file, string value) =>
        MappedText.AllFrom(value, new CharOrigin(file, 0, null));

    /// <summary>
    /// The end of the main section: before the comments and blank lines that precede the first
    /// <c>begin</c>, or the end of the last file read while still in the main section; never inside a conditional.
    /// </summary>
    private EximInsertionPoint? FindInsertionPoint()
    {
        var begin = _statements.OfType<EximSectionBegin>().FirstOrDefault();
        int index;
        if (begin is null)
        {
            index = _boundaries.Count - 1;
        }
        else
        {
            index = _boundaries.FindIndex(b => b.File == begin.Line.File && b.Offset == begin.Line.Start);
            if (index < 0)
            {
                return null;
            }

            while (index > 0 && _boundaries[index - 1].File == begin.Line.File && _boundaries[index - 1].Kind is EximLineKind.Comment or EximLineKind.Blank
                   && _boundaries[index - 1].Offset < _boundaries[index].Offset)
            {
                index--;
            }

            // A file that holds nothing of the main section before its `begin` (a conf.d
            // acl header): the option belongs at the end of the previous main fragment.
            if (_boundaries[index].Offset == 0 && index > 0 && _boundaries[index - 1].File != begin.Line.File)
            {
                index--;
            }
        }

        if (index < 0)
        {
            return null;
        }

        var b = _boundaries[index];
        var needsNewline = b.Offset == b.File.Text.Length && b.Offset > 0 && b.File.Text[^1] != '\n';
        return new EximInsertionPoint(b.File, b.Offset, needsNewline);
    }

    private EximLogicalLine? ReadLogicalLine()
    {
        var acc = new MappedTextBuilder();
        SourceFile? file = null;
        int start = 0, end = 0;
        while (true)
        {
            if (_frames.Count == 0)
            {
                return acc.Length > 0 ? new EximLogicalLine(acc.ToMappedText(), file!, start, end) : null;
            }

            var (doc, next, site) = _frames.Pop();
            if (next >= doc.Lines.Count)
            {
                if (_frames.Count == 0 && acc.Length > 0)
                {
                    return new EximLogicalLine(acc.ToMappedText(), file!, start, end);
                }

                continue; // end of an include: back to the including file
            }

            _frames.Push((doc, next + 1, site));
            var physical = doc.Lines[next];
            if (_insertion is { } insertion && doc.File != insertion.Text
                && doc.File.Text.AsSpan(physical.Start, physical.ContentLength).StartsWith(insertion.AfterLinesStartingWith, StringComparison.Ordinal))
            {
                // Read after this line, as the build step writes it there (sed's `s|^\(PREFIX.*\)$|\1\nTEXT|`).
                _frames.Push((EximDocument.Parse(insertion.Text), 0, null));
            }
            if (acc.Length == 0 && _cstate == 0 && _condStack.Count == 0 && _section == EximSection.Main && _frames.Count == 1)
            {
                _boundaries.Add(new Boundary(doc.File, physical.Start, physical.Kind));
            }

            // Shortcuts that cannot change the outcome: substitution starts at the first upper-case
            // letter, so a line whose first non-blank char is `#` stays a comment, and a skipped line
            // that starts with neither `.` nor a possible macro name cannot become a directive.
            if (physical.Kind == EximLineKind.Comment)
            {
                continue;
            }

            if (_cstate != 0 && physical.Kind == EximLineKind.Content && !MayStartWithMacro(doc.File.Text, physical))
            {
                continue;
            }

            var contentEnd = physical.Start + physical.ContentLength;
            var literal = FirstCandidate(doc.File.Text, physical.Start, contentEnd, atLogicalStart: acc.Length == 0) >= contentEnd;
            var (expanded, found) = literal
                ? (null, false)
                : ExpandMacros(MappedText.FromSource(doc.File, physical.Start, physical.ContentLength), atLogicalStart: acc.Length == 0);
            if ((expanded?.Length ?? physical.ContentLength) > MaxLineLength)
            {
                _errors.Add(new SyntaxError(doc.File.Span(physical.Start, physical.ContentLength), "line longer than 1 MiB after macro substitution"));
                return null;
            }

            // Most lines hold no macro name: they are taken from the file as they are, trimmed.
            var ss = expanded?.TrimStart() ?? TrimmedLiteral(doc.File, physical.Start, contentEnd);
            if (ss.Length > 0 && ss.Text[0] == '#')
            {
                continue;
            }

            if (ss.Length > 0 && ss.Text[0] == '.' && HandleConditional(ss.Text, physical, doc.File, found))
            {
                continue;
            }

            if (_cstate != 0)
            {
                continue;
            }

            if (IsInclude(ss.Text, out var ifExists))
            {
                HandleInclude(ss, ifExists, doc.File, physical);
                continue;
            }

            if (acc.Length == 0)
            {
                file = doc.File;
                start = physical.Start;
            }

            if (doc.File == file)
            {
                end = physical.End;
            }

            acc.Append(ss);
            acc.TrimEnd();
            if (acc.Length > 0)
            {
                if (acc.LastChar != '\\')
                {
                    return new EximLogicalLine(acc.ToMappedText(), file!, start, end);
                }

                acc.RemoveLastChar();
            }
        }
    }

    private static bool MayStartWithMacro(string text, EximPhysicalLine physical)
    {
        var i = physical.Start;
        var end = physical.Start + physical.ContentLength;
        while (i < end && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        return i < end && (char.IsAsciiLetterUpper(text[i]) || text[i] == '_');
    }

    private bool HandleConditional(string text, EximPhysicalLine physical, SourceFile file, bool macroFound)
    {
        foreach (var (name, action1, action2, pushPop) in Conditionals)
        {
            if (string.CompareOrdinal(text, 1, name, 0, name.Length) != 0)
            {
                continue;
            }

            // Exim's test accepts a blank, a 't' (sic: its source compares with 't', not '\t'),
            // or the end of the line; a CR of a CRLF line matches none, and such a line is skipped.
            var after = 1 + name.Length;
            var n = after < text.Length ? text[after] : physical.BreakLength == 2 ? '\r' : '\n';
            if (n is not (' ' or 't' or '\n'))
            {
                return true;
            }

            var span = file.Span(physical.Start, physical.ContentLength);
            if (pushPop > 0)
            {
                if (_condStack.Count >= 10)
                {
                    _errors.Add(new SyntaxError(span, $".{name} nested too deeply"));
                    return true;
                }

                _condStack.Push(_cstate);
                _cstate = NextState[_cstate, macroFound ? action1 : action2];
            }
            else if (_condStack.Count == 0)
            {
                _errors.Add(new SyntaxError(span, $".{name} without matching .ifdef"));
            }
            else
            {
                _cstate = pushPop < 0 ? _condStack.Pop() : NextState[_cstate, macroFound ? action1 : action2];
            }

            return true;
        }

        return false;
    }

    private static bool IsInclude(string text, out bool ifExists)
    {
        ifExists = false;
        if (!text.StartsWith(".include", StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Length > 8 && MappedText.IsSpace(text[8]))
        {
            return true;
        }

        ifExists = text.Length > 18 && text.AsSpan(8, 10).SequenceEqual("_if_exists") && MappedText.IsSpace(text[18]);
        return ifExists;
    }

    private void HandleInclude(MappedText ss, bool ifExists, SourceFile from, EximPhysicalLine physical)
    {
        var span = from.Span(physical.Start, physical.ContentLength);
        var path = ss.Text[(ifExists ? 19 : 9)..].Trim();
        if (path.Length >= 2 && path[0] == '"' && path[^1] == '"')
        {
            path = path[1..^1];
        }

        if (!path.StartsWith('/') && ifExists)
        {
            _errors.Add(new SyntaxError(span, $".include_if_exists needs an absolute path, not \"{path}\""));
            return;
        }

        if (_includesStopped)
        {
            return; // a bound was crossed and reported: the config is refused, the rest is not followed
        }

        if (_frames.Count > MaxIncludeDepth)
        {
            var full = Path.GetFullPath(path.StartsWith('/') ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(from.Path)) ?? "/", path));
            var cycle = _frames.Any(f => f.Doc.File.Path == path || Path.GetFullPath(f.Doc.File.Path) == full);
            _errors.Add(new SyntaxError(span, cycle
                ? $".include of {path}, which is being read already: an include cycle, which Exim follows until it runs out of open files and stops (\"failed to open included configuration file\")"
                : $".include nested more than {MaxIncludeDepth} deep; a configuration needs a few levels at most"));
            _includesStopped = true;
            return;
        }

        var included = _loadInclude(path, from, out var unreadable);
        if (included is null)
        {
            // Exim's .include_if_exists skips only a file that is not there; one it cannot open is fatal.
            // Either way Exim would not start; the rest of the config is still read, and the model says what is missing.
            if (unreadable is not null || !ifExists)
            {
                _missing.Add(new EximMissingInclude(span, path, unreadable));
            }

            return;
        }

        if (ExceedsIncludeBounds(included, span))
        {
            return;
        }

        var again = _files.Contains(included);
        if (!again)
        {
            _files.Add(included);
        }

        _firstIncludedAt.TryAdd(included, span);

        if (!_documents.TryGetValue(included, out var document))
        {
            _documents[included] = document = EximDocument.Parse(included);
        }

        _frames.Push((document, 0, new IncludeSite(span, again)));
    }

    /// <summary>Counts an inclusion; past <see cref="MaxInclusions"/> or <see cref="MaxIncludedChars"/>, reports it at the <c>.include</c> and stops following includes.</summary>
    private bool ExceedsIncludeBounds(SourceFile included, SourceSpan span)
    {
        _inclusions++;
        _includedChars += included.Text.Length;
        string? why = null;
        if (_inclusions > MaxInclusions)
        {
            why = $"this is the configuration's inclusion number {_inclusions:N0}, and mtalint follows at most {MaxInclusions:N0}";
        }
        else if (_includedChars > MaxIncludedChars)
        {
            why = $"the files included so far add up to more than {MaxIncludedChars >> 20} MiB of text, each inclusion counted, and mtalint reads no more";
        }

        if (why is null)
        {
            return false;
        }

        _errors.Add(new SyntaxError(span,
            $"{why}: files that include the same files more than once multiply (20 files that each include the next twice make Exim read the last one 1,048,576 times); include each file once"));
        _includesStopped = true;
        return true;
    }

    /// <summary>
    /// True, and reported at the <c>.include</c> that reads the file again, when a name is set a
    /// second time from the same place in the same scope: a file included twice. Exim stops on it
    /// ("option set for the second time", "duplicate name", "there are two routers called"); a
    /// rule that called the first setting dead and offered to delete it would delete both.
    /// </summary>
    /// <param name="eximSays">What Exim stops with.</param>
    private bool SetAgain(SourceSpan nameSpan, string? owner, string eximSays)
    {
        if (_setAt.Add((nameSpan.File, nameSpan.Span.Start, _section, owner)) || RepeatedInclude() is not { } repeat)
        {
            return false;
        }

        ReportReadAgain(repeat, nameSpan, eximSays);
        return true;
    }

    /// <summary>The outermost open <c>.include</c> of a file read before: the one to remove (frames enumerate innermost first).</summary>
    private IncludeSite? RepeatedInclude()
    {
        IncludeSite? repeat = null;
        foreach (var frame in _frames)
        {
            if (frame.Site is { Again: true } site)
            {
                repeat = site;
            }
        }

        return repeat;
    }

    /// <summary>Reports, once per <c>.include</c>, that it made Exim read the line at <paramref name="nameSpan"/> again.</summary>
    private void ReportReadAgain(IncludeSite repeat, SourceSpan nameSpan, string eximSays)
    {
        if (!_reportedAgain.Add(repeat.At))
        {
            return;
        }

        var file = IncludedBy(repeat);
        var first = _firstIncludedAt.TryGetValue(file, out var f) && f != repeat.At
            ? f.File == repeat.At.File ? $"first on line {f.Start.Line}" : $"first at {f.File.Path}:{f.Start.Line}"
            : "it is also read as a configuration file of its own";
        _errors.Add(new SyntaxError(repeat.At,
            $"{file.Path} is included again ({first}): Exim reads {nameSpan.File.Path}:{nameSpan.Start.Line} a second time and stops with {eximSays}; include the file once"));
        // Exim stops at the first; the others would be this one again, once per level of a fan-out.
        _includesStopped = true;
    }

    /// <summary>The file an include site opened: the frame's document above it.</summary>
    private SourceFile IncludedBy(IncludeSite site)
    {
        foreach (var frame in _frames)
        {
            if (ReferenceEquals(frame.Site, site))
            {
                return frame.Doc.File;
            }
        }

        return site.At.File;
    }

    /// <summary>Exim's macro substitution on one physical line (see <c>macros_expand</c> in readconf.c).</summary>
    private (MappedText Text, bool Found) ExpandMacros(MappedText line, bool atLogicalStart)
    {
        var text = line.Text;
        var s = FirstCandidate(text, 0, text.Length, atLogicalStart);
        if (s >= text.Length)
        {
            return (line, false);
        }

        var found = false;
        // Built-ins come first in the list and all start with `_`: a line without `_` cannot hold one.
        var includeBuiltIns = text[s] == '_';
        // Exim tries every macro in list order on the rest of the line; only those whose names occur
        // can change it, so only those are tried, in the same order. A replacement can make a name
        // (inside the value or across its ends): the macros after this one are looked for there too.
        var candidates = _candidates;
        candidates.Clear();
        _macros.Occurring(text, s, text.Length, includeBuiltIns, after: -1, candidates);
        var occurrences = _occurrences;
        while (candidates.Count > 0)
        {
            var index = candidates.Min;
            candidates.Remove(index);
            s = SkipToCandidate(line.Text, s);
            if (s >= line.Length)
            {
                break;
            }

            var macro = _macros[index];
            occurrences.Clear();
            var length = line.Length;
            var t = s;
            int p;
            while ((p = line.Text.IndexOf(macro.Name, t, StringComparison.Ordinal)) >= 0)
            {
                occurrences.Add((p, new MacroUse(macro.Name, line.DisplaySpan(p, macro.Name.Length) ?? line.OriginAt(p).File.Span(line.OriginAt(p).Offset, 0), macro.Definition)));
                if (macro.Definition is { } used)
                {
                    _uses[used] = _uses.GetValueOrDefault(used) + 1;
                }

                // The search goes on after the replacement, which is where the rest of the old line starts.
                t = SkipToCandidate(line.Text, p + macro.Name.Length);
                length += macro.Value.Length - macro.Name.Length;
                if (length > MaxLineLength)
                {
                    break;
                }
            }

            if (occurrences.Count == 0)
            {
                continue;
            }

            found = true;
            line = line.ReplaceAll(macro.Name.Length, occurrences, macro.Value);
            if (line.Length > MaxLineLength)
            {
                return (line, found);
            }

            var shift = 0;
            foreach (var (start, _) in occurrences)
            {
                var at = start + shift;
                _macros.Occurring(line.Text, at - _macros.MaxNameLength + 1, at + macro.Value.Length, includeBuiltIns, after: index, candidates);
                shift += macro.Value.Length - macro.Name.Length;
            }
        }

        return (line, found);
    }

    private static int SkipToCandidate(string text, int i) => SkipToCandidate(text, i, text.Length);

    private static int SkipToCandidate(string text, int i, int end)
    {
        while (i < end && !char.IsAsciiLetterUpper(text[i]) && !(text[i] == '_' && i + 1 < end && char.IsAsciiLetterUpper(text[i + 1])))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Where in text [<paramref name="start"/>, <paramref name="end"/>) Exim's macro substitution
    /// would first look for a name (<paramref name="end"/> when nowhere): after leading blanks, past
    /// the name of a macro definition, at an upper-case letter or <c>_</c> and one.
    /// </summary>
    private static int FirstCandidate(string text, int start, int end, bool atLogicalStart)
    {
        var ss = start;
        while (ss < end && MappedText.IsSpace(text[ss]))
        {
            ss++;
        }

        var s = ss;
        if (atLogicalStart && s < end && char.IsAsciiLetterUpper(text[s]))
        {
            // The name in a macro definition is not substituted.
            var t = s;
            while (t < end && (char.IsAsciiLetterOrDigit(text[t]) || text[t] == '_'))
            {
                t++;
            }

            while (t < end && MappedText.IsSpace(text[t]))
            {
                t++;
            }

            s = t < end && text[t] == '=' ? t : ss;
        }

        return SkipToCandidate(text, s, end);
    }

    /// <summary>
    /// A physical line that no macro can change, as <c>ExpandMacros(...).TrimStart()</c> gives it,
    /// built from the file text without the intermediate copies. Its trailing blanks go too, as the
    /// logical line drops them anyway, except on a directive (whose test looks at the char after
    /// its name) or a comment.
    /// </summary>
    private static MappedText TrimmedLiteral(SourceFile file, int start, int end)
    {
        var text = file.Text;
        while (start < end && MappedText.IsSpace(text[start]))
        {
            start++;
        }

        if (start < end && text[start] is not ('.' or '#'))
        {
            while (MappedText.IsSpace(text[end - 1]))
            {
                end--;
            }
        }

        return MappedText.FromSource(file, start, end - start);
    }

    private void HandleStatement(EximLogicalLine line)
    {
        var text = line.Text.Text;
        if (text.Length > 6 && text.StartsWith("begin", StringComparison.OrdinalIgnoreCase) && MappedText.IsSpace(text[5]))
        {
            var name = text[6..].Trim();
            EximSection? section = name.ToLowerInvariant() switch
            {
                "acl" => EximSection.Acl,
                "authenticators" or "authenticator" => EximSection.Authenticators,
                "local_scan" or "local_scans" => EximSection.LocalScan,
                "retry" => EximSection.Retry,
                "rewrite" => EximSection.Rewrite,
                "routers" or "router" => EximSection.Routers,
                "transports" or "transport" => EximSection.Transports,
                _ => null,
            };
            if (section is null)
            {
                _errors.Add(new SyntaxError(SpanOf(line, 6, name.Length), $"unknown section name \"{name}\""));
                return;
            }

            _section = section.Value;
            _owner = null;
            _statements.Add(new EximSectionBegin(_section, line, name));
            return;
        }

        if (char.IsAsciiLetterUpper(text[0]) && (_section == EximSection.Main || LooksLikeMacroDefinition(text)))
        {
            DefineMacro(line);
            return;
        }

        switch (_section)
        {
            case EximSection.Main:
                if (TryNamedList(line))
                {
                    return;
                }

                AddOption(line, owner: null);
                return;
            case EximSection.Routers or EximSection.Transports or EximSection.Authenticators:
                if (TryBlockHeader(line))
                {
                    return;
                }

                if (_owner is null)
                {
                    _errors.Add(new SyntaxError(SpanOf(line, 0, text.Length), $"option before the first {SectionNoun(_section)} name (\"name:\")"));
                    return;
                }

                AddOption(line, _owner);
                return;
            case EximSection.Acl:
                if (TryBlockHeader(line))
                {
                    return;
                }

                _statements.Add(new EximRuleLine(_section, line, _owner));
                return;
            default:
                _statements.Add(new EximRuleLine(_section, line, null));
                return;
        }
    }

    private static string SectionNoun(EximSection section) => section switch
    {
        EximSection.Routers => "router",
        EximSection.Transports => "transport",
        _ => "authenticator",
    };

    private static bool LooksLikeMacroDefinition(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        while (i < text.Length && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] == '=';
    }

    private static SourceSpan SpanOf(EximLogicalLine line, int start, int length) =>
        line.Text.DisplaySpan(start, length) ?? line.File.Span(line.Start, 0);

    private void DefineMacro(EximLogicalLine line)
    {
        var text = line.Text.Text;
        var i = 0;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        var name = text[..i];
        var nameSpan = SpanOf(line, 0, i);
        while (i < text.Length && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '=')
        {
            _errors.Add(new SyntaxError(nameSpan, $"malformed macro definition: \"=\" expected after {name} (names starting with an upper-case letter are macros)"));
            return;
        }

        i++;
        var redefinition = i < text.Length && text[i] == '=';
        if (redefinition)
        {
            i++;
        }

        while (i < text.Length && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        var value = line.Text.Slice(i);
        var found = _macros.FindUser(name);
        var existing = found?.Macro;
        if (_macros.FirstShorterSubstring(name, before: found?.Index ?? int.MaxValue) is { } m)
        {
            _errors.Add(new SyntaxError(nameSpan, $"\"{name}\" cannot be defined as a macro because previously defined macro \"{m.Name}\" is a substring"));
            return;
        }

        if (existing is { Origin: EximMacroOrigin.CommandLine })
        {
            _statements.Add(new EximMacroDefinition(_section, line, name, nameSpan, redefinition, value, Effective: false));
            return;
        }

        if (existing is not null && !redefinition && existing.Definition?.NameSpan == nameSpan && RepeatedInclude() is { } repeat)
        {
            ReportReadAgain(repeat, nameSpan, $"macro \"{name}\" is already defined"); // the same line: a file included twice
            return;
        }

        if (existing is not null && !redefinition)
        {
            _errors.Add(new SyntaxError(nameSpan, $"macro \"{name}\" is already defined (use \"==\" to redefine it)"));
            return;
        }

        if (existing is null && redefinition)
        {
            _errors.Add(new SyntaxError(nameSpan, $"can't redefine an undefined macro \"{name}\""));
            return;
        }

        var definition = new EximMacroDefinition(_section, line, name, nameSpan, redefinition, value, Effective: true);
        _statements.Add(definition);
        if (existing is not null)
        {
            existing.Value = value;
            existing.Definition = definition;
        }
        else
        {
            _macros.Add(new EximMacro(name, value, EximMacroOrigin.Config, definition));
        }
    }

    private static int ReadName(string text, int i, out string name)
    {
        var start = i;
        if (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }
        }

        name = text[start..i];
        return i;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private bool TryNamedList(EximLogicalLine line)
    {
        var text = line.Text.Text;
        var i = ReadName(text, 0, out var kind);
        if (!ListKinds.Contains(kind) || i >= text.Length || !MappedText.IsSpace(text[i]))
        {
            return false;
        }

        i = SkipSpace(text, i);
        var nameStart = i;
        while (i < text.Length && !MappedText.IsSpace(text[i]) && text[i] != '=')
        {
            i++;
        }

        var name = text[nameStart..i];
        i = SkipSpace(text, i);
        if (name.Length == 0 || i >= text.Length || text[i] != '=')
        {
            _errors.Add(new SyntaxError(SpanOf(line, 0, text.Length), $"{kind}: \"name = list\" expected"));
            return true;
        }

        i = SkipSpace(text, i + 1);
        var nameSpan = SpanOf(line, nameStart, name.Length);
        if (SetAgain(nameSpan, null, $"duplicate name \"{name}\" for a named {ListNoun(kind)}"))
        {
            return true;
        }

        _statements.Add(new EximNamedList(_section, line, kind, name, nameSpan, line.Text.Slice(i)));
        return true;
    }

    /// <summary>Exim's word for a kind of named list: <c>hostlist_cache</c> → <c>host list</c>.</summary>
    private static string ListNoun(string kind) => kind[..kind.IndexOf("list", StringComparison.Ordinal)] switch
    {
        "localpart" => "local part list",
        var k => k + " list",
    };

    private bool TryBlockHeader(EximLogicalLine line)
    {
        var text = line.Text.Text;
        var i = ReadName(text, 0, out var name);
        if (name.Length == 0)
        {
            return false;
        }

        i = SkipSpace(text, i);
        if (i >= text.Length || text[i] != ':')
        {
            return false;
        }

        if (SkipSpace(text, i + 1) != text.Length)
        {
            _errors.Add(new SyntaxError(SpanOf(line, i + 1, text.Length - i - 1), $"extra characters follow the name {name}: (\"{name}:\" must be alone on its line)"));
        }

        _owner = name;
        var nameSpan = SpanOf(line, 0, name.Length);
        if (_section is EximSection.Routers or EximSection.Transports or EximSection.Authenticators
            && SetAgain(nameSpan, null, $"there are two {SectionNoun(_section)}s called \"{name}\""))
        {
            return true;
        }

        _statements.Add(new EximBlockHeader(_section, line, name, nameSpan));
        return true;
    }

    private void AddOption(EximLogicalLine line, string? owner)
    {
        var text = line.Text.Text;
        var nameStart = 0;
        var i = ReadName(text, 0, out var name);
        var hidden = false;
        if (name == "hide" && i < text.Length && MappedText.IsSpace(text[i]))
        {
            hidden = true;
            nameStart = SkipSpace(text, i);
            i = ReadName(text, nameStart, out name);
        }

        if (name.Length == 0)
        {
            _errors.Add(new SyntaxError(SpanOf(line, nameStart, Math.Max(1, text.Length - nameStart)), $"an option name was expected, not \"{Truncate(text[nameStart..])}\""));
            return;
        }

        var nameSpan = SpanOf(line, nameStart, name.Length);
        i = SkipSpace(text, i);
        MappedText? value = null;
        if (i < text.Length)
        {
            if (text[i] != '=')
            {
                _errors.Add(new SyntaxError(SpanOf(line, i, text.Length - i), $"\"=\" expected after the option name {name}"));
                return;
            }

            value = line.Text.Slice(SkipSpace(text, i + 1));
        }

        if (!_addsUp(_section, name) && SetAgain(nameSpan, owner, $"\"{name}\" option set for the second time"))
        {
            return;
        }

        _statements.Add(new EximOption(_section, line, owner, name, nameSpan, hidden, value));
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
