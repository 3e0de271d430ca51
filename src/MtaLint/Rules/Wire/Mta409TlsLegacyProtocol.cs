using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The TLS handshake negotiated a protocol older than TLS 1.2.</summary>
internal sealed class Mta409TlsLegacyProtocol : IRule
{
    public string Id => "MTA409";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { Tls: { Protocol: { } protocol } tls } session || protocol >= TlsProtocol.TlsV1_2)
        {
            yield break;
        }

        yield return new Finding(
            session.Transcript,
            session.TlsEvidence(certificate: false),
            $"{session.Endpoint} negotiated {tls.ProtocolName} although this client offered TLS 1.2 and 1.3: the server's best protocol is obsolete (RFC 8996); enable TLS 1.2 and 1.3 on the server (update its TLS library or its protocol settings)",
            [$"cipher: {tls.CipherSuite}"],
            null);
    }
}
