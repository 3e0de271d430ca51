using System.Buffers;
using System.Text;
using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Builds the common model from a parsed main.cf and/or master.cf: one service per SMTP listener
/// with its effective settings after <c>-o</c> overrides, the assignments and references, which
/// names Postfix knows (built-in, service-defined, and user-defined parameters that are used, as
/// <c>postconf</c> decides), and the settings exactly as <c>postconf -n</c> prints them.
/// </summary>
internal sealed partial class PostfixExtractor
{
    private readonly MainCfDocument? _main;
    private readonly MasterCfDocument? _master;
    private readonly PostfixDefaults _defaults = PostfixDefaults.Instance;
    private readonly Dictionary<string, MainCfAssignment> _mainEffective;
    private readonly PostfixParsedValues _parsed;
    private readonly IReadOnlyDictionary<string, string> _serviceDefaults;
    private readonly Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> _overrides = [];
    private readonly Dictionary<string, List<MasterCfEntry>> _overriddenBy = new(StringComparer.Ordinal);
    private readonly PostfixScopes _scopes;
    private readonly PostfixUserParameters _userParameters;
    private readonly PostfixScope _mainScope;
    private readonly PostfixExpansionBudget _budget;

    /// <summary>What is known of the files that are templates, for the model; null when none is.</summary>
    public TemplateFacts? Template { get; init; }

    public PostfixExtractor(MainCfDocument? main, MasterCfDocument? master, AnalysisOptions options)
    {
        _main = main;
        _master = master;
        // Not sized by the input, unlike the table of names below: values repeat ("yes", "$myhostname").
        _parsed = new PostfixParsedValues();
        _budget = new PostfixExpansionBudget((main?.File.Text.Length ?? 0) + (master?.File.Text.Length ?? 0));
        // Sized for names set once, the usual case.
        _mainEffective = new Dictionary<string, MainCfAssignment>(main?.Assignments.Count ?? 0, StringComparer.Ordinal);
        foreach (var a in main?.Assignments ?? [])
        {
            if (!_defaults.ReadOnlyParameters.Contains(a.Name))
            {
                _mainEffective[a.Name] = a; // last one wins
            }
        }

        _serviceDefaults = master is null ? _defaults.StockServiceDefaults : _defaults.ServiceDefaultsOf(master.Entries.Select(e => (e.ServiceName, e.Command)));
        foreach (var entry in master?.Entries ?? [])
        {
            var map = new Dictionary<string, MasterCfOverride>(StringComparer.Ordinal);
            foreach (var o in entry.Overrides)
            {
                if (map.TryAdd(o.Name, o))
                {
                    (_overriddenBy.TryGetValue(o.Name, out var entries) ? entries : _overriddenBy[o.Name] = []).Add(entry);
                }
                else
                {
                    map[o.Name] = o;
                }
            }

            _overrides[entry] = map;
        }

        _scopes = new PostfixScopes(main, master, options, _mainEffective, _serviceDefaults, _overrides, _parsed, _budget);
        _mainScope = _scopes.Main;
        _userParameters = new PostfixUserParameters(master, _mainEffective, _serviceDefaults, _overrides, _overriddenBy, _scopes, _parsed);
    }

    /// <summary>The parameters as main.cf alone gives them (what <c>postconf -x</c> shows).</summary>
    public PostfixScope MainScope => _mainScope;

    /// <summary>main.cf as <c>postconf -n</c> prints it (without <c>config_directory</c>): whitespace runs folded to one space.</summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings()
    {
        // Sorted names, then one table made at its size (filled in that order, which is the order it lists them in).
        var names = new List<string>(_mainEffective.Count);
        foreach (var name in _mainEffective.Keys)
        {
            if (_userParameters.IsKnown(name))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var settings = new Dictionary<string, string>(names.Count, StringComparer.Ordinal);
        foreach (var name in names)
        {
            settings.Add(name, Fold(_mainEffective[name].Value));
        }

        return settings;
    }

    public static string Fold(string value)
    {
        var span = value.AsSpan();
        // Most values are folded already (one space between words, none at the ends): kept as they are.
        if (span.IndexOfAny(FoldedAway) < 0 && !span.Contains("  ", StringComparison.Ordinal)
            && (span.Length == 0 || span[0] != ' ' && span[^1] != ' '))
        {
            return value;
        }

        var folded = new StringBuilder(value.Length);
        foreach (var word in span.SplitAny(Blanks))
        {
            if (word.Start.Equals(word.End))
            {
                continue;
            }

            if (folded.Length > 0)
            {
                folded.Append(' ');
            }

            folded.Append(span[word]);
        }

        return folded.ToString();
    }

    private const string Blanks = " \t\r\n\v\f";

    private static readonly SearchValues<char> FoldedAway = SearchValues.Create("\t\r\n\v\f");

    public AnalysisResult Extract()
    {
        var errors = new List<SyntaxError>();
        errors.AddRange(_main?.Errors ?? []);
        errors.AddRange(_master?.Errors ?? []);
        var references = new List<ValueReference>();
        var assignments = new List<SettingAssignment>();
        var collector = new PostfixAssignmentCollector(_main, _master, _mainEffective, _scopes, _userParameters, _parsed);
        collector.CollectMain(assignments, references, errors);
        collector.CollectMaster(assignments, references, errors);
        if (_budget.Cut is { } chain)
        {
            errors.Add(ExpansionBombError(chain));
        }

        // A line with a tag in it reads differently in each rendering: what the masked line breaks is no error of the template.
        errors.RemoveAll(e => Template?.OnHoleLine(e.Location) == true);
        if (errors.Count > 0)
        {
            return new AnalysisResult(null, errors);
        }

        var files = new List<SourceFile>();
        if (_main is not null)
        {
            files.Add(_main.File);
        }

        if (_master is not null)
        {
            files.Add(_master.File);
        }

        var config = new MtaConfig
        {
            Mta = MtaKind.Postfix,
            UnknownSettingConsequence = "Postfix does not know it and ignores it",
            Files = files,
            Services = Services(),
            ClientTls = PostfixTlsReader.Client(_main, _master, _mainScope, _scopes.Of, _overrides),
            Assignments = assignments,
            References = references,
            Deprecated = new PostfixLegacyTls(_main, _master, _mainScope, _scopes.Of).Find(),
            KnownSettingNames = new SettingNames(_defaults.BuiltInNames, new DeferredCollection<string>(_userParameters.OwnKnownNames)),
            RenameProblem = RenameProblem,
            EffectiveSettings = new DeferredDictionary<string, string>(EffectiveSettings), // made when read: it holds a copy of each value
            SettingsFile = _main?.File,
            Template = Template,
            StartupFailures = new PostfixStartupChecks(_mainScope, PostfixProcesses.Of(_master, _scopes), _main is not null).Find(),
        };

        // Values only a service's -o overrides make are expanded while the services are built.
        if (_budget.Cut is { } late)
        {
            return new AnalysisResult(null, [ExpansionBombError(late)]);
        }

        if (_main is null && _master is not null)
        {
            // Said once for the unit, not in every finding: each one is judged on these defaults.
            return AnalysisResult.Success(config) with
            {
                Remarks = [$"no main.cf beside it: the services of {_master.File.Path} are judged with Postfix's defaults for every main.cf setting"],
            };
        }

        return AnalysisResult.Success(config);
    }

    /// <summary>A main.cf rename whose value Postfix could not expand, or that would refer back to the new name.</summary>
    private string? RenameProblem(SettingAssignment assignment, string newName)
    {
        if (assignment.ValueError is not null || assignment.Scope != "main.cf")
        {
            return assignment.ValueError;
        }

        var renamed = _mainScope.Parameters.With(newName, assignment.Value.ToString());
        return renamed.ExpandsInCycle(newName) ? $"unreasonable macro call nesting: as {newName}, its value refers back to {newName}"
            : renamed.Budget.Exhausted ? $"as {newName}, its value would expand past {renamed.Budget.Limit:N0} characters, mtalint's budget for this configuration"
            : TypeRefusal(newName, renamed.Expanded(newName) ?? string.Empty) is { } refusal ? $"as {newName}, Postfix would refuse to start: \"fatal: {refusal}\""
            : null;
    }

    /// <summary>Why a program that reads <paramref name="name"/> with a type would exit over <paramref name="value"/>, else null.</summary>
    private static string? TypeRefusal(string name, string value) =>
        PostfixTypedParameters.Instance.All.Where(p => p.Name == name).Select(p => p.Refusal(value)).FirstOrDefault(r => r is not null);

    private IReadOnlyList<Service> Services()
    {
        if (_master is null)
        {
            return [BuildService("smtp", null, null, new PostfixListenAddress(null, "smtp", 25))];
        }

        var services = new List<Service>();
        var listeners = _master.Entries.Where(e => e.Type == "inet" && e.CommandName is "smtpd" or "postscreen");
        foreach (var (entry, settings) in listeners.Zip(_scopes.ListenerEntries()))
        {
            // Behind postscreen, clients that pass get the smtpd "pass" service: its banner, TLS and AUTH.
            services.Add(BuildService(entry.ServiceName, entry, settings, PostfixListenAddress.Parse(entry.ServiceName)));
        }

        return services;
    }

    private Service BuildService(string name, MasterCfEntry? definition, MasterCfEntry? settings, PostfixListenAddress address)
    {
        var scope = _scopes.Of(settings);
        var file = _master?.File;
        var interfaces = PostfixList.Words(scope.Expanded("inet_interfaces")).ToArray();
        var localOnly = address.Host is not null
            ? address.IsLoopback
            : interfaces.Length > 0 && interfaces.All(PostfixListenAddress.IsLoopbackHost);
        var implicitTls = address.Port == 465 || name is "smtps" or "submissions";
        return new Service
        {
            Name = name,
            Port = address.Port,
            Definition = definition is null || file is null ? null : file.Span(definition.Tokens[0].Span.Start, definition.Tokens[0].Span.Length),
            LocalOnly = localOnly,
            ExpectsImplicitTls = implicitTls,
            Banner = new PostfixBannerBuilder(scope).Build(),
            Tls = PostfixTlsReader.Server(scope, _master),
            Auth = PostfixSmtpCommandReader.Auth(scope),
            Vrfy = PostfixSmtpCommandReader.Vrfy(scope),
            Expn = PostfixSmtpCommandReader.Expn(_main),
            Relay = PostfixRelayReader.Read(scope),
        };
    }
}
