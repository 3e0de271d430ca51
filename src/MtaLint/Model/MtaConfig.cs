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

    /// <summary>
    /// Outbound TLS; null where the config never sends mail by SMTP (Postfix: no transport mail can reach
    /// runs the smtp(8) client, as with <c>default_transport = error</c>; Exim: no <c>smtp</c> transport), or for the probe.
    /// </summary>
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

    /// <summary>
    /// Text the config's compiler copies into the generated file as it is, where the MTA reads it as
    /// something else or refuses it (Sendmail: .mc text outside any m4 macro); empty for MTAs that read their files themselves.
    /// </summary>
    public IReadOnlyList<StrayText> StrayText { get; init; } = [];

    /// <summary>The compiler that copies <see cref="StrayText"/> and the file it writes (<c>m4</c>, <c>sendmail.cf</c>).</summary>
    public (string Compiler, string Output)? Generated { get; init; }

    /// <summary>
    /// Settings of the parts of a config that have their own (Exim's routers, transports and
    /// authenticators), by <see cref="SettingAssignment.Scope"/>: name → effective raw value as the MTA
    /// reports it (<c>exim -bP router NAME</c>) for each setting written there that the MTA knows. A
    /// setting that adds up when made again (<c>headers_remove</c>) holds all its values, joined as the
    /// MTA joins them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ScopedSettings { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

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

    /// <summary>
    /// What is known of the templates among <see cref="Files"/> (tags, conditional lines, settings made from
    /// variables); null when no file is a template. A value with a hole in it depends on the rendering.
    /// </summary>
    public TemplateFacts? Template { get; init; }

    /// <summary>
    /// The config as read with every template block left out but those around the given span (all of them left out
    /// for null): a finding on a template holds only where it also holds with the blocks that do not hold its line
    /// left out (a finding on an unconditional line may rest on a conditional one). Null when the dialect makes none;
    /// the function gives null when that config cannot be read, or when it would be read for more than
    /// <see cref="MaxTemplateProjections"/> different sets of blocks.
    /// </summary>
    public Func<SourceSpan?, MtaConfig?>? TemplateProjection { get; init; }

    /// <summary>
    /// How many different projections (<see cref="TemplateProjection"/>) one config is read for. Each is a whole read of
    /// the config: a template with a finding in each of thousands of blocks would otherwise be read once per block.
    /// </summary>
    public const int MaxTemplateProjections = 16;
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
/// <param name="ReadBeforeReplaced">
/// Something read the value while this assignment was the one in effect, before a later assignment
/// of the name replaced it, so it has an effect although the later one wins: in a Sendmail .mc, a
/// sendmail-cf file m4 reads at its call (<c>FEATURE(local_lmtp)</c> builds the local mailer's path
/// from confEBINDIR) or a macro m4 expands between the two defines. Postfix expands <c>$name</c> and
/// Exim its options where they are used, after the whole file is read, so there it is always false.
/// </param>
public sealed record SettingAssignment(string Name, string Scope, SourceSpan NameSpan, SourceSpan WholeSpan, bool IsKnown, TextSlice Value = default, string? ValueError = null,
    bool Accumulates = false, bool ReadBeforeReplaced = false);

/// <summary>A reference such as <c>$name</c> to another setting.</summary>
public sealed record ValueReference(string Name, SourceSpan Span, bool IsDefined, string InSetting);

/// <summary>
/// A deprecated setting and what to do about it, so that the finding and its fix say the same thing.
/// </summary>
/// <param name="Why">Why it can go, one clause: <c>Postfix ignores it because smtpd_tls_security_level is set</c>.</param>
/// <param name="Remedy">What to do, as the finding says it and the fix describes itself: <c>replace smtpd_use_tls with smtpd_tls_security_level = may</c>.</param>
/// <param name="Edits">What doing it takes; empty when it cannot be done without changing what the MTA does (<see cref="NoFixReason"/>).</param>
public sealed record DeprecatedSetting(ConfigValue Setting, string Why, string Remedy, IReadOnlyList<TextEdit> Edits)
{
    /// <summary>What else the edits do so that nothing else changes meaning (settings elsewhere that depend on this one), else null.</summary>
    public string? AlsoDone { get; init; }

    /// <summary>Why there are no edits, else null.</summary>
    public string? NoFixReason { get; init; }
}
