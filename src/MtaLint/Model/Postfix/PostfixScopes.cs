using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// The scopes of one configuration: main.cf's, and one per master.cf entry (main.cf under the
/// entry's <c>-o</c> overrides), each made on first use and kept, with the editor that writes a
/// default where this configuration has a place for it.
/// </summary>
internal sealed class PostfixScopes
{
    private readonly MainCfDocument? _main;
    private readonly MasterCfDocument? _master;
    private readonly AnalysisOptions _options;
    private readonly Dictionary<string, MainCfAssignment> _mainEffective;
    private readonly IReadOnlyDictionary<string, TextSlice> _mainValues;
    private readonly PostfixParsedValues _parsed;
    private readonly IReadOnlyDictionary<string, string> _serviceDefaults;
    private readonly Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> _overrides;
    private readonly Dictionary<MasterCfEntry, PostfixScope> _scopes = [];
    private readonly PostfixScope _mainScope;
    private readonly PostfixExpansionBudget _budget;
    private List<MasterCfEntry>? _listeners;
    private PostfixServiceGroupSettingEditor? _listenersEditor;

    /// <param name="mainEffective">main.cf's assignments that Postfix uses: the last of each name.</param>
    /// <param name="overrides">Each master.cf entry's <c>-o</c> overrides, the last of each name.</param>
    public PostfixScopes(
        MainCfDocument? main,
        MasterCfDocument? master,
        AnalysisOptions options,
        Dictionary<string, MainCfAssignment> mainEffective,
        IReadOnlyDictionary<string, string> serviceDefaults,
        Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> overrides,
        PostfixParsedValues parsed,
        PostfixExpansionBudget budget)
    {
        _main = main;
        _master = master;
        _options = options;
        _mainEffective = mainEffective;
        _mainValues = new AssignmentValues(_mainEffective);
        _serviceDefaults = serviceDefaults;
        _overrides = overrides;
        _parsed = parsed;
        _budget = budget;
        _mainScope = NewScope("main.cf", null);
    }

    /// <summary>The parameters as main.cf alone gives them (what <c>postconf -x</c> shows).</summary>
    public PostfixScope Main => _mainScope;

    /// <summary>The scope of a master.cf entry; main.cf's for none.</summary>
    public PostfixScope Of(MasterCfEntry? entry)
    {
        if (entry is null)
        {
            return _mainScope;
        }

        if (!_scopes.TryGetValue(entry, out var scope))
        {
            _scopes[entry] = scope = NewScope(NameOf(entry), entry);
        }

        return scope;
    }

    /// <summary><c>master.cf smtp/inet</c>; an entry whose name and type repeat an earlier one's gets its line too (each entry has its own <c>-o</c> name space).</summary>
    public string NameOf(MasterCfEntry entry)
    {
        var name = "master.cf " + entry.NameSpace;
        var first = _master!.Entries.First(e => e.NameSpace == entry.NameSpace);
        return ReferenceEquals(first, entry) ? name : $"{name} (line {_master.File.GetPosition(entry.Line.Start).Line})";
    }

    /// <summary>The entries whose parameters SMTP listeners use (a postscreen listener uses its smtpd pass entry).</summary>
    public IEnumerable<MasterCfEntry> ListenerEntries()
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
        _listeners ??= ListenerEntries().ToList();
        return _listeners.Contains(target)
            ? _listenersEditor ??= new PostfixServiceGroupSettingEditor(_master.File, _listeners)
            : new PostfixServiceGroupSettingEditor(_master.File, [target]);
    }

    /// <summary>
    /// Without a main.cf, a global setting can only be written as a <c>-o</c>: on the outbound
    /// <c>smtp</c> transport when there is one, else on the first SMTP listener or entry.
    /// </summary>
    private MasterCfEntry? FallbackEntry() =>
        _master?.Entries.FirstOrDefault(e => e.ServiceName == "smtp" && e.Type == "unix" && e.CommandName == "smtp")
        ?? _master?.Entries.FirstOrDefault(e => e.Type == "inet" && e.CommandName == "smtpd")
        ?? _master?.Entries.FirstOrDefault();
}

/// <summary>
/// The values of main.cf's effective assignments, read through to them: what the scopes look
/// up, without a second table of every name.
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
