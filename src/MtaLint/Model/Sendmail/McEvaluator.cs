using System.Text;
using MtaLint.Syntax.Sendmail;
using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>Where a macro definition came from: the file (with spans), or sendmail-cf itself.</summary>
/// <param name="Call">The <c>define</c> call, or the sendmail-cf call (<c>OSTYPE(`debian')</c>) that made the definition; null for cf.m4's defaults.</param>
/// <param name="ValueSpan">The value text in the file: inside the quotes when quoted.</param>
/// <param name="ValueQuoted">The value is written as one quoted string (an edit replaces what is inside the quotes).</param>
internal sealed record MacroDefinition(string Name, string Value, SourceSpan? Call, SourceSpan? NameSpan, SourceSpan? ValueSpan, bool ValueQuoted, bool FromFile);

/// <summary>A call to a sendmail-cf macro (<c>FEATURE</c>, <c>DAEMON_OPTIONS</c>, <c>MAILER</c>...) or <c>include</c>, with its arguments as m4 collected them.</summary>
internal sealed record CfCall(string Name, IReadOnlyList<string> Arguments, SourceSpan? Span)
{
    public string Arg(int i) => i < Arguments.Count ? Arguments[i] : string.Empty;
}

/// <summary>Reads a file an .mc includes, <paramref name="path"/> as written; null when there is none, with <paramref name="unreadable"/> saying why when it exists but cannot be read.</summary>
internal delegate SourceFile? McIncludeLoader(string path, SourceFile from, out string? unreadable);

/// <summary>
/// A piece of what m4 writes to diversion 0, the text that goes into sendmail.cf as it is: text of a
/// file (<see cref="Produced"/> null: the text at <see cref="At"/>), or text macros produced.
/// </summary>
/// <param name="At">Where it comes from: the text itself in a file, or the macro call that produced it; null for what sendmail-cf's own files write.</param>
/// <param name="Produced">The text a macro produced; null when the piece is the file's text at <see cref="At"/>.</param>
internal sealed record McOutput(SourceSpan? At, string? Produced)
{
    /// <summary>The piece is the file's text at <see cref="At"/>, not held a second time.</summary>
    public bool Verbatim => Produced is null;
}

/// <summary>An <c>include</c> whose file could not be read: m4 reports an error and exits with status 1 (a build of sendmail.cf fails); mtalint reads the rest.</summary>
internal sealed record McMissingInclude(SourceSpan At, string Path, string? Unreadable);

/// <summary>
/// A bounded m4 interpreter for .mc files: runs <c>define</c>, <c>undefine</c>, <c>ifdef</c>,
/// <c>ifelse</c>, <c>defn</c>, <c>divert</c>, user macros (with <c>$1</c>...), and records the
/// sendmail-cf calls; what sendmail-cf's OSTYPE/DOMAIN/FEATURE files define that the model needs
/// is applied by <see cref="SendmailCfKnowledge"/>. A file the .mc includes (<c>include</c>,
/// <c>sinclude</c>) is read and run in place, its definitions keeping their spans in it; sendmail-cf's
/// own files (<c>cf.m4</c> and the tree it lives in) are recorded, not read.
/// </summary>
internal sealed class McEvaluator
{
    /// <summary>Rescans nested deeper than this stop (a macro that expands to itself must not hang mtalint).</summary>
    public const int MaxDepth = 48;

    /// <summary>Nodes evaluated before giving up on a small file's expansion (see <see cref="StepsPerChar"/>).</summary>
    public const int MaxSteps = 200_000;

    /// <summary>
    /// More nodes allowed per char of the file: a file's own expansion is proportional to its size
    /// (a megabyte define rescanned as the greeting is a few hundred thousand nodes), a runaway
    /// macro's is not, so the bound stops the one and not the other.
    /// </summary>
    public const int StepsPerChar = 4;

    private readonly McIncludeLoader? _loadInclude;
    private readonly List<SourceFile> _included = [];
    private readonly List<McMissingInclude> _missing = [];
    private readonly Dictionary<string, MacroDefinition> _macros = new(StringComparer.Ordinal);
    private readonly List<MacroDefinition> _fileDefines = [];
    private readonly List<CfCall> _calls = [];

    /// <summary>Definitions the file made that m4 read while they were in effect (by reference: two equal defines on two lines are two).</summary>
    private readonly HashSet<MacroDefinition> _read = new(ReferenceEqualityComparer.Instance);

    // A call that may read anything (a site's own feature) reads every definition in effect: counted, not applied to
    // each (that would be definitions × calls). A definition was read so if the count grew while it was in effect.
    private int _readsOfEverything;
    private readonly Dictionary<MacroDefinition, int> _readsOfEverythingAtDefine = new(ReferenceEqualityComparer.Instance);
    private readonly McDiversions _diversions = new();
    private long _maxSteps;
    private long _steps;
    private bool _cfLoaded;

    /// <summary>Above zero while a call's arguments are collected: their text goes into the arguments, not the output.</summary>
    private int _collecting;

    /// <summary>The file's top-level node being run: where definitions made by expansions without spans of their own come from.</summary>
    private SourceSpan? _topLevel;

    private McEvaluator(SourceFile file, McIncludeLoader? loadInclude)
    {
        _loadInclude = loadInclude;
        _maxSteps = MaxSteps + ((long)StepsPerChar * file.Text.Length);
    }

    /// <summary>The files the .mc includes that were read, in the order first read.</summary>
    public IReadOnlyList<SourceFile> Included => _included;

    /// <summary>Includes whose file could not be read (not <c>sinclude</c> of a file that is not there: m4 skips that silently).</summary>
    public IReadOnlyList<McMissingInclude> MissingIncludes => _missing;

    /// <summary>Macros defined at the end of the file, by name.</summary>
    public IReadOnlyDictionary<string, MacroDefinition> Macros => _macros;

    /// <summary>Every <c>define</c> the file makes that m4 runs (not those in a branch m4 skips), in order.</summary>
    public IReadOnlyList<MacroDefinition> FileDefines => _fileDefines;

    /// <summary>sendmail-cf macro calls and includes m4 runs, in order.</summary>
    public IReadOnlyList<CfCall> Calls => _calls;

    /// <summary>
    /// What m4 writes to diversion 0, in order: the text that lands in sendmail.cf as it is, before
    /// proto.m4's part (text in LOCAL_CONFIG and the other raw sections goes to their diversions).
    /// </summary>
    public IReadOnlyList<McOutput> Output => _diversions.Output;

    /// <summary>True when expansion stopped at <see cref="MaxDepth"/> or at its step budget.</summary>
    public bool Truncated => TruncatedAt is not null || _truncated;

    /// <summary>The top-level node whose expansion did not finish.</summary>
    public SourceSpan? TruncatedAt { get; private set; }

    /// <summary>
    /// True when expansion stopped because rescans nested past <see cref="MaxDepth"/> (a macro that
    /// keeps expanding to itself); false when it ran out of steps first (macros that use others more
    /// than once, nested: the text multiplies at each level without any macro expanding to itself).
    /// </summary>
    public bool TruncatedByDepth { get; private set; }

    /// <summary>The steps this file may take (<see cref="MaxSteps"/> and <see cref="StepsPerChar"/> per char).</summary>
    public long StepBudget => _maxSteps;

    private bool _truncated;

    private void Truncate(bool byDepth)
    {
        if (!_truncated)
        {
            TruncatedByDepth = byDepth;
        }

        _truncated = true;
        TruncatedAt ??= _topLevel;
    }

    /// <param name="loadInclude">Reads included files; null: includes are recorded, not read.</param>
    public static McEvaluator Run(McDocument document, McIncludeLoader? loadInclude = null)
    {
        var evaluator = new McEvaluator(document.File, loadInclude);
        var source = new Source(document.File.Text, document.File);
        if (!document.AllCalls().Any(c => c.Name is "include" or "sinclude" && IsCfM4Include(c, document.File.Text)))
        {
            // Built as `m4 cf.m4 file.mc`: cf.m4's definitions exist before the first line.
            evaluator.LoadCf();
        }

        evaluator.Expand(document.Nodes, source, 0);
        return evaluator;
    }

    /// <summary>
    /// Expands a macro's value as m4 does where sendmail-cf uses it (<c>O SmtpGreetingMessage=confSMTP_LOGIN_MSG</c>).
    /// Only the text is computed: definitions and sendmail-cf calls in the value (a <c>DOMAIN(...)</c>
    /// quoted in a define) change nothing, or the model would depend on which value was rendered first.
    /// </summary>
    public string Rescan(string value)
    {
        _rendering++;
        try
        {
            return Rescan(value, 1);
        }
        finally
        {
            _rendering--;
        }
    }

    /// <summary>Above zero while <see cref="Rescan(string)"/> renders a value: the file's definitions are read, not changed.</summary>
    private int _rendering;

    private bool Running => _rendering == 0;

    /// <summary>Text m4 writes goes where the diversion says (not into arguments being collected, not while a value is rendered).</summary>
    private bool Writing => _collecting == 0 && Running;

    public bool IsDefined(string name) => _macros.ContainsKey(name);

    /// <summary>
    /// m4 read this definition while it was in effect: expanded its name, tested it with <c>ifdef</c>,
    /// took its <c>defn</c>, or made a sendmail-cf call whose file may read it. Reads made to render a
    /// value for the model (<see cref="Rescan(string)"/>) do not count.
    /// </summary>
    public bool WasRead(MacroDefinition definition) =>
        _read.Contains(definition)
        || _macros.TryGetValue(definition.Name, out var now) && ReferenceEquals(now, definition) && ReadByEverything(definition);

    private bool ReadByEverything(MacroDefinition definition) =>
        _readsOfEverythingAtDefine.TryGetValue(definition, out var before) && _readsOfEverything > before;

    /// <summary>Ends a definition's time in effect (replaced or undefined), noting whether a call read everything meanwhile.</summary>
    private void Retire(string name)
    {
        if (_macros.TryGetValue(name, out var old) && ReadByEverything(old))
        {
            _read.Add(old);
        }
    }

    private void Put(MacroDefinition definition)
    {
        Retire(definition.Name);
        _macros[definition.Name] = definition;
        if (definition.FromFile)
        {
            _readsOfEverythingAtDefine[definition] = _readsOfEverything;
        }
    }

    /// <summary>Records that m4 reads the definition now in effect, when the run (not a rendering) does.</summary>
    private void Read(MacroDefinition definition)
    {
        if (Running && definition.FromFile)
        {
            _read.Add(definition);
        }
    }

    internal void Define(MacroDefinition definition) => Put(definition);

    private static bool IsCfM4Include(M4Call call, string text) =>
        call.Argument(0) is { } a && text.Substring(a.Span.Start, a.Span.Length).Contains("cf.m4", StringComparison.Ordinal);

    private void LoadCf()
    {
        _cfLoaded = true;
        _diversions.StartCf(Writing);
        foreach (var (name, value) in SendmailCfKnowledge.CfHeadDefaults)
        {
            _macros[name] = new MacroDefinition(name, value, _topLevel, null, null, ValueQuoted: true, FromFile: false);
        }
    }

    /// <summary>Text and, when the text is the file's, the file (so spans can be reported).</summary>
    private sealed record Source(string Text, SourceFile? File)
    {
        public SourceSpan? Span(TextSpan span) => File?.Span(span.Start, span.Length);
    }

    private string Expand(IReadOnlyList<M4Node> nodes, Source source, int depth)
    {
        var output = new StringBuilder();
        var topLevel = depth == 0 && source.File is not null;
        foreach (var node in nodes)
        {
            if (topLevel)
            {
                _topLevel = source.Span(node.Span);
            }

            if (++_steps > _maxSteps)
            {
                Truncate(byDepth: false);
                break;
            }

            switch (node)
            {
                case M4Quoted q:
                    output.Append(source.Text, q.Inner.Start, q.Inner.Length);
                    Emit(source, q.Inner);
                    break;
                case M4Dnl:
                    break;
                case M4Word w when _macros.TryGetValue(w.Name, out var macro):
                    Read(macro);
                    var emitted = _diversions.Output.Count;
                    output.Append(Rescan(M4Substitution.Apply(macro.Value, w.Name, []), depth + 1));
                    Attribute(emitted, source, node.Span);
                    break;
                case M4Call call:
                    var before = _diversions.Output.Count;
                    output.Append(Call(call, source, depth));
                    Attribute(before, source, node.Span);
                    break;
                default:
                    output.Append(source.Text, node.Span.Start, node.Span.Length);
                    Emit(source, node.Span);
                    break;
            }
        }

        return output.ToString();
    }

    /// <summary>m4 writes this text where the expansion stands: recorded when that is diversion 0 (and not an argument being collected).</summary>
    private void Emit(Source source, TextSpan span)
    {
        if (span.Length == 0 || !Writing)
        {
            return;
        }

        _diversions.Write(source.File is not null ? new McOutput(source.Span(span), null) : new McOutput(null, source.Text.Substring(span.Start, span.Length)));
    }

    /// <summary>Text a macro call in a file produced out of no file's text (a macro's value) comes from that call: a finding on it points there.</summary>
    private void Attribute(int from, Source source, TextSpan call)
    {
        if (source.Span(call) is { } span)
        {
            _diversions.Attribute(from, span);
        }
    }

    private string Rescan(string value, int depth)
    {
        if (depth > MaxDepth)
        {
            Truncate(byDepth: true);
            return string.Empty;
        }

        var (nodes, error) = M4Parser.ParseFragment(value, 0, value.Length, _macros.ContainsKey);
        return error is null ? Expand(nodes, new Source(value, null), depth) : value;
    }

    /// <summary>Rescans an argument m4 chose (an <c>ifdef</c> branch): in place when it is one quoted string of the file, so defines inside keep their spans.</summary>
    private string RescanArgument(M4Argument? argument, string collected, Source source, int depth)
    {
        if (argument is null)
        {
            return string.Empty;
        }

        if (depth + 1 > MaxDepth)
        {
            Truncate(byDepth: true);
            return string.Empty;
        }

        if (source.File is not null && argument.SingleQuoted(source.Text) is { } quoted)
        {
            var (nodes, error) = M4Parser.ParseFragment(source.Text, quoted.Inner.Start, quoted.Inner.End, _macros.ContainsKey);
            if (error is null)
            {
                return Expand(nodes, source, depth + 1);
            }
        }

        return Rescan(collected, depth + 1);
    }

    private string Call(M4Call call, Source source, int depth)
    {
        string[] args;
        _collecting++;
        try
        {
            args = (call.Arguments ?? []).Select(a => Expand(a.Items, source, depth)).ToArray();
        }
        finally
        {
            _collecting--;
        }

        string Arg(int i) => i < args.Length ? args[i] : string.Empty;
        switch (call.Name)
        {
            case "define" or "pushdef":
                if (Running)
                {
                    DefineFromFile(call, args, source);
                }

                return string.Empty;
            case "undefine" or "popdef" when Running:
                foreach (var name in args)
                {
                    Retire(name);
                    _macros.Remove(name);
                }

                return string.Empty;
            case "undefine" or "popdef":
                return string.Empty;
            case "defn":
                foreach (var name in args)
                {
                    if (_macros.TryGetValue(name, out var read))
                    {
                        Read(read);
                    }
                }

                return string.Concat(args.Select(a => _macros.TryGetValue(a, out var m) ? "`" + m.Value + "'" : string.Empty));
            case "ifdef":
                if (_macros.TryGetValue(Arg(0), out var tested))
                {
                    Read(tested);
                }

                return _macros.ContainsKey(Arg(0))
                    ? RescanArgument(call.Argument(1), Arg(1), source, depth)
                    : RescanArgument(call.Argument(2), Arg(2), source, depth);
            case "ifelse":
                return IfElse(call, args, source, depth);
            case "include" or "sinclude" when !Running:
                return string.Empty;
            case "include" or "sinclude":
                _calls.Add(new CfCall(call.Name, args, source.Span(call.Span)));
                if (IsCfM4Include(call, source.Text))
                {
                    LoadCf();
                    return string.Empty;
                }

                return Include(call.Name == "sinclude", Arg(0), source.Span(call.Span) ?? _topLevel, source, depth);
            case "divert":
                if (Running)
                {
                    _diversions.Divert(Arg(0));
                }

                return string.Empty;
            case "divnum" or "undivert" or "changecom" or "changequote" or "errprint" or "m4exit"
                or "traceon" or "traceoff" or "dumpdef" or "debugmode" or "debugfile" or "m4wrap" or "syscmd" or "esyscmd":
                return string.Empty;
            case "len":
                return Arg(0).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "shift":
                return string.Join(",", args.Skip(1).Select(a => "`" + a + "'"));
        }

        if (M4Parser.SendmailCfMacros.Contains(call.Name) && !_macros.ContainsKey(call.Name))
        {
            if (!Running)
            {
                return string.Empty;
            }

            var cfCall = new CfCall(call.Name, args, source.Span(call.Span) ?? _topLevel);
            _calls.Add(cfCall);
            if (SendmailCfKnowledge.NamesRead(cfCall) is { } names)
            {
                foreach (var name in names)
                {
                    if (_macros.TryGetValue(name, out var definition))
                    {
                        Read(definition);
                    }
                }
            }
            else
            {
                _readsOfEverything++;
            }

            SendmailCfKnowledge.Apply(cfCall, this);
            _diversions.DivertFor(cfCall, Writing);
            return string.Empty;
        }

        if (_macros.TryGetValue(call.Name, out var macro))
        {
            Read(macro);
            return Rescan(M4Substitution.Apply(macro.Value, call.Name, args), depth + 1);
        }

        // A builtin mtalint does not model (eval, substr...): m4 would compute something; nothing here depends on it.
        return string.Empty;
    }

    /// <summary>Paths into sendmail-cf's own tree (OSTYPE files and the like): its macros are known, its files are not read.</summary>
    private static readonly string[] CfTrees = ["/usr/share/sendmail/cf/", "/usr/share/sendmail-cf/", "/usr/lib/sendmail-cf/", "/usr/share/sendmail/"];

    /// <summary>m4's include: the file's expansion in place, read through the loader; a file that is not there is an error for m4 (not for sinclude).</summary>
    private string Include(bool silent, string path, SourceSpan? at, Source source, int depth)
    {
        if (_loadInclude is null || source.File is null || at is null || path.Length == 0 || CfTrees.Any(t => path.StartsWith(t, StringComparison.Ordinal)))
        {
            return string.Empty;
        }

        if (depth + 1 > MaxDepth)
        {
            Truncate(byDepth: true); // an include that includes itself: m4 would not finish either
            return string.Empty;
        }

        var file = _loadInclude(path, source.File, out var unreadable);
        if (file is null)
        {
            if (!silent || unreadable is not null)
            {
                _missing.Add(new McMissingInclude(at, path, unreadable));
            }

            return string.Empty;
        }

        var parsed = M4Parser.Parse(file);
        if (parsed.Error is not null)
        {
            _missing.Add(new McMissingInclude(at, path, $"m4 cannot read it: {parsed.Error.Message} at {parsed.Error.Location}"));
            return string.Empty;
        }

        if (!_included.Contains(file))
        {
            _included.Add(file);
            _maxSteps += (long)StepsPerChar * file.Text.Length;
        }

        return Expand(parsed.Document.Nodes, new Source(file.Text, file), depth + 1);
    }

    private string IfElse(M4Call call, string[] args, Source source, int depth)
    {
        // ifelse(a, b, then, [a2, b2, then2, ...] else): one argument is m4's comment idiom.
        for (var i = 0; i + 2 < args.Length; i += 3)
        {
            if (args[i] == args[i + 1])
            {
                return RescanArgument(call.Argument(i + 2), args[i + 2], source, depth);
            }

            if (i + 4 == args.Length)
            {
                return RescanArgument(call.Argument(i + 3), args[i + 3], source, depth);
            }
        }

        return string.Empty;
    }

    private void DefineFromFile(M4Call call, string[] args, Source source)
    {
        if (args.Length == 0 || args[0].Length == 0)
        {
            return;
        }

        var name = args[0];
        var value = args.Length > 1 ? args[1] : string.Empty;
        var valueArg = call.Argument(1);
        var quoted = valueArg?.SingleQuoted(source.Text);
        var valueSpan = valueArg is null ? null
            : quoted is not null ? source.Span(quoted.Inner)
            : source.Span(valueArg.Content);
        var nameArg = call.Argument(0)!;
        var nameSpan = nameArg.SingleQuoted(source.Text) is { } quotedName ? quotedName.Inner : nameArg.Content;
        var definition = new MacroDefinition(name, value, source.Span(call.Span) ?? _topLevel, source.Span(nameSpan), valueSpan,
            ValueQuoted: quoted is not null, FromFile: source.File is not null);
        Put(definition);
        if (definition.FromFile)
        {
            _fileDefines.Add(definition);
        }
    }

    /// <summary>True once cf.m4's own definitions are in effect.</summary>
    public bool CfLoaded => _cfLoaded;
}
