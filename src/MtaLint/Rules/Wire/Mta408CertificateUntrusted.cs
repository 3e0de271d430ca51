using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The server's certificate is self-signed or does not chain to a trusted root.</summary>
internal sealed class Mta408CertificateUntrusted : IRule
{
    public string Id => "MTA408";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { Tls.Certificate: { } cert } session || (cert.ChainTrusted && !cert.SelfSigned))
        {
            yield break;
        }

        var what = cert.SelfSigned ? "is self-signed" : "does not chain to a trusted root";
        var notes = new List<string> { $"issuer: {cert.Issuer}" };
        notes.AddRange(cert.ChainProblems.Select(p => "chain: " + p));
        yield return new Finding(
            session.Transcript,
            session.TlsEvidence(certificate: true),
            $"the TLS certificate of {session.Endpoint} {what}: opportunistic TLS still encrypts, but senders that verify (MTA-STS, or DANE without a matching TLSA record) refuse it; use a certificate from a public CA (e.g. Let's Encrypt) or publish DANE TLSA records",
            [.. notes],
            null);
    }
}
