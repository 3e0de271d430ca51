using MtaLint.Syntax.Postfix;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Which names Postfix knows beyond its built-in ones, as postconf decides: the service-defined
/// ones, and a user-defined name=value when the name is used (in main.cf, or in one master.cf
/// entry's <c>-o</c> name space).
/// </summary>
internal sealed class PostfixUserParameters
{
    private readonly PostfixDefaults _defaults = PostfixDefaults.Instance;
    private readonly MasterCfDocument? _master;
    private readonly Dictionary<string, MainCfAssignment> _mainEffective;
    private readonly IReadOnlyDictionary<string, string> _serviceDefaults;
    private readonly Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> _overrides;
    private readonly Dictionary<string, List<MasterCfEntry>> _overriddenBy;
    private readonly PostfixScopes _scopes;
    private readonly PostfixParsedValues _parsed;
    private readonly HashSet<string> _globalValid = new(StringComparer.Ordinal);
    private readonly Dictionary<MasterCfEntry, HashSet<string>> _localValid = [];
    private readonly HashSet<string> _restrictionClasses = new(StringComparer.Ordinal);

    /// <param name="overriddenBy">For each name set by a <c>-o</c>, the master.cf entries that set it.</param>
    public PostfixUserParameters(
        MasterCfDocument? master,
        Dictionary<string, MainCfAssignment> mainEffective,
        IReadOnlyDictionary<string, string> serviceDefaults,
        Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> overrides,
        Dictionary<string, List<MasterCfEntry>> overriddenBy,
        PostfixScopes scopes,
        PostfixParsedValues parsed)
    {
        _master = master;
        _mainEffective = mainEffective;
        _serviceDefaults = serviceDefaults;
        _overrides = overrides;
        _overriddenBy = overriddenBy;
        _scopes = scopes;
        _parsed = parsed;
        foreach (var entry in overrides.Keys)
        {
            _localValid[entry] = new HashSet<string>(StringComparer.Ordinal);
        }

        Register();
    }

    /// <summary>Names Postfix knows in main.cf: built-in, service-defined, and user-defined ones that are used.</summary>
    public bool IsKnown(string name) =>
        _defaults.BuiltInNames.Contains(name) || _serviceDefaults.ContainsKey(name) || _globalValid.Contains(name);

    /// <summary>Names Postfix knows in an entry's <c>-o</c>: built-in, service-defined, user-defined ones used there, and main.cf's restriction classes.</summary>
    public bool IsKnownIn(MasterCfEntry entry, string name) =>
        _defaults.BuiltInNames.Contains(name) || _serviceDefaults.ContainsKey(name)
        || _localValid[entry].Contains(name) || _restrictionClasses.Contains(name);

    /// <summary>The names this unit knows beyond the built-in ones: service-defined, and user-defined ones that are used.</summary>
    public IReadOnlyCollection<string> OwnKnownNames() =>
        SettingNames.BeyondBuiltIn(_defaults.BuiltInNames, _serviceDefaults.Keys.Concat(_globalValid).Concat(_localValid.Values.SelectMany(local => local)));

    /// <summary>
    /// Which user-defined names are "used", as postconf decides: a name=value whose name is
    /// referenced as <c>$name</c> in any value scanned (explicit values in main.cf and in <c>-o</c>,
    /// defaults of parameters left unset), or listed in <c>smtpd_restriction_classes</c>.
    /// </summary>
    private void Register()
    {
        var names = new List<(string Name, int NameStart)>();
        foreach (var name in PostfixList.Words(_scopes.Main.Expanded("smtpd_restriction_classes")))
        {
            _restrictionClasses.Add(name);
            if (_mainEffective.ContainsKey(name))
            {
                _globalValid.Add(name);
            }
        }

        foreach (var (entry, overrides) in _overrides)
        {
            var local = _scopes.Of(entry);
            if (overrides.ContainsKey("smtpd_restriction_classes"))
            {
                foreach (var name in PostfixList.Words(local.Expanded("smtpd_restriction_classes")))
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
}
