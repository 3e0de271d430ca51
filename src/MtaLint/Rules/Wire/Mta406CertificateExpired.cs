using System.Globalization;
using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The server's certificate has expired or is not valid yet.</summary>
internal sealed class Mta406CertificateExpired : IRule
{
    public string Id => "MTA406";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { Tls.Certificate: { } cert } session)
        {
            yield break;
        }

        string? problem = null;
        if (session.ObservedAt > cert.NotAfter)
        {
            problem = $"expired on {Format(cert.NotAfter)}";
        }
        else if (session.ObservedAt < cert.NotBefore)
        {
            problem = $"is not valid before {Format(cert.NotBefore)} (check the server's clock or the certificate)";
        }

        if (problem is null)
        {
            yield break;
        }

        yield return new Finding(
            session.Transcript,
            session.TlsEvidence(certificate: true),
            $"the TLS certificate of {session.Endpoint} {problem}: senders that verify certificates (MTA-STS, DANE) refuse to deliver; renew it and reload the server",
            [$"subject: {cert.Subject}",
            $"valid: {Format(cert.NotBefore)} to {Format(cert.NotAfter)}; probed at {Format(session.ObservedAt)}"],
            null);
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
