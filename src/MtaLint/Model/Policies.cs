using MtaLint.Text;

namespace MtaLint.Model;

public enum TlsLevel
{
    /// <summary>No STARTTLS offered / attempted.</summary>
    None,

    /// <summary>Opportunistic: offered (server) or used when offered (client).</summary>
    Opportunistic,

    /// <summary>Required: plaintext sessions refused.</summary>
    Mandatory,

    /// <summary>Implicit TLS from the first byte (wrapper mode, port 465).</summary>
    Implicit,

    /// <summary>
    /// A level the program does not know: it exits at start-up over it (Postfix's "Invalid TLS level"), so it
    /// neither offers nor uses TLS, nor does anything else; the refusal itself is reported (MTA307).
    /// </summary>
    Refused,
}

public enum TlsProtocol
{
    SslV2,
    SslV3,
    TlsV1_0,
    TlsV1_1,
    TlsV1_2,
    TlsV1_3,
}

/// <summary>A set of TLS protocol versions and the setting that decides it.</summary>
public sealed record TlsProtocolPolicy(ConfigValue Setting, IReadOnlySet<TlsProtocol> Enabled)
{
    /// <summary>
    /// The raw value, in the dialect's syntax, that allows TLS 1.2 and later only (Postfix <c>&gt;=TLSv1.2</c>);
    /// null when the dialect cannot express it. The legacy-protocol rule's fix writes it to <see cref="Setting"/>.
    /// </summary>
    public string? ModernOnlyRaw { get; init; }

    /// <summary>
    /// The raw value that allows every TLS version but no SSL (Postfix <c>!SSLv2, !SSLv3</c>); null when
    /// the dialect cannot express it. The fix for SSL allowed in opportunistic TLS writes it.
    /// </summary>
    public string? WithoutSslRaw { get; init; }
}

/// <summary>Inbound TLS of a listener.</summary>
public sealed class ServerTls
{
    public required TlsLevel Level { get; init; }

    /// <summary>The setting that decides <see cref="Level"/>; the one a fix edits.</summary>
    public required ConfigValue LevelSetting { get; init; }

    /// <summary>
    /// <see cref="LevelSetting"/> as this listener alone can change it (Postfix: a <c>-o</c> on its master.cf
    /// entry, or the one it has): for a fix meant for this listener where others share the setting. Null
    /// where the dialect has no per-listener setting.
    /// </summary>
    public ConfigValue? ListenerLevelSetting { get; init; }

    /// <summary>The raw value a fix writes to <see cref="LevelSetting"/> for opportunistic TLS (<c>may</c>, <c>*</c>).</summary>
    public required string OpportunisticRaw { get; init; }

    /// <summary>Certificate setting; null or empty raw when none is configured.</summary>
    public ConfigValue? Certificate { get; init; }

    public ConfigValue? PrivateKey { get; init; }

    /// <summary>True when a usable certificate and key are configured (or the MTA has a built-in one).</summary>
    public required bool HasCertificate { get; init; }

    /// <summary>
    /// Without a configured certificate the MTA still completes STARTTLS with a self-signed one it
    /// makes up (Exim 4.92 and later: "Exim Developers"): encryption works, but no sender can verify it.
    /// </summary>
    public bool SelfSignedFallback { get; init; }

    /// <summary>Protocols allowed for opportunistic sessions; null when not determinable.</summary>
    public TlsProtocolPolicy? Protocols { get; init; }

    /// <summary>Protocols allowed when TLS is mandatory; null when not applicable.</summary>
    public TlsProtocolPolicy? MandatoryProtocols { get; init; }

    /// <summary>
    /// The setting that switches implicit TLS (wrapper mode) on for this listener (Postfix
    /// <c>smtpd_tls_wrappermode</c>); null when the dialect decides it otherwise (Exim
    /// <c>tls_on_connect_ports</c>, Sendmail <c>M=s</c>) and cannot express a fix.
    /// </summary>
    public ConfigValue? ImplicitTlsSetting { get; init; }

    /// <summary>The raw value that turns <see cref="ImplicitTlsSetting"/> on (<c>yes</c>).</summary>
    public string? ImplicitTlsRaw { get; init; }
}

/// <summary>Outbound (client) TLS of the MTA.</summary>
public sealed class ClientTls
{
    public required TlsLevel Level { get; init; }

    public required ConfigValue LevelSetting { get; init; }

    public required string OpportunisticRaw { get; init; }
}

/// <summary>Whether SASL AUTH is offered and whether it is offered without encryption.</summary>
public sealed class AuthPolicy
{
    public required bool Offered { get; init; }

    /// <summary>The setting that turns AUTH on; null when AUTH is off.</summary>
    public ConfigValue? EnabledBy { get; init; }

    /// <summary>AUTH is offered only after STARTTLS (or the session is implicit TLS).</summary>
    public required bool RequiresTls { get; init; }

    /// <summary>The setting that would require TLS for AUTH; a fix sets it to <see cref="RequireTlsRaw"/>.</summary>
    public ConfigValue? RequireTlsSetting { get; init; }

    public string? RequireTlsRaw { get; init; }
}

/// <summary>Whether an SMTP command (VRFY, EXPN) is answered.</summary>
public sealed class CommandPolicy
{
    public required bool Enabled { get; init; }

    /// <summary>The setting that decides it.</summary>
    public required ConfigValue Setting { get; init; }

    /// <summary>An edit that turns the command off, when the dialect can express one.</summary>
    public TextEdit? DisableEdit { get; init; }

    /// <summary>What <see cref="DisableEdit"/> does, in the dialect's syntax, for the fix description.</summary>
    public string? DisableDescription { get; init; }
}

/// <summary>Who may relay through a listener.</summary>
public sealed class RelayPolicy
{
    /// <summary>Client networks trusted to relay (Postfix mynetworks, Exim relay_from_hosts...).</summary>
    public required IReadOnlyList<TrustedNetwork> TrustedNetworks { get; init; }

    /// <summary>
    /// True when mail to foreign domains from untrusted clients is refused; also when the listener's
    /// server exits at start-up over its restrictions (Postfix's smtpd without a working one), as it then
    /// relays nothing: <see cref="MtaConfig.StartupFailures"/> says why, and an open-relay finding about the
    /// same lists would send the admin after the wrong problem.
    /// </summary>
    public required bool RestrictsUnauthorizedDestinations { get; init; }

    /// <summary>The setting that should carry the restriction, when missing.</summary>
    public ConfigValue? RestrictionSetting { get; init; }

    /// <summary>A feature or flag that opens relaying outright (Sendmail <c>promiscuous_relay</c>).</summary>
    public ConfigValue? PromiscuousBy { get; init; }

    /// <summary>
    /// Features that widen relaying beyond trusted clients without opening it to everyone (Sendmail
    /// <c>relay_local_from</c>: anyone forging a local sender may relay; <c>relay_based_on_MX</c>...).
    /// </summary>
    public IReadOnlyList<ConfigValue> LoosenedBy { get; init; } = [];
}

/// <summary>One trusted client network; <see cref="Everyone"/> when it covers the whole internet.</summary>
public sealed record TrustedNetwork(string Text, bool Everyone, SourceSpan? Span);
