using MtaLint.Text;

namespace MtaLint.Model;

public enum MtaKind
{
    Postfix,
    Exim,
    Sendmail,

    /// <summary>What a live server showed (mtalint probe).</summary>
    Wire,
}

/// <summary>The common model of one MTA configuration (one or more files read as one).</summary>
public sealed class MtaConfig
{
    public required MtaKind Mta { get; init; }

    public required IReadOnlyList<SourceFile> Files { get; init; }

    public required IReadOnlyList<Service> Services { get; init; }

    /// <summary>Outbound TLS; null where the MTA does not relay outbound (or the probe).</summary>
    public ClientTls? ClientTls { get; init; }

    /// <summary>Every assignment in source order, for the duplicate and unknown-setting rules.</summary>
    public IReadOnlyList<SettingAssignment> Assignments { get; init; } = [];

    /// <summary>Every reference to another setting or macro, for the undefined-reference rule.</summary>
    public IReadOnlyList<ValueReference> References { get; init; } = [];

    /// <summary>Settings the MTA accepts but has replaced, and what replaces them.</summary>
    public IReadOnlyList<DeprecatedSetting> Deprecated { get; init; } = [];

    /// <summary>What the MTA does with a setting name it does not know, for the unknown-setting message.</summary>
    public string UnknownSettingConsequence { get; init; } = "the server does not know it";

    /// <summary>
    /// Why renaming an assignment to a known name would leave a config the MTA cannot read (its
    /// value does not expand, or would refer back to the new name), else null: a rename puts a value
    /// that was never read to use.
    /// </summary>
    public Func<SettingAssignment, string, string?> RenameProblem { get; init; } = (assignment, _) => assignment.ValueError;

    /// <summary>Names the MTA knows, for "did you mean".</summary>
    public SettingNames KnownSettingNames { get; init; } = SettingNames.None;

    /// <summary>Settings as the MTA reports them (<c>postconf -n</c>, <c>exim -bP</c>, m4 defines): name → effective raw value.</summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>What a live server showed (<see cref="MtaKind.Wire"/> only; null for configs read from files).</summary>
    public ObservedSession? Observed { get; init; }

    /// <summary>
    /// Parts of the config the MTA reads that could not be read (an include that is not there): the model
    /// is what the rest says. A finding that could depend on a missing part says so and is not fixed.
    /// </summary>
    public IReadOnlyList<ConfigGap> Gaps { get; init; } = [];

    /// <summary>
    /// Programs of the MTA that exit at start-up over this config (Postfix's <c>smtpd</c> without a
    /// working relay restriction, a boolean that is neither yes nor no), in the order the MTA checks them.
    /// </summary>
    public IReadOnlyList<StartupFailure> StartupFailures { get; init; } = [];

    /// <summary>
    /// The file where a setting that is written nowhere belongs: where a fix adds it, and where a finding
    /// about it is reported (Postfix main.cf; Exim the end of the main section, in Debian's split config
    /// <c>conf.d/main/02_exim4-config_options</c>; the Sendmail .mc). Null: the first file.
    /// </summary>
    public SourceFile? SettingsFile { get; init; }
}

/// <summary>A part of a config that could not be read.</summary>
/// <param name="At">Where the config names it (the include line).</param>
/// <param name="What">What is missing, for a note: <c>/etc/exim/acl.conf (included at exim.conf:6)</c>.</param>
public sealed record ConfigGap(SourceSpan At, string What);

/// <summary>One assignment of a setting in a file.</summary>
/// <param name="Scope">Where the name is looked up: <c>main.cf</c>, <c>master.cf smtp/inet</c>, <c>exim main</c>...: two assignments collide only within a scope.</param>
/// <param name="WholeSpan">The assignment with its continuation lines and line break: what deleting it removes.</param>
/// <param name="IsKnown">The MTA knows the name (or it is a user parameter that is referenced).</param>
/// <param name="ValueError">
/// Why the MTA would refuse the value once the setting takes effect (Postfix: a value it cannot
/// expand), else null. An unknown or overridden setting is never read, so its bad value harms
/// nothing until a fix renames it into effect.
/// </param>
/// <param name="Accumulates">
/// The MTA adds each assignment of the name to the earlier ones instead of replacing them (Exim's
/// <c>headers_add</c>): an assignment made again is not a dead one.
/// </param>
public sealed record SettingAssignment(string Name, string Scope, SourceSpan NameSpan, SourceSpan WholeSpan, bool IsKnown, string Value = "", string? ValueError = null,
    bool Accumulates = false);

/// <summary>A reference such as <c>$name</c> to another setting.</summary>
public sealed record ValueReference(string Name, SourceSpan Span, bool IsDefined, string InSetting);

/// <summary>A deprecated setting and the setting and value that replace it.</summary>
public sealed record DeprecatedSetting(ConfigValue Setting, string ReplacementName, string ReplacementRaw, TextEdit? Replace, string Why);
