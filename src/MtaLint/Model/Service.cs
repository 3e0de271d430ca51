using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// One SMTP listener: a Postfix master.cf smtpd entry, an Exim daemon port, a Sendmail
/// DAEMON_OPTIONS. Every policy here is the effective one for that listener.
/// </summary>
public sealed class Service
{
    public required string Name { get; init; }

    /// <summary>TCP port, when known (25, 587, 465...).</summary>
    public int? Port { get; init; }

    /// <summary>Where the listener is defined; null for an implicit default listener.</summary>
    public SourceSpan? Definition { get; init; }

    /// <summary>Listens on loopback only (Sendmail <c>Addr=127.0.0.1</c>, Postfix <c>127.0.0.1:smtp</c>).</summary>
    public bool LocalOnly { get; init; }

    /// <summary>Clients speak TLS from the first byte (port 465, smtps/submissions, Sendmail <c>M=s</c>).</summary>
    public bool ExpectsImplicitTls { get; init; }

    /// <summary>The public MX listener: port 25, not loopback-only.</summary>
    public bool IsPublicMx => Port == 25 && !LocalOnly;

    public required Banner Banner { get; init; }

    public required ServerTls Tls { get; init; }

    public required AuthPolicy Auth { get; init; }

    public required CommandPolicy Vrfy { get; init; }

    public required CommandPolicy Expn { get; init; }

    public required RelayPolicy Relay { get; init; }

    /// <summary>A short name for messages: <c>port 25 (smtp)</c>.</summary>
    public string DisplayName => Port is { } p ? $"port {p} ({Name})" : Name;
}
