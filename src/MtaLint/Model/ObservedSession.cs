using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// One SMTP reply as received: <see cref="Lines"/> are the raw lines (<c>250-SIZE 52428800</c>),
/// <see cref="TranscriptLine"/> the 1-based line of the first of them in <see cref="ObservedSession.Transcript"/>.
/// </summary>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines, int TranscriptLine)
{
    /// <summary>The text of each line after the code and its separator.</summary>
    public IReadOnlyList<string> Texts => Lines.Select(l => l.Length > 4 ? l[4..] : string.Empty).ToArray();

    /// <summary>The reply as one line for messages: <c>500 5.5.1 Unrecognized command</c>.</summary>
    public string Summary => Lines.Count == 0 ? Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : Lines[^1];
}

/// <summary>The server certificate seen in a TLS handshake.</summary>
/// <param name="DnsNames">The subject alternative DNS names (the common name when there are none).</param>
/// <param name="MatchesHost">The certificate is valid for the name probed.</param>
/// <param name="ChainTrusted">The chain ends in a root this machine trusts, with no errors.</param>
/// <param name="ChainProblems">Why the chain is not trusted, in the platform's words.</param>
public sealed record ObservedCertificate(
    string Subject,
    string Issuer,
    IReadOnlyList<string> DnsNames,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool SelfSigned,
    bool MatchesHost,
    bool ChainTrusted,
    IReadOnlyList<string> ChainProblems,
    string Sha256Fingerprint);

/// <summary>A completed TLS handshake.</summary>
/// <param name="Protocol">The negotiated version, when it is one mtalint knows.</param>
/// <param name="ProtocolName">The negotiated version as the platform names it (<c>Tls13</c>).</param>
/// <param name="TranscriptLine">The transcript line noting the handshake (the certificate's note follows it); 0 when none.</param>
public sealed record ObservedTls(TlsProtocol? Protocol, string ProtocolName, string CipherSuite, ObservedCertificate? Certificate, int TranscriptLine = 0);

/// <summary>The step of an SMTP session a probe was at.</summary>
public enum ProbeStage
{
    Resolve,
    Connect,
    Greeting,
    Ehlo,
    StartTls,
    TlsHandshake,
    EhloAfterTls,
    Quit,
}

/// <summary>Why a probe could not complete the session (timeouts, limits, a closed connection).</summary>
public sealed record ProbeFailure(ProbeStage Stage, string Message);

/// <summary>
/// What a live server showed to a probe (<c>mtalint probe</c>): the facts only the wire has.
/// The greeting itself is also a <see cref="Banner"/> on the config's single service.
/// </summary>
public sealed record ObservedSession
{
    /// <summary>The name or address the user asked to probe.</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>The address connected to; null when no connection was made.</summary>
    public string? Address { get; init; }

    /// <summary><c>HOST:PORT</c> as messages show it (<c>[::1]:25</c> for IPv6 literals).</summary>
    public string Endpoint => (Host.Contains(':') ? $"[{Host}]" : Host) + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <see cref="Host"/> is an IP address, so no host name can be compared.</summary>
    public bool HostIsAddress => System.Net.IPAddress.TryParse(Host, out _);

    /// <summary>TLS from the first byte (port 465) instead of STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>The user turned STARTTLS off (<c>--starttls off</c>): its absence proves nothing.</summary>
    public bool StartTlsSkipped { get; init; }

    /// <summary>When the certificate was received (the TLS handshake; without TLS, when the probe started); certificate validity is judged at this time.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    public SmtpReply? Greeting { get; init; }

    /// <summary>The reply to EHLO (or to HELO when EHLO was refused).</summary>
    public SmtpReply? Ehlo { get; init; }

    /// <summary>EHLO was refused and the probe fell back to HELO.</summary>
    public bool UsedHelo { get; init; }

    /// <summary>The refusal of EHLO that made the probe fall back to HELO.</summary>
    public SmtpReply? EhloRefusal { get; init; }

    /// <summary>Extension keywords of the plaintext EHLO reply, upper case (<c>STARTTLS</c>, <c>SIZE</c>).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    public bool StartTlsAdvertised => Extensions.Contains("STARTTLS");

    /// <summary>The reply to the STARTTLS command; null when it was not sent.</summary>
    public SmtpReply? StartTlsReply { get; init; }

    /// <summary>Why the TLS handshake failed; null when it succeeded or was not attempted.</summary>
    public string? TlsHandshakeError { get; init; }

    public ObservedTls? Tls { get; init; }

    public SmtpReply? EhloAfterTls { get; init; }

    /// <summary>Extension keywords of the EHLO reply inside TLS.</summary>
    public IReadOnlyList<string> ExtensionsAfterTls { get; init; } = [];

    /// <summary>The session as text, one line per event: <c>C: </c> sent, <c>S: </c> received, <c>*: </c> the probe's notes.</summary>
    public required SourceFile Transcript { get; init; }

    /// <summary>Why the session ended early; null when it ran to QUIT.</summary>
    public ProbeFailure? Failure { get; init; }

    /// <summary>
    /// The configuration the server is supposed to run (<c>mtalint probe --compare CONFIG</c>),
    /// so rules can report where the wire and the config disagree.
    /// </summary>
    public MtaConfig? Configured { get; init; }

    /// <summary>The span of a line of the transcript, without its line break.</summary>
    public SourceSpan TranscriptLine(int line, int skip = 0)
    {
        var start = Transcript.GetLineStart(line);
        var text = Transcript.GetLineText(line);
        skip = Math.Clamp(skip, 0, text.Length);
        return Transcript.Span(start + skip, text.Length - skip);
    }

    /// <summary>The span of the text of line <paramref name="index"/> of <paramref name="reply"/> (after <c>S: 250-</c>).</summary>
    public SourceSpan ReplyTextSpan(SmtpReply reply, int index) => TranscriptLine(reply.TranscriptLine + index, TranscriptPrefixLength + 4);

    /// <summary>The span of a whole reply in the transcript (all its lines, without the <c>S: </c> prefix of the first).</summary>
    public SourceSpan ReplySpan(SmtpReply reply)
    {
        var first = TranscriptLine(reply.TranscriptLine, TranscriptPrefixLength);
        var last = TranscriptLine(reply.TranscriptLine + Math.Max(0, reply.Lines.Count - 1));
        return Transcript.Span(first.Span.Start, last.Span.End - first.Span.Start);
    }

    /// <summary>Where a finding about the TLS session points: its note in the transcript (<paramref name="certificate"/>: the certificate's note).</summary>
    public SourceSpan? TlsEvidence(bool certificate = false) =>
        Tls is { TranscriptLine: > 0 } tls
            ? TranscriptLine(tls.TranscriptLine + (certificate && tls.Certificate is not null ? 1 : 0), TranscriptPrefixLength)
            : null;

    /// <summary>Length of <c>S: </c> / <c>C: </c> before each transcript line's content.</summary>
    public const int TranscriptPrefixLength = 3;
}
