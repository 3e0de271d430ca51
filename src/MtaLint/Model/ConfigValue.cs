using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// The effective value of one setting as the MTA would use it, and where it came from:
/// the span of the value text in a file, or nothing when it is the MTA's default.
/// </summary>
public sealed class ConfigValue
{
    /// <param name="notation">How the value is written: a dialect's <see cref="ISettingEditor"/> for a configured value, a notation alone for one that was observed (a probe's greeting), which no edit can change.</param>
    public ConfigValue(string name, TextSlice raw, SourceSpan? valueSpan, SourceSpan? settingSpan, ISettingNotation notation, string? expanded = null)
    {
        Name = name;
        RawText = raw;
        ValueSpan = valueSpan;
        SettingSpan = settingSpan ?? valueSpan;
        Notation = notation;
        _expanded = expanded;
        _expandedKnown = true;
    }

    /// <summary>
    /// A value whose expansion is made into a string only when asked for (<paramref name="expand"/>,
    /// called once): the expansion of a banner of megabytes is read by the banner in place, and a
    /// string of it would be one more copy.
    /// </summary>
    public ConfigValue(string name, TextSlice raw, SourceSpan? valueSpan, SourceSpan? settingSpan, ISettingNotation notation, Func<string?> expand)
        : this(name, raw, valueSpan, settingSpan, notation)
    {
        _expand = expand;
        _expandedKnown = false;
    }

    private readonly Func<string?>? _expand;
    private string? _expanded;
    private bool _expandedKnown;

    /// <summary>The setting's name in the MTA's own terms (<c>smtpd_banner</c>, <c>smtp_banner</c>, <c>confSMTP_LOGIN_MSG</c>).</summary>
    public string Name { get; }

    /// <summary>The logical value before expansion (continuations joined the way the MTA joins them), as a string made on first use.</summary>
    public string Raw => _raw ??= RawText.ToString();

    /// <summary>
    /// <see cref="Raw"/> as it is held, without a string of its own: most often a slice of the
    /// file's text. What reads a value that may be megabytes long (a banner) reads this.
    /// </summary>
    public TextSlice RawText { get; }

    private string? _raw;

    /// <summary>The value after expansion, where the MTA's expansion is known statically; else null.</summary>
    public string? Expanded
    {
        get
        {
            if (!_expandedKnown)
            {
                _expanded = _expand!();
                _expandedKnown = true;
            }

            return _expanded;
        }
    }

    /// <summary>Where the value text is; null when the value is the MTA's default.</summary>
    public SourceSpan? ValueSpan { get; }

    /// <summary>The whole assignment (name through value, or a master.cf <c>-o</c>); what a finding points at when the value is empty.</summary>
    public SourceSpan? SettingSpan { get; }

    public bool IsDefault => ValueSpan is null;

    /// <summary>How this setting is written, for showing it to a user.</summary>
    public ISettingNotation Notation { get; }

    /// <summary>How to change this setting in its file, in the dialect's own syntax; null for an observed value (nothing to edit).</summary>
    public ISettingEditor? Editor => Notation as ISettingEditor;

    /// <summary>How to show an assignment of <paramref name="newRaw"/> to a user: <c>name = value</c> in the dialect's syntax.</summary>
    public string DescribeAssignment(string newRaw) => Notation.Describe(Name, newRaw);

    /// <summary>The edit that gives this setting <paramref name="newRaw"/>; only for a configured value (rules offer no fix on an observed one).</summary>
    public TextEdit SetTo(string newRaw) =>
        (Editor ?? throw new InvalidOperationException($"{Name} was observed, not configured: there is no file to edit")).Set(this, newRaw);

    public override string ToString() => $"{Name} = {Raw}{(IsDefault ? " (default)" : string.Empty)}";
}

/// <summary>How a setting is shown to a user: in a dialect's syntax, or as a probe saw it on the wire.</summary>
public interface ISettingNotation
{
    /// <summary><c>name = value</c> as the user would write it (or as the server sent it).</summary>
    string Describe(string name, string raw);
}

/// <summary>
/// Writes a setting in a dialect's syntax. A dialect implements it; rules call it through
/// <see cref="ConfigValue.SetTo"/> so that they never see dialect syntax.
/// </summary>
public interface ISettingEditor : ISettingNotation
{
    /// <summary>An edit giving <paramref name="value"/> the raw value <paramref name="newRaw"/>: a replacement of its value span, or an insertion at the dialect's insertion point when it is a default.</summary>
    TextEdit Set(ConfigValue value, string newRaw);
}

/// <summary>Replace <see cref="Span"/> in <see cref="File"/> with <see cref="NewText"/> (an insertion when the span is empty).</summary>
public sealed record TextEdit(SourceFile File, TextSpan Span, string NewText)
{
    public static TextEdit Insert(SourceFile file, int offset, string text) => new(file, new TextSpan(offset, 0), text);

    public static TextEdit Delete(SourceSpan span) => new(span.File, span.Span, string.Empty);

    public static TextEdit Replace(SourceSpan span, string text) => new(span.File, span.Span, text);
}
