using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// Loads an included file, <paramref name="path"/> as written (relative to <paramref name="from"/>'s folder,
/// or absolute); null when there is none, with <paramref name="unreadable"/> saying why when it exists but
/// cannot be read. Where an absolute path is looked for (<c>--root</c>) is the loader's business.
/// </summary>
internal delegate SourceFile? EximIncludeLoader(string path, SourceFile from, out string? unreadable);

/// <summary>
/// Whether Exim adds each setting of the option <paramref name="name"/> in a driver of <paramref name="section"/>
/// to the earlier ones (<c>headers_add</c>, <c>headers_remove</c>, a router's <c>condition</c> and <c>set</c>)
/// instead of stopping on a second one: the option table knows.
/// </summary>
internal delegate bool EximOptionAddsUp(EximSection section, string name);

/// <summary>
/// Text put after every line that starts with <see cref="AfterLinesStartingWith"/>, as if written there:
/// Debian's update-exim4.conf puts the macros it makes from update-exim4.conf.conf after the line
/// <c>UPEX4CmacrosUPEX4C = 1</c>. What is read from it belongs to no file of the config.
/// </summary>
internal sealed record EximLineInsertion(string AfterLinesStartingWith, SourceFile Text);

/// <summary>
/// Reads an Exim configuration the way Exim's own reader does: physical lines have macros
/// substituted first; then comment lines are dropped, conditionals evaluated and includes followed,
/// all per physical line (so also inside a continued value); trailing backslashes join lines, a
/// blank line ends a continuation; then each logical line is a statement of its section.
/// </summary>
internal sealed class EximReader
{
    /// <summary>Include nesting limit: Exim has none and loops on a cycle; we stop and say so.</summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>
    /// Inclusions followed in one config, each time a file is included counted. Exim has no limit
    /// (its spec: "Includes may be nested to any depth") but its open files: about 1,000 nested
    /// (the usual limit of 1,024 descriptors; a cycle stops it there with "failed to open included
    /// configuration file"). Files that include the next twice multiply: after 20 of them Exim
    /// reads the last file 2^20 times.
    /// </summary>
    public const int MaxInclusions = 1_000;

    /// <summary>Text read through <c>.include</c> in one config, each inclusion counted: 16 MiB, a quarter of the largest file mtalint reads.</summary>
    public const int MaxIncludedChars = 16 << 20;

    /// <summary>A logical line longer than this after macro substitution is refused (macro bombs).</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly List<SyntaxError> _errors = [];
    private readonly EximMacroTable _macros;
    private readonly EximMacroSubstitution _substitution;
    private readonly EximConditionals _conditionals;
    private readonly EximIncludes _includes;
    private readonly EximStatementParser _parser;
    private readonly EximMainSectionEnd _mainEnd = new();
    private readonly EximLineInsertion? _insertion;
    private EximTemplateValues _values = EximTemplateValues.None;

    private EximReader(EximIncludeLoader loadInclude, EximOptionAddsUp addsUp, EximMacroNames? builtInNames, EximLineInsertion? insertion)
    {
        _insertion = insertion;
        _macros = new EximMacroTable(builtInNames);
        _substitution = new EximMacroSubstitution(_macros);
        _conditionals = new EximConditionals(_errors);
        _includes = new EximIncludes(loadInclude, _errors);
        _parser = new EximStatementParser(_macros, _includes, addsUp, _errors);
    }

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
    /// <param name="values">The known texts of template tags the roots' views read as holes, read in their lines.</param>
    public static EximReadResult Read(
        IReadOnlyList<SourceFile> roots,
        IEnumerable<KeyValuePair<string, string>> builtIns,
        IReadOnlyDictionary<string, string>? defines,
        EximIncludeLoader loadInclude,
        EximOptionAddsUp addsUp,
        EximMacroNames? builtInNames = null,
        EximLineInsertion? insertion = null,
        SourceFile? mainHome = null,
        EximTemplateValues? values = null)
    {
        var reader = new EximReader(loadInclude, addsUp, builtInNames, insertion) { _values = values ?? EximTemplateValues.None };
        var commandLine = new SourceFile("<command line>", string.Empty);
        reader._macros.AddBuiltIns(builtIns as IReadOnlyList<KeyValuePair<string, string>> ?? [.. builtIns], commandLine);

        foreach (var (name, value) in defines ?? new Dictionary<string, string>())
        {
            reader._macros.Add(new EximMacro(name, MappedText.AllFrom(value, new CharOrigin(commandLine, 0, null)), EximMacroOrigin.CommandLine));
        }

        foreach (var root in roots)
        {
            reader._includes.OpenRoot(root);
            while (reader.ReadLogicalLine() is { } line)
            {
                reader._parser.Add(line);
            }

            if (reader._parser.Section == EximSection.Main && reader._conditionals.OutsideAny)
            {
                reader._mainEnd.Record(root, root.Text.Length, EximLineKind.Blank);
            }
        }

        if (roots.Count > 0)
        {
            reader._conditionals.ReportUnclosed(roots[^1]);
        }

        return new EximReadResult
        {
            Statements = reader._parser.Statements,
            Errors = reader._errors,
            Files = reader._includes.Files,
            Macros = reader._macros.All,
            MacroUseCounts = reader._substitution.UseCounts,
            MainInsertionPoint = reader._mainEnd.InsertionPoint(reader._parser.Statements, roots, mainHome),
            MissingIncludes = reader._includes.Missing,
        };
    }

    /// <summary>
    /// The next logical line: physical lines, macros substituted, joined at trailing backslashes;
    /// comment lines, directives and lines in skipped branches are not part of it. Null at the end of the root.
    /// </summary>
    private EximLogicalLine? ReadLogicalLine()
    {
        var acc = new MappedTextBuilder();
        SourceFile? file = null;
        int start = 0, end = 0;
        while (_includes.TryNextLine(out var doc, out var physical))
        {
            if (_insertion is { } insertion && doc.File != insertion.Text
                && doc.File.Text.AsSpan(physical.Start, physical.ContentLength).StartsWith(insertion.AfterLinesStartingWith, StringComparison.Ordinal))
            {
                // Read after this line, as the build step writes it there (sed's `s|^\(PREFIX.*\)$|\1\nTEXT|`).
                _includes.Insert(insertion.Text);
            }

            if (acc.Length == 0 && _conditionals.OutsideAny && _parser.Section == EximSection.Main && _includes.InRoot)
            {
                _mainEnd.Record(doc.File, physical.Start, physical.Kind);
            }

            // Shortcuts that cannot change the outcome: substitution starts at the first upper-case
            // letter, so a line whose first non-blank char is `#` stays a comment, and a skipped line
            // that starts with neither `.` nor a possible macro name cannot become a directive.
            if (physical.Kind == EximLineKind.Comment)
            {
                continue;
            }

            if (_conditionals.State != EximConditionState.Reading && physical.Kind == EximLineKind.Content && !EximMacroSubstitution.MayStartWithMacro(doc.File.Text, physical))
            {
                continue;
            }

            var substituted = _values.Line(doc.File, physical.Start, physical.Start + physical.ContentLength) is { } spliced
                ? _substitution.Substitute(spliced, atLogicalStart: acc.Length == 0, out var found)
                : _substitution.Substitute(doc.File, physical, atLogicalStart: acc.Length == 0, out found);
            if (substituted is not { } ss)
            {
                _errors.Add(new SyntaxError(doc.File.Span(physical.Start, physical.ContentLength), "line longer than 1 MiB after macro substitution"));
                return null;
            }

            if (ss.Length > 0 && ss.Text[0] == '#')
            {
                continue;
            }

            if (ss.Length > 0 && ss.Text[0] == '.' && _conditionals.TryApply(ss.Text, physical, doc.File, found))
            {
                continue;
            }

            if (_conditionals.State != EximConditionState.Reading)
            {
                continue;
            }

            if (EximIncludes.IsInclude(ss.Text, out var ifExists))
            {
                _includes.Include(ss, ifExists, doc.File, physical);
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

        return acc.Length > 0 ? new EximLogicalLine(acc.ToMappedText(), file!, start, end) : null;
    }
}
