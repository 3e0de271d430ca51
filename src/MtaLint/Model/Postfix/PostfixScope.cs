using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// The parameters as one process sees them (main.cf, or a master.cf service with its <c>-o</c>
/// overrides), with where each explicit value is written, so that every <see cref="ConfigValue"/>
/// keeps its span and knows how to edit itself.
/// </summary>
internal sealed class PostfixScope
{
    private readonly IReadOnlyDictionary<string, MainCfAssignment> _main;
    private readonly IReadOnlyDictionary<string, MasterCfOverride> _overrides;
    private readonly SourceFile? _mainFile;
    private readonly SourceFile? _masterFile;
    private readonly ISettingEditor _defaultEditor;

    public PostfixScope(
        string name,
        MasterCfEntry? entry,
        IReadOnlyDictionary<string, MainCfAssignment> main,
        IReadOnlyDictionary<string, TextSlice> mainValues,
        IReadOnlyDictionary<string, MasterCfOverride> overrides,
        IReadOnlyDictionary<string, string> serviceDefaults,
        SourceFile? mainFile,
        SourceFile? masterFile,
        string hostname,
        ISettingEditor defaultEditor,
        PostfixParsedValues parsed,
        PostfixExpansionBudget budget,
        PostfixParameters? withoutOverrides = null)
    {
        Name = name;
        Entry = entry;
        _main = main;
        _overrides = overrides;
        _mainFile = mainFile;
        _masterFile = masterFile;
        // main.cf's values are the same in every scope: one dictionary of them, not a copy per master.cf
        // entry; a service without -o sees exactly main.cf's parameters, so it shares their expansions.
        Parameters = overrides.Count == 0 && withoutOverrides is not null
            ? withoutOverrides
            : new PostfixParameters(
                mainValues,
                overrides.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal),
                serviceDefaults,
                hostname,
                parsed,
                budget);
        _defaultEditor = defaultEditor;
    }

    /// <summary><c>main.cf</c> or <c>master.cf smtp/inet</c>.</summary>
    public string Name { get; }

    public MasterCfEntry? Entry { get; }

    /// <summary>The main.cf these parameters come from, when there is one: a setting elsewhere is the entry's <c>-o</c>.</summary>
    public SourceFile? MainFile => _mainFile;

    public PostfixParameters Parameters { get; }

    public string Expanded(string name) => Parameters.Expanded(name) ?? string.Empty;

    public bool IsYes(string name) => Expanded(name).Trim().Equals("yes", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the value of <paramref name="name"/> is written in this scope: its text with file offsets, or null for a default.</summary>
    public (MappedText Text, SourceFile File)? Source(string name)
    {
        if (_overrides.TryGetValue(name, out var o) && _masterFile is not null)
        {
            return (o.ValueText, _masterFile);
        }

        if (_main.TryGetValue(name, out var a) && _mainFile is not null)
        {
            return (a.ValueText, _mainFile);
        }

        return null;
    }

    public ConfigValue Value(string name)
    {
        var raw = Parameters.RawText(name) ?? TextSlice.Empty;
        // Expanded now (the configuration's budget is spent in the same order as ever), joined into a string only when read.
        var text = Parameters.ExpandedText(name);
        Func<string?> expanded = () => text?.ToString();
        if (_overrides.TryGetValue(name, out var o) && _masterFile is not null && Entry is not null)
        {
            return new ConfigValue(name, raw, _masterFile.Span(o.ValueSpan.Start, o.ValueSpan.Length),
                _masterFile.Span(o.WholeSpan.Start, o.WholeSpan.Length), new PostfixServiceSettingEditor(_masterFile, Entry, o), expanded);
        }

        if (_main.TryGetValue(name, out var a) && _mainFile is not null)
        {
            var setting = TextSpan.FromBounds(a.NameSpan.Start, Math.Max(a.ValueSpan.End, a.EqualsSpan.End));
            return new ConfigValue(name, raw, _mainFile.Span(a.ValueSpan.Start, a.ValueSpan.Length),
                _mainFile.Span(setting.Start, setting.Length), new PostfixSettingEditor(_mainFile), expanded);
        }

        return new ConfigValue(name, raw, null, null, _defaultEditor, expanded);
    }

    /// <summary>
    /// Like <see cref="Value"/>, but for a parameter that must change for this master.cf service
    /// only (<c>smtpd_tls_wrappermode</c>): unless the service overrides it already, a fix adds a
    /// <c>-o</c> to the service instead of changing main.cf for every service.
    /// </summary>
    public ConfigValue ServiceValue(string name)
    {
        var value = Value(name);
        if (_overrides.ContainsKey(name) || _masterFile is null || Entry is null)
        {
            return value;
        }

        return new ConfigValue(name, value.RawText, value.ValueSpan, value.SettingSpan, new PostfixServiceSettingEditor(_masterFile, Entry, null), () => value.Expanded);
    }
}
