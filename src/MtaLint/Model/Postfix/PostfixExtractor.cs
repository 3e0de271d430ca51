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
public sealed class PostfixExtractor
{
    private readonly MainCfDocument? _main;
    private readonly MasterCfDocument? _master;
    private readonly AnalysisOptions _options;
    private readonly PostfixDefaults _defaults = PostfixDefaults.Instance;
    private readonly Dictionary<string, MainCfAssignment> _mainEffective;
    private readonly IReadOnlyDictionary<string, TextSlice> _mainValues;
    private readonly PostfixParsedValues _parsed;
    private readonly IReadOnlyDictionary<string, string> _serviceDefaults;
    private readonly Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> _overrides = [];
    private readonly Dictionary<string, List<MasterCfEntry>> _overriddenBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _globalValid = new(StringComparer.Ordinal);
    private readonly Dictionary<MasterCfEntry, HashSet<string>> _localValid = [];
    private readonly HashSet<string> _restrictionClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<MasterCfEntry, PostfixScope> _scopes = [];
    private readonly PostfixScope _mainScope;
    private readonly PostfixExpansionBudget _budget;

    public PostfixExtractor(MainCfDocument? main, MasterCfDocument? master, AnalysisOptions options)
    {
        _main = main;
        _master = master;
        _options = options;
        // Sized for names set once (the usual case); the parsed values are not, as values repeat ("yes", "$myhostname").
        _parsed = new PostfixParsedValues();
        _budget = new PostfixExpansionBudget((main?.File.Text.Length ?? 0) + (master?.File.Text.Length ?? 0));
        _mainEffective = new Dictionary<string, MainCfAssignment>(main?.Assignments.Count ?? 0, StringComparer.Ordinal);
        foreach (var a in main?.Assignments ?? [])
        {
            if (!_defaults.ReadOnlyParameters.Contains(a.Name))
            {
                _mainEffective[a.Name] = a; // last one wins
            }
        }

        _mainValues = new AssignmentValues(_mainEffective);

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
            _localValid[entry] = new HashSet<string>(StringComparer.Ordinal);
        }

        _mainScope = NewScope("main.cf", null);
        RegisterUserParameters();
    }

    /// <summary>The parameters as main.cf alone gives them (what <c>postconf -x</c> shows).</summary>
    public PostfixScope MainScope => _mainScope;

    /// <summary>Names Postfix knows in main.cf: built-in, service-defined, and user-defined ones that are used.</summary>
    public bool IsKnown(string name) =>
        _defaults.BuiltInNames.Contains(name) || _serviceDefaults.ContainsKey(name) || _globalValid.Contains(name);

    public bool IsKnownIn(MasterCfEntry entry, string name) =>
        _defaults.BuiltInNames.Contains(name) || _serviceDefaults.ContainsKey(name)
        || _localValid[entry].Contains(name) || _restrictionClasses.Contains(name);

    /// <summary>main.cf as <c>postconf -n</c> prints it (without <c>config_directory</c>): whitespace runs folded to one space.</summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings()
    {
        // Sorted names, then one table made at its size (filled in that order, which is the order it lists them in).
        var names = new List<string>(_mainEffective.Count);
        foreach (var name in _mainEffective.Keys)
        {
            if (IsKnown(name))
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
        CollectMain(assignments, references, errors);
        CollectMaster(assignments, references, errors);
        if (_budget.Cut is { } chain)
        {
            errors.Add(ExpansionBombError(chain));
        }

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
            ClientTls = ClientTls(),
            Assignments = assignments,
            References = references,
            Deprecated = new PostfixLegacyTls(_main, _master, _mainScope, ScopeOf).Find(),
            KnownSettingNames = new SettingNames(_defaults.BuiltInNames, new DeferredCollection<string>(OwnKnownNames)),
            RenameProblem = RenameProblem,
            EffectiveSettings = new DeferredDictionary<string, string>(EffectiveSettings), // made when read: it holds a copy of each value
            SettingsFile = _main?.File,
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
            : null;
    }

    /// <summary>
    /// The expansion budget ran out while <paramref name="chain"/> (outermost first) was being
    /// expanded: reported at the first of them written in main.cf (else in master.cf), with the
    /// chain and, when each value uses the next more than once, the factor it grows by per level.
    /// </summary>
    private SyntaxError ExpansionBombError(IReadOnlyList<string> chain)
    {
        SourceSpan? at = null;
        string? name = null;
        foreach (var n in chain)
        {
            if (_mainEffective.TryGetValue(n, out var a) && _main is not null)
            {
                (at, name) = (_main.File.Span(a.NameSpan.Start, a.NameSpan.Length), n);
                break;
            }

            if (_master is not null && _overriddenBy.TryGetValue(n, out var entries) && _overrides[entries[0]].TryGetValue(n, out var o))
            {
                (at, name) = (_master.File.Span(o.NameSpan.Start, o.NameSpan.Length), n);
                break;
            }
        }

        var file = _main?.File ?? _master!.File;
        at ??= file.Span(0, 0);
        var shown = chain.Count <= 6 ? chain : [.. chain.Take(3), "…", .. chain.TakeLast(2)];
        var path = chain.Count < 2 ? string.Empty
            : ": " + string.Join(" → ", shown.Select((n, i) => i == 0 || n == "…" ? n : "$" + n)) + GrowthNote(chain);
        return new SyntaxError(at,
            $"{name ?? "this configuration"}: its $references expand past {_budget.Limit:N0} characters, mtalint's budget for this configuration"
            + $" (1 MiB and {PostfixExpansionBudget.CharsPerInputChar} per character of its files){path}; Postfix expands a value in full wherever it is used,"
            + " so postconf and the daemons would not finish, or would run out of memory");
    }

    /// <summary>
    /// ", and from $a0 on each uses the next 2 times, so the text doubles at each level" when the
    /// chain ends in values that each use the next more than once (at least two such links); else empty.
    /// </summary>
    private string GrowthNote(IReadOnlyList<string> chain)
    {
        var least = int.MaxValue;
        var from = chain.Count - 1;
        var names = new List<(string Name, int NameStart)>();
        while (from > 0)
        {
            names.Clear();
            _parsed.AddReferencedNames(_mainScope.Parameters.RawText(chain[from - 1]) ?? TextSlice.Empty, names);
            var uses = names.Count(r => r.Name == chain[from]);
            if (uses < 2)
            {
                break;
            }

            least = Math.Min(least, uses);
            from--;
        }

        return chain.Count - 1 - from >= 2
            ? $", and from ${chain[from]} on each uses the next at least {least} times, so the text {(least == 2 ? "doubles" : $"grows {least}-fold")} at each level"
            : string.Empty;
    }

    private PostfixScope NewScope(string name, MasterCfEntry? entry) => new(
        name,
        entry ?? (_main is null ? FallbackEntry() : null),
        _mainEffective,
        _mainValues,
        entry is null ? new Dictionary<string, MasterCfOverride>() : _overrides[entry],
        _serviceDefaults,
        _main?.File,
        _master?.File,
        _options.EffectiveHostname,
        DefaultEditor(entry),
        _parsed,
        _budget,
        _mainScope?.Parameters);

    /// <summary>Where a default is written: main.cf, or without one, a <c>-o</c> on the services that share it.</summary>
    private ISettingEditor DefaultEditor(MasterCfEntry? entry)
    {
        if (_main is not null)
        {
            return new PostfixSettingEditor(_main.File);
        }

        var target = entry ?? FallbackEntry();
        if (_master is null || target is null)
        {
            return new PostfixSettingEditor(new SourceFile("main.cf", string.Empty));
        }

        // One editor for all listeners, so that the edit they share is made once.
        _listeners ??= ListenerScopes().ToList();
        return _listeners.Contains(target)
            ? _listenersEditor ??= new PostfixServiceGroupSettingEditor(_master.File, _listeners)
            : new PostfixServiceGroupSettingEditor(_master.File, [target]);
    }

    private List<MasterCfEntry>? _listeners;
    private PostfixServiceGroupSettingEditor? _listenersEditor;

    /// <summary>The entries whose parameters SMTP listeners use (a postscreen listener uses its smtpd pass entry).</summary>
    private IEnumerable<MasterCfEntry> ListenerScopes()
    {
        var pass = _master?.Entries.FirstOrDefault(e => e.Type == "pass" && e.CommandName == "smtpd");
        foreach (var entry in _master?.Entries ?? [])
        {
            if (entry.Type == "inet" && entry.CommandName is "smtpd" or "postscreen")
            {
                yield return entry.CommandName == "postscreen" ? pass ?? entry : entry;
            }
        }
    }

    /// <summary>
    /// Without a main.cf, a global setting can only be written as a <c>-o</c>: on the outbound
    /// <c>smtp</c> transport when there is one, else on the first SMTP listener or entry.
    /// </summary>
    private MasterCfEntry? FallbackEntry() =>
        _master?.Entries.FirstOrDefault(e => e.ServiceName == "smtp" && e.Type == "unix" && e.CommandName == "smtp")
        ?? _master?.Entries.FirstOrDefault(e => e.Type == "inet" && e.CommandName == "smtpd")
        ?? _master?.Entries.FirstOrDefault();

    /// <summary><c>master.cf smtp/inet</c>; an entry whose name and type repeat an earlier one's gets its line too (each entry has its own <c>-o</c> name space).</summary>
    private string ScopeName(MasterCfEntry entry)
    {
        var name = "master.cf " + entry.NameSpace;
        var first = _master!.Entries.First(e => e.NameSpace == entry.NameSpace);
        return ReferenceEquals(first, entry) ? name : $"{name} (line {_master.File.GetPosition(entry.Line.Start).Line})";
    }

    private PostfixScope ScopeOf(MasterCfEntry? entry)
    {
        if (entry is null)
        {
            return _mainScope;
        }

        if (!_scopes.TryGetValue(entry, out var scope))
        {
            _scopes[entry] = scope = NewScope(ScopeName(entry), entry);
        }

        return scope;
    }

    /// <summary>
    /// Which user-defined names are "used", as postconf decides: a name=value whose name is
    /// referenced as <c>$name</c> in any value scanned (explicit values in main.cf and in <c>-o</c>,
    /// defaults of parameters left unset), or listed in <c>smtpd_restriction_classes</c>.
    /// </summary>
    private void RegisterUserParameters()
    {
        var names = new List<(string Name, int NameStart)>();
        foreach (var name in Words(_mainScope.Expanded("smtpd_restriction_classes")))
        {
            _restrictionClasses.Add(name);
            if (_mainEffective.ContainsKey(name))
            {
                _globalValid.Add(name);
            }
        }

        foreach (var (entry, overrides) in _overrides)
        {
            var local = ScopeOf(entry);
            if (overrides.ContainsKey("smtpd_restriction_classes"))
            {
                foreach (var name in Words(local.Expanded("smtpd_restriction_classes")))
                {
                    Validate(name, entry);
                }
            }

            foreach (var (name, o) in overrides)
            {
                if (!_defaults.RawParameters.Contains(name))
                {
                    names.Clear();
                    _parsed.AddReferencedNames(o.Value, names);
                    foreach (var (referenced, _) in names)
                    {
                        Validate(referenced, entry);
                    }
                }
            }
        }

        foreach (var d in _defaults.DefaultsWithReferences)
        {
            if (!_mainEffective.ContainsKey(d.Name))
            {
                foreach (var referenced in d.Referenced)
                {
                    Validate(referenced, null);
                }
            }
        }

        // Service-defined names (from master.cf, else the stock one) left unset: their defaults are scanned too.
        var serviceReferences = _master is null
            ? _defaults.StockServiceDefaultsWithReferences
            : PostfixDefaults.WithReferences(_serviceDefaults, _defaults.RawParameters);
        foreach (var d in serviceReferences)
        {
            if (!_mainEffective.ContainsKey(d.Name))
            {
                foreach (var referenced in d.Referenced)
                {
                    Validate(referenced, null);
                }
            }
        }

        foreach (var (name, a) in _mainEffective)
        {
            if (!_defaults.RawParameters.Contains(name))
            {
                names.Clear();
                _parsed.AddReferencedNames(a.ValueText.Chars, names);
                foreach (var (referenced, _) in names)
                {
                    Validate(referenced, null);
                }
            }
        }
    }

    /// <summary>flag_user_parameter: a reference validates the name=value of its own scope, else main.cf's; one from main.cf also validates every service's.</summary>
    private void Validate(string name, MasterCfEntry? from)
    {
        if (from is not null && _overrides[from].ContainsKey(name))
        {
            _localValid[from].Add(name);
        }
        else if (_mainEffective.ContainsKey(name))
        {
            _globalValid.Add(name);
        }

        if (from is null && _overriddenBy.TryGetValue(name, out var entries))
        {
            // Only the entries that override the name: one lookup per reference, not a scan of master.cf.
            foreach (var entry in entries)
            {
                _localValid[entry].Add(name);
            }
        }
    }

    private static IEnumerable<string> Words(string value) =>
        value.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);

    private static readonly char[] WordSeparators = [' ', '\t', '\r', '\n', ','];

    private void CollectMain(List<SettingAssignment> assignments, List<ValueReference> references, List<SyntaxError> errors)
    {
        if (_main is null)
        {
            return;
        }

        var file = _main.File;
        var names = new List<(string Name, int NameStart)>();
        foreach (var a in _main.Assignments)
        {
            var known = IsKnown(a.Name) || _defaults.ReadOnlyParameters.Contains(a.Name);
            var used = known && ReferenceEquals(_mainEffective.GetValueOrDefault(a.Name), a);
            var valueError = CollectReferences(a.Name, a.ValueText, file, _mainScope, used, references, errors, names);
            if (used && valueError is null && _mainScope.Parameters.ExpandsInCycle(a.Name))
            {
                errors.Add(new SyntaxError(file.Span(a.NameSpan.Start, a.NameSpan.Length),
                    $"{a.Name}: unreasonable macro call nesting: expanding it runs into a cycle of $references (or nests past 100), where Postfix stops"));
            }
            assignments.Add(new SettingAssignment(a.Name, "main.cf", file.Span(a.NameSpan.Start, a.NameSpan.Length),
                file.Span(a.WholeSpan.Start, a.WholeSpan.Length), known, a.ValueText.Chars, valueError));
        }
    }

    private void CollectMaster(List<SettingAssignment> assignments, List<ValueReference> references, List<SyntaxError> errors)
    {
        if (_master is null)
        {
            return;
        }

        var file = _master.File;
        var names = new List<(string Name, int NameStart)>();
        foreach (var entry in _master.Entries)
        {
            var scope = ScopeOf(entry);
            foreach (var o in entry.Overrides)
            {
                var known = IsKnownIn(entry, o.Name);
                var valueError = CollectReferences(o.Name, o.ValueText, file, scope, known, references, errors, names);
                assignments.Add(new SettingAssignment(o.Name, ScopeName(entry), file.Span(o.NameSpan.Start, o.NameSpan.Length),
                    file.Span(o.RemovalSpan.Start, o.RemovalSpan.Length), known, o.Value, valueError));
            }
        }
    }

    /// <summary>
    /// References in a value; a value Postfix cannot expand is fatal for it when the parameter is
    /// used. Returns why the value cannot be expanded (also when unused: a rename could put it to use), else null.
    /// <paramref name="names"/> is a list to reuse, its contents of no matter.
    /// </summary>
    private string? CollectReferences(string name, MappedText value, SourceFile file, PostfixScope scope, bool used, List<ValueReference> references,
        List<SyntaxError> errors, List<(string Name, int NameStart)> names)
    {
        if (_defaults.RawParameters.Contains(name))
        {
            return null;
        }

        var expression = _parsed.TryParse(value.Chars, out var error);
        if (expression is null)
        {
            if (used)
            {
                var at = value.ToFile(error!.Offset);
                errors.Add(new SyntaxError(file.Span(at, Math.Min(1, value.Length - error.Offset)), $"{name}: {error.Message}"));
            }

            return error!.Message;
        }

        names.Clear();
        expression.AddReferencedNames(names);
        foreach (var (referenced, start) in names)
        {
            var span = value.FileSpan(start, start + referenced.Length);
            // A legacy name (smtpd_client_connection_limit_exceptions) has no default of its own but Postfix
            // knows it: postconf reads it as empty, as in its own ${legacy_name:$default} defaults.
            var defined = scope.Parameters.Raw(referenced) is not null || _defaults.LegacyParameters.Contains(referenced);
            references.Add(new ValueReference(referenced, file.Span(span.Start, span.Length), defined, name));
        }

        return null;
    }

    private IReadOnlyList<Service> Services()
    {
        if (_master is null)
        {
            return [BuildService("smtp", null, null, new PostfixListenAddress(null, "smtp", 25))];
        }

        var services = new List<Service>();
        var listeners = _master.Entries.Where(e => e.Type == "inet" && e.CommandName is "smtpd" or "postscreen");
        foreach (var (entry, settings) in listeners.Zip(ListenerScopes()))
        {
            // Behind postscreen, clients that pass get the smtpd "pass" service: its banner, TLS and AUTH.
            services.Add(BuildService(entry.ServiceName, entry, settings, PostfixListenAddress.Parse(entry.ServiceName)));
        }

        return services;
    }

    private Service BuildService(string name, MasterCfEntry? definition, MasterCfEntry? settings, PostfixListenAddress address)
    {
        var scope = ScopeOf(settings);
        var file = _master?.File;
        var interfaces = Words(scope.Expanded("inet_interfaces")).ToArray();
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
            Tls = ServerTls(scope),
            Auth = Auth(scope),
            Vrfy = Vrfy(scope),
            Expn = new CommandPolicy
            {
                Enabled = false,
                Setting = new ConfigValue("EXPN", "not implemented by Postfix", null, null, new PostfixSettingEditor(_main?.File ?? new SourceFile("main.cf", string.Empty))),
            },
            Relay = Relay(scope),
        };
    }

    private ServerTls ServerTls(PostfixScope scope)
    {
        var levelSetting = scope.Value("smtpd_tls_security_level");
        var level = (levelSetting.Expanded ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => scope.IsYes("smtpd_enforce_tls") ? TlsLevel.Mandatory : scope.IsYes("smtpd_use_tls") ? TlsLevel.Opportunistic : TlsLevel.None,
            "none" => TlsLevel.None,
            "may" => TlsLevel.Opportunistic,
            _ => TlsLevel.Mandatory,
        };
        if (scope.IsYes("smtpd_tls_wrappermode"))
        {
            level = TlsLevel.Implicit;
        }

        var chain = scope.Value("smtpd_tls_chain_files");
        var cert = scope.Value("smtpd_tls_cert_file");
        var key = scope.Value("smtpd_tls_key_file");
        var hasRsa = !string.IsNullOrWhiteSpace(cert.Expanded) && !string.IsNullOrWhiteSpace(key.Expanded);
        var hasEc = !string.IsNullOrWhiteSpace(scope.Expanded("smtpd_tls_eccert_file")) && !string.IsNullOrWhiteSpace(scope.Expanded("smtpd_tls_eckey_file"));
        var hasChain = !string.IsNullOrWhiteSpace(chain.Expanded);
        var protocols = scope.Value("smtpd_tls_protocols");
        var mandatory = scope.Value("smtpd_tls_mandatory_protocols");
        return new ServerTls
        {
            Level = level,
            LevelSetting = levelSetting,
            ListenerLevelSetting = scope.Entry is null || _master is null ? null : scope.ServiceValue("smtpd_tls_security_level"),
            OpportunisticRaw = "may",
            Certificate = hasChain ? chain : !hasRsa && hasEc ? scope.Value("smtpd_tls_eccert_file") : cert,
            PrivateKey = hasChain ? chain : !hasRsa && hasEc ? scope.Value("smtpd_tls_eckey_file") : key,
            HasCertificate = hasRsa || hasEc || hasChain,
            Protocols = new TlsProtocolPolicy(protocols, PostfixTlsProtocols.Parse(protocols.Expanded ?? string.Empty))
            {
                ModernOnlyRaw = PostfixTlsProtocols.ModernOnly,
                WithoutSslRaw = PostfixTlsProtocols.WithoutSsl(protocols.Raw),
            },
            MandatoryProtocols = new TlsProtocolPolicy(mandatory, PostfixTlsProtocols.Parse(mandatory.Expanded ?? string.Empty))
            {
                ModernOnlyRaw = PostfixTlsProtocols.ModernOnly,
                WithoutSslRaw = PostfixTlsProtocols.WithoutSsl(mandatory.Raw),
            },
            ImplicitTlsSetting = scope.ServiceValue("smtpd_tls_wrappermode"),
            ImplicitTlsRaw = "yes",
        };
    }

    private ClientTls? ClientTls()
    {
        var commands = _master is null
            ? _defaults.StockServices.Where(s => s.Type == "unix").Select(s => (s.Name, s.Command)).ToList()
            : _master.Entries.Where(e => e.Type == "unix").Select(e => (e.ServiceName, e.CommandName)).ToList();
        var routing = PostfixSmtpDelivery.Parameters.ToHashSet(StringComparer.Ordinal);
        var scopes = new[] { _mainScope }.Concat(_overrides.Where(kv => kv.Value.Keys.Any(routing.Contains)).Select(kv => ScopeOf(kv.Key)));
        var used = PostfixSmtpDelivery.ServicesUsed(scopes, commands);
        if (used.Count == 0)
        {
            return null; // nothing is ever sent by SMTP (default_transport = error...): outbound TLS has nothing to protect
        }

        // Outbound mail goes through the "smtp" transport (else the first smtp(8) service mail reaches); its -o overrides apply to it.
        var transport = _master?.Entries.Where(e => e.Type == "unix" && e.CommandName == "smtp" && used.Contains(e.ServiceName))
            .OrderBy(e => e.ServiceName != "smtp").FirstOrDefault();
        if (_main is null && transport is null)
        {
            return null; // a master.cf alone without the smtp transport: nowhere outbound TLS is read or written
        }

        var scope = ScopeOf(transport);
        var levelSetting = scope.Value("smtp_tls_security_level");
        var level = (levelSetting.Expanded ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => scope.IsYes("smtp_enforce_tls") ? TlsLevel.Mandatory : scope.IsYes("smtp_use_tls") ? TlsLevel.Opportunistic : TlsLevel.None,
            "none" => TlsLevel.None,
            "may" or "dane" => TlsLevel.Opportunistic,
            _ => TlsLevel.Mandatory,
        };
        return new ClientTls { Level = level, LevelSetting = levelSetting, OpportunisticRaw = "may" };
    }

    private static AuthPolicy Auth(PostfixScope scope)
    {
        var enabled = scope.Value("smtpd_sasl_auth_enable");
        var offered = scope.IsYes("smtpd_sasl_auth_enable");
        var tlsOnly = scope.Value("smtpd_tls_auth_only");
        var level = scope.Expanded("smtpd_tls_security_level").Trim().ToLowerInvariant();
        var requiresTls = scope.IsYes("smtpd_tls_auth_only") || scope.IsYes("smtpd_tls_wrappermode")
            || level is "encrypt" || level.Length == 0 && scope.IsYes("smtpd_enforce_tls");
        return new AuthPolicy
        {
            Offered = offered,
            EnabledBy = offered ? enabled : null,
            RequiresTls = requiresTls,
            RequireTlsSetting = tlsOnly,
            RequireTlsRaw = "yes",
        };
    }

    private static CommandPolicy Vrfy(PostfixScope scope)
    {
        var setting = scope.Value("disable_vrfy_command");
        return new CommandPolicy
        {
            Enabled = !scope.IsYes("disable_vrfy_command"),
            Setting = setting,
            DisableEdit = setting.SetTo("yes"),
            DisableDescription = setting.DescribeAssignment("yes"),
        };
    }

    private static RelayPolicy Relay(PostfixScope scope)
    {
        var networks = scope.Value("mynetworks");
        var source = scope.Source("mynetworks");
        var trusted = new List<TrustedNetwork>();
        var searchFrom = 0;
        // Tokens map back to the file only when the value has no references; checked once, not per token (a 1 MB list).
        var literal = source is { } value && !value.Text.Text.Contains('$');
        foreach (var token in Words(networks.Expanded ?? string.Empty))
        {
            SourceSpan? span = null;
            if (literal && source is { } s)
            {
                var at = s.Text.Text.IndexOf(token, searchFrom, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var fileSpan = s.Text.FileSpan(at, at + token.Length);
                    span = s.File.Span(fileSpan.Start, fileSpan.Length);
                    searchFrom = at + token.Length;
                }
            }

            trusted.Add(new TrustedNetwork(token, IsEveryone(token), span));
        }

        var relayList = Words(scope.Expanded("smtpd_relay_restrictions")).ToList();
        var recipientList = Words(scope.Expanded("smtpd_recipient_restrictions")).ToList();
        var classes = Words(scope.Expanded("smtpd_restriction_classes")).ToHashSet(StringComparer.Ordinal);
        var restricts = Refuses(relayList, scope, classes, 0) || Refuses(recipientList, scope, classes, 0)
            || !HasRequired(relayList, scope, classes, 0) && !HasRequired(recipientList, scope, classes, 0);
        return new RelayPolicy
        {
            TrustedNetworks = trusted,
            RestrictsUnauthorizedDestinations = restricts,
            RestrictionSetting = scope.Value("smtpd_relay_restrictions"),
        };
    }

    /// <summary>What smtpd insists on (smtpd_check_init): without one of these in either list it refuses to start, so nothing relays.</summary>
    private static readonly string[] Required =
        ["reject_unauth_destination", "defer_unauth_destination", "reject", "defer", "defer_if_permit", "check_relay_domains"];

    private static bool HasRequired(List<string> list, PostfixScope scope, HashSet<string> classes, int depth) =>
        list.Any(w => Required.Contains(w, StringComparer.OrdinalIgnoreCase)
            || depth < 10 && classes.Contains(w) && HasRequired(Words(scope.Expanded(w)).ToList(), scope, classes, depth + 1));

    /// <summary>
    /// A list refuses relaying when a refusing restriction comes before any plain <c>permit</c>
    /// (restriction classes are followed into their values).
    /// </summary>
    private static bool Refuses(List<string> list, PostfixScope scope, HashSet<string> classes, int depth)
    {
        foreach (var word in list)
        {
            if (Required.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (word.Equals("permit", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (depth < 10 && classes.Contains(word) && Refuses(Words(scope.Expanded(word)).ToList(), scope, classes, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A network with prefix length 0 (<c>0.0.0.0/0</c>, <c>::/0</c>, <c>[::]/0</c>, <c>0/0</c>) is the whole internet.</summary>
    public static bool IsEveryone(string token)
    {
        if (token.StartsWith('!'))
        {
            return false;
        }

        var slash = token.LastIndexOf('/');
        if (slash <= 0 || token[(slash + 1)..].TrimEnd(']') != "0")
        {
            return false;
        }

        var address = token[..slash].Trim('[', ']');
        return address == "0" || System.Net.IPAddress.TryParse(address, out _);
    }

    /// <summary>The names this unit knows beyond the built-in ones: service-defined, and user-defined ones that are used.</summary>
    private IReadOnlyCollection<string> OwnKnownNames() =>
        SettingNames.BeyondBuiltIn(_defaults.BuiltInNames, _serviceDefaults.Keys.Concat(_globalValid).Concat(_localValid.Values.SelectMany(local => local)));
}

/// <summary>
/// The values of main.cf's effective assignments, read through to them: what the scopes look
/// up, without a second table of every name (a 100,000-line main.cf copied it for nothing).
/// </summary>
internal sealed class AssignmentValues(Dictionary<string, MainCfAssignment> assignments) : IReadOnlyDictionary<string, TextSlice>
{
    // Each value as a slice of main.cf's text: a value of megabytes is not copied to be looked up.
    public TextSlice this[string key] => assignments[key].ValueText.Chars;

    public IEnumerable<string> Keys => assignments.Keys;

    public IEnumerable<TextSlice> Values => assignments.Values.Select(a => a.ValueText.Chars);

    public int Count => assignments.Count;

    public bool ContainsKey(string key) => assignments.ContainsKey(key);

    public bool TryGetValue(string key, out TextSlice value)
    {
        if (assignments.TryGetValue(key, out var a))
        {
            value = a.ValueText.Chars;
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, TextSlice>> GetEnumerator() =>
        assignments.Select(kv => new KeyValuePair<string, TextSlice>(kv.Key, kv.Value.ValueText.Chars)).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
