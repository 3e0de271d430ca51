using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MtaLint.Model;

namespace MtaLint.Probe;

/// <summary>Turns the certificate and chain of a handshake into plain facts; judges nothing.</summary>
internal static class CertificateInspector
{
    public static ObservedCertificate Inspect(X509Certificate certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        using var cert = new X509Certificate2(certificate);
        var names = new List<string>();
        foreach (var extension in cert.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        if (names.Count == 0 && cert.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } commonName)
        {
            names.Add(commonName);
        }

        var problems = new List<string>();
        if (chain is not null)
        {
            foreach (var status in chain.ChainStatus)
            {
                var text = $"{status.Status}: {status.StatusInformation.Trim()}";
                if (!problems.Contains(text))
                {
                    problems.Add(text);
                }
            }
        }

        var selfSigned = cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData);
        return new ObservedCertificate(
            Subject: cert.Subject,
            Issuer: cert.Issuer,
            DnsNames: names,
            NotBefore: new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter: new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            SelfSigned: selfSigned,
            MatchesHost: (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0,
            ChainTrusted: (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0,
            ChainProblems: problems,
            Sha256Fingerprint: Convert.ToHexString(SHA256.HashData(cert.RawData)));
    }
}
