using MtaLint.Rules;
using MtaLint.Rules.Banners;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

using MtaLint.Text;

namespace MtaLint.Policy;

/// <summary>
/// Reads <c>.mtalint.yaml</c> strictly: an unknown key, a value of the wrong shape, an unknown
/// rule or severity is a <see cref="ProjectConfigException"/> with its line and column, quoting the
/// text as the user wrote it. Rules are named by id, name or id prefix (<see cref="RuleNames"/>).
/// </summary>
internal sealed class ProjectConfigReader
{
    private static readonly string[] TopKeys = ["disable", "enable", "severity", "fail-on", "exclude", "per-file", "hostname", "banner", "root"];
    private static readonly string[] FailOnLevels = ["error", "warning", "info", "never"];

    private readonly string _path;
    private readonly RuleNames _rules;

    private ProjectConfigReader(string path, RuleNames? rules)
    {
        _path = path;
        _rules = rules ?? RuleNames.Catalog;
    }

    /// <summary>Largest config file read: a policy is a few dozen lines, so anything near this is not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting accepted; the deepest valid setting (per-file → glob → disable → ids) is 4.</summary>
    private const int MaxDepth = 32;

    /// <summary>Most values after aliases are expanded: bounds a "billion laughs" file of nested aliases.</summary>
    private const long MaxValues = 100_000;

    /// <param name="rules">The rules a config may name (default: <see cref="RuleNames.Catalog"/>).</param>
    public static ProjectConfig Read(string path, RuleNames? rules = null)
    {
        string text;
        try
        {
            // Opened without blocking: a FIFO named .mtalint.yaml must not hang the run.
            using var stream = SafeOpen.ForRead(path);
            if (UnixFileType.IsSpecial(stream, path))
            {
                throw new ProjectConfigException(path, 1, 1, "cannot read the config file: " + UnixFileType.NotRegular(path));
            }

            if (stream.Length > MaxBytes)
            {
                throw new ProjectConfigException(path, 1, 1, $"the config file is larger than {MaxBytes / 1024 / 1024} MiB; it cannot be a policy file");
            }

            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProjectConfigException(path, 1, 1, "cannot read the config file: " + InputFile.Describe(e));
        }

        return Parse(path, text, rules);
    }

    public static ProjectConfig Parse(string path, string text, RuleNames? rules = null) => new ProjectConfigReader(path, rules).ParseText(text);

    private ProjectConfig ParseText(string text)
    {
        var stream = Load(text);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        return RootOf(stream) is { } root
            ? Settings(root, baseDirectory)
            : new ProjectConfig { SourcePath = _path, BaseDirectory = baseDirectory };
    }

    /// <summary>The text as YAML, its shape checked first (depth, size, aliases); what does not parse is an error at its place.</summary>
    private YamlStream Load(string text)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            CheckShape(text, scanner);
            stream.Load(new Parser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            // YamlDotNet puts a tab in the indentation at the start of the mapping it is in (line 1 for
            // a tab on line 2): point at the tab itself.
            if (Inner(e).Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentingTab(text) is var (line, column))
            {
                throw new ProjectConfigException(_path, line, column, "not valid YAML: a tab in the indentation; YAML indents with spaces only");
            }

            throw new ProjectConfigException(_path, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + Inner(e).Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this, not a YamlException, for some broken flow collections
            // ("disable: [MTA206" and a next line): report where its scanner stopped.
            var at = scanner.CurrentPosition;
            throw new ProjectConfigException(_path, (int)at.Line, (int)at.Column, "not valid YAML: the text before this point does not parse (is a '[' or '{' left open?)");
        }

        return stream;
    }

    /// <summary>The one document's mapping of settings; null for an empty file.</summary>
    private YamlMappingNode? RootOf(YamlStream stream)
    {
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(stream.Documents[1].RootNode, "the config file must hold one YAML document");
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, "the config file must be a mapping of settings (disable:, severity:, ...)");
    }

    /// <summary>Each top-level setting, read by its own step; a key given twice or unknown is an error.</summary>
    private ProjectConfig Settings(YamlMappingNode root, string baseDirectory)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<(RuleSelector Selector, YamlNode Node)> disable = [], enable = [];
        IReadOnlyDictionary<string, Severity> severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        string? failOn = null, hostname = null, configRoot = null;
        IReadOnlyList<Glob> exclude = [];
        IReadOnlyList<PerFilePolicy> perFile = [];
        var banner = BannerPolicyOptions.None;
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Key(keyNode, TopKeys, seen, "setting"))
            {
                case "disable":
                    disable = Selectors(value);
                    break;
                case "enable":
                    enable = Selectors(value);
                    break;
                case "severity":
                    severities = Severities(value);
                    break;
                case "fail-on":
                    failOn = FailOn(value);
                    break;
                case "exclude":
                    exclude = Sequence(value, "exclude", "a list of glob patterns").Select(GlobOf).ToList();
                    break;
                case "per-file":
                    perFile = PerFile(value);
                    break;
                case "hostname":
                    hostname = Hostname(value);
                    break;
                case "banner":
                    banner = Banner(value);
                    break;
                case "root":
                    configRoot = ConfigRoot(value, baseDirectory);
                    break;
            }
        }

        CheckNotBothEnabledAndDisabled(enable, disable);
        return new ProjectConfig
        {
            SourcePath = _path,
            BaseDirectory = baseDirectory,
            Selection = new RuleSelection(null, enable.Select(e => e.Selector).ToArray(), disable.Select(d => d.Selector).ToArray()),
            Severities = severities,
            FailOn = failOn,
            Exclude = exclude,
            PerFile = perFile,
            Hostname = hostname,
            Banner = banner,
            Root = configRoot,
        };
    }

    private Dictionary<string, Severity> Severities(YamlNode value)
    {
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var (idNode, levelNode) in Mapping(value, "severity", "a mapping of rule id to error|warning|info").Children)
        {
            var id = RuleId(idNode);
            severities[id] = Scalar(levelNode, "severity") switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                var other => throw Error(levelNode, $"severity '{other}' for {Scalar(idNode, "rule")} is not error, warning or info"),
            };
        }

        return severities;
    }

    private string FailOn(YamlNode value)
    {
        var failOn = Scalar(value, "fail-on");
        return FailOnLevels.Contains(failOn) ? failOn : throw Error(value, $"fail-on '{failOn}' is not one of {string.Join(", ", FailOnLevels)}");
    }

    private List<PerFilePolicy> PerFile(YamlNode value)
    {
        var perFile = new List<PerFilePolicy>();
        foreach (var (globNode, entry) in Mapping(value, "per-file", "a mapping of glob pattern to {disable: [ids]}").Children)
        {
            var glob = GlobOf(globNode);
            var entrySeen = new HashSet<string>(StringComparer.Ordinal);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (entryKey, entryValue) in Mapping(entry, $"per-file '{glob.Pattern}'", "a mapping with disable: [ids]").Children)
            {
                Key(entryKey, ["disable"], entrySeen, "per-file setting");
                ids = Selectors(entryValue).SelectMany(s => s.Selector.Ids).ToHashSet(StringComparer.Ordinal);
            }

            perFile.Add(new PerFilePolicy(glob, ids));
        }

        return perFile;
    }

    private string Hostname(YamlNode value)
    {
        var hostname = Scalar(value, "hostname");
        return hostname.Length == 0 || hostname.Any(c => char.IsWhiteSpace(c) || c == '$')
            ? throw Error(value, $"hostname '{hostname}' is not a host name")
            : hostname;
    }

    /// <summary>Relative to this file's folder, like the globs; it must be there, or every include would be missing.</summary>
    private string ConfigRoot(YamlNode value, string baseDirectory)
    {
        var rootText = Scalar(value, "root");
        var configRoot = Path.GetFullPath(Path.Combine(baseDirectory, rootText));
        return rootText.Length == 0 || !Directory.Exists(configRoot)
            ? throw Error(value, $"root '{rootText}' is not a folder (it is relative to {ProjectConfig.FileName}'s folder)")
            : configRoot;
    }

    /// <summary>
    /// The same rule by id or name in both lists is a contradiction; a prefix in one and a rule in
    /// the other is not: the rule, being narrower, wins (enable: [MTA101], disable: [MTA1]).
    /// </summary>
    private void CheckNotBothEnabledAndDisabled(List<(RuleSelector Selector, YamlNode Node)> enable, List<(RuleSelector Selector, YamlNode Node)> disable)
    {
        foreach (var (selector, node) in enable.Where(e => e.Selector.IsOneRule))
        {
            if (disable.FirstOrDefault(d => d.Selector.IsOneRule && d.Selector.Ids[0] == selector.Ids[0]) is { Selector: not null } other)
            {
                throw Error(node, $"'{selector.Text}' is both enabled and disabled (disable: lists '{other.Selector.Text}' on line {other.Node.Start.Line})");
            }
        }
    }

    private BannerPolicyOptions Banner(YamlNode node)
    {
        string? template = null;
        IReadOnlyList<string> forbid = [], require = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in Mapping(node, "banner", "a mapping with template:, forbid:, require:").Children)
        {
            switch (Key(keyNode, ["template", "forbid", "require"], seen, "banner setting"))
            {
                case "template":
                    template = Scalar(value, "banner template");
                    if (template.Trim().Length == 0)
                    {
                        throw Error(value, "the banner template is empty");
                    }

                    break;
                case "forbid":
                    forbid = Words(value, "banner forbid");
                    break;
                case "require":
                    require = Words(value, "banner require");
                    break;
            }
        }

        return new BannerPolicyOptions(template, forbid, require);
    }

    private List<string> Words(YamlNode node, string what) =>
        Sequence(node, what, "a list of words").Select(n =>
        {
            var word = Scalar(n, what);
            return word.Trim().Length > 0 ? word.Trim() : throw Error(n, $"empty word in {what}");
        }).ToList();

    private string Key(YamlNode node, IReadOnlyList<string> allowed, HashSet<string> seen, string what)
    {
        var key = Scalar(node, what);
        if (!allowed.Contains(key))
        {
            var suggestion = new Rules.Settings.NameSuggestions(allowed).For(key).FirstOrDefault();
            throw Error(node, $"unknown {what} '{key}'{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}; known: {string.Join(", ", allowed)}");
        }

        if (!seen.Add(key))
        {
            throw Error(node, $"'{key}' is given twice");
        }

        return key;
    }

    private List<(RuleSelector Selector, YamlNode Node)> Selectors(YamlNode node) =>
        Sequence(node, "rule list", "a list of rule ids like [MTA103, MTA109], names like banner-software or prefixes like MTA1")
            .Select(n => (_rules.Parse(Scalar(n, "rule"), out var problem) ?? throw Error(n, problem!), n))
            .ToList();

    /// <summary>One rule, by id or name (a severity is given to one rule at a time).</summary>
    private string RuleId(YamlNode node)
    {
        var text = Scalar(node, "rule");
        if (_rules.IdOf(text) is { } id)
        {
            return id;
        }

        throw Error(node, _rules.Parse(text, out var problem) is { } prefix
            ? $"'{text}' names {prefix.Ids.Count} rules; give a severity to one rule at a time (an id like MTA102 or a name like banner-os)"
            : problem!);
    }

    /// <summary>The first tab in a line's leading blanks, as (line, column), 1-based.</summary>
    private static (int Line, int Column)? IndentingTab(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var column = 0;
                while (lineStart + column < i && text[lineStart + column] is ' ' or '\t')
                {
                    if (text[lineStart + column] == '\t')
                    {
                        return (line, column + 1);
                    }

                    column++;
                }

                line++;
                lineStart = i + 1;
            }
        }

        return null;
    }

    private Glob GlobOf(YamlNode node)
    {
        var pattern = Scalar(node, "glob pattern");
        return Glob.Validate(pattern) is { } problem ? throw Error(node, $"bad glob '{pattern}': {problem}") : new Glob(pattern);
    }

    private string Scalar(YamlNode node, string what) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw Error(node, $"{what} must be a single value, not {Describe(node)}");

    private YamlMappingNode Mapping(YamlNode node, string what, string expected) => node as YamlMappingNode
        ?? throw Error(node, $"{what} must be {expected}, not {Describe(node)}");

    private IEnumerable<YamlNode> Sequence(YamlNode node, string what, string expected) => node switch
    {
        YamlSequenceNode seq => seq.Children,
        _ => throw Error(node, $"{what} must be {expected}, not {Describe(node)}"),
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "this",
    };

    private ProjectConfigException Error(YamlNode node, string message) =>
        new(_path, (int)node.Start.Line, (int)node.Start.Column, message);

    /// <summary>
    /// Bounds the document before it is loaded, on the parser's flat event stream: YamlDotNet
    /// loads nodes recursively, so 100,000 nested brackets would overflow the stack (a crash no
    /// handler catches), and aliases of aliases would expand to billions of values.
    /// </summary>
    /// <summary>Walks the events (on <paramref name="scanner"/>, whose position tells where a broken text stopped it) before YamlDotNet builds nodes recursively.</summary>
    private void CheckShape(string text, Scanner scanner)
    {
        if (text.Length > MaxBytes)
        {
            throw new ProjectConfigException(_path, 1, 1, $"the config file is larger than {MaxBytes / 1024 / 1024} MiB; it cannot be a policy file");
        }

        var parser = new Parser(scanner);
        var open = new Stack<(AnchorName Anchor, long Before)>();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long values = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case MappingStart or SequenceStart:
                    values++;
                    open.Push((((NodeEvent)current).Anchor, values - 1));
                    if (open.Count > MaxDepth)
                    {
                        throw new ProjectConfigException(_path, (int)current.Start.Line, (int)current.Start.Column, $"nested more than {MaxDepth} deep; a policy file is a few flat settings");
                    }

                    break;
                case MappingEnd or SequenceEnd when open.Count > 0:
                    var (anchor, before) = open.Pop();
                    if (!anchor.IsEmpty)
                    {
                        sizes[anchor.Value] = values - before;
                    }

                    break;
                case Scalar scalar:
                    values++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        sizes[scalar.Anchor.Value] = 1;
                    }

                    break;
                case AnchorAlias alias:
                    values += sizes.GetValueOrDefault(alias.Value.Value, 1);
                    break;
            }

            if (values > MaxValues)
            {
                throw new ProjectConfigException(_path, (int)current.Start.Line, (int)current.Start.Column, $"more than {MaxValues} values once aliases are expanded; a policy file is a few settings");
            }
        }
    }

    private static Exception Inner(Exception e) => e.InnerException is { } inner && inner.Message.Length > 0 ? inner : e;
}
