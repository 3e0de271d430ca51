using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The server's certificate is not valid for the name probed (or, probed by address, the name the greeting claims).</summary>
internal sealed class Mta407CertificateNameMismatch : IRule
{
    public string Id => "MTA407";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { Tls.Certificate: { } cert } session)
        {
            yield break;
        }

        string name;
        string how;
        if (!session.HostIsAddress)
        {
            if (cert.MatchesHost)
            {
                yield break;
            }

            name = session.Host;
            how = "the name probed";
        }
        else
        {
            // Probed by address: an MX certificate names the host, so compare with the name the server claims.
            if (WireEvidence.ClaimedHostName(session) is not { } claimed || WireEvidence.CertificateNameMatches(cert.DnsNames, claimed))
            {
                yield break;
            }

            name = claimed;
            how = "the name the greeting claims";
        }

        yield return new Finding(
            session.Transcript,
            session.TlsEvidence(certificate: true),
            $"the TLS certificate of {session.Endpoint} is not valid for {name} ({how}): senders that verify names (MTA-STS, DANE) refuse to deliver; use a certificate whose subject alternative names include the MX host name",
            [$"certificate names: {(cert.DnsNames.Count == 0 ? "none" : string.Join(", ", cert.DnsNames))}"],
            null);
    }
}
