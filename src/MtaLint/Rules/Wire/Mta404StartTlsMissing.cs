using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The EHLO reply offers no STARTTLS at all (and nothing looks like a masked one).</summary>
internal sealed class Mta404StartTlsMissing : IRule
{
    public string Id => "MTA404";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { } session || session.ImplicitTls || session.UsedHelo
            || session.Ehlo is not { Code: 250 } ehlo || session.StartTlsAdvertised || WireEvidence.StartTlsMangled(session))
        {
            yield break;
        }

        yield return Finding.At(
            session.ReplySpan(ehlo),
            $"{session.Endpoint} does not offer STARTTLS: senders deliver in plaintext; turn on inbound TLS with a certificate (Postfix smtpd_tls_security_level = may, Exim tls_advertise_hosts = * with tls_certificate, Sendmail a server certificate)",
            null,
            $"extensions offered: {(session.Extensions.Count == 0 ? "none" : string.Join(" ", session.Extensions))}");
    }
}
