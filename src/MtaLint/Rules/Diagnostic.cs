using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules;

public enum Severity
{
    Info,
    Warning,
    Error,
}

public enum FixSafety
{
    /// <summary>Keeps the config's meaning apart from the finding; applied by <c>--fix</c>.</summary>
    Safe,

    /// <summary>Changes behaviour a user may rely on; applied only with <c>--unsafe-fixes</c>.</summary>
    Unsafe,
}

/// <summary>Edits that resolve one finding.</summary>
public sealed record Fix(string Description, FixSafety Safety, IReadOnlyList<TextEdit> Edits)
{
    public static Fix Safe(string description, params TextEdit[] edits) => new(description, FixSafety.Safe, edits);

    public static Fix Unsafe(string description, params TextEdit[] edits) => new(description, FixSafety.Unsafe, edits);
}

/// <summary>A second place a finding points at: where text it judged is decided (a template variable's default in <c>defaults/main.yml</c>).</summary>
public sealed record RelatedLocation(SourceSpan Location, string Message);

/// <summary>What a rule reports: where, what, and optionally how to fix it.</summary>
/// <param name="Location">The exact span; null for a finding about a whole file (an absent setting).</param>
/// <param name="File">The file the finding belongs to (for findings without a span, too).</param>
/// <param name="Notes">Further lines shown under the message (<c>clients see: 220 ...</c>).</param>
public sealed record Finding(SourceFile File, SourceSpan? Location, string Message, IReadOnlyList<string> Notes, Fix? Fix)
{
    /// <summary>
    /// This finding's severity where its consequence differs from what the rule's default stands for
    /// (TLS on an unverifiable certificate Exim makes up, where other MTAs offer no TLS at all); null: the
    /// rule's. A severity the policy sets for the rule wins over it.
    /// </summary>
    public Severity? Severity { get; init; }

    /// <summary>Other places the finding depends on (text output: a note each; JSON <c>related</c>; SARIF <c>relatedLocations</c>).</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];

    /// <summary>
    /// A template's fix withheld because it edits text a role default decided (<see cref="Notes"/> says where): the
    /// fixer may turn it into an edit of the default itself (<c>DefaultsFixes</c>). Not reported.
    /// </summary>
    public Fix? OnDefault { get; init; }

    public static Finding At(SourceSpan location, string message, Fix? fix = null, params string[] notes)
        => new(location.File, location, message, notes, fix);

    public static Finding InFile(SourceFile file, string message, Fix? fix = null, params string[] notes)
        => new(file, null, message, notes, fix);

    /// <summary>At the value's span when it is set, else at the file where a fix would add it.</summary>
    public static Finding AtSetting(ConfigValue value, SourceFile fallback, string message, Fix? fix = null, params string[] notes)
        => value.SettingSpan is { } span ? At(span, message, fix, notes) : InFile(fallback, message, fix, notes);
}

/// <summary>A finding with the rule's identity and effective severity, ready to report.</summary>
public sealed record Diagnostic(string RuleId, string RuleName, Severity Severity, Finding Finding)
{
    public string Path => Finding.File.Path;

    public LinePosition? Start => Finding.Location?.Start;

    public LinePosition? End => Finding.Location?.End;

    public string Message => Finding.Message;

    public Fix? Fix => Finding.Fix;
}
