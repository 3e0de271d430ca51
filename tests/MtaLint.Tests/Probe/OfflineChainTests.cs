using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MtaLint.Probe;

namespace MtaLint.Tests.Probe;

/// <summary>
/// The probe talks only to the server it was pointed at. A certificate names URLs of the server's
/// choosing (AIA "CA Issuers", OCSP, CRL distribution points); .NET's chain building fetched the
/// CA Issuers URL, so a probed server could make the probe connect wherever it liked (a blind SSRF
/// from the probing machine) and hold it there past the overall limit. Here a real TLS server on
/// loopback presents a leaf whose issuer is nowhere but behind those URLs, which point at an HTTP
/// listener the test owns and that answers nothing.
/// </summary>
public sealed class OfflineChainTests
{
    [Fact(Timeout = 60_000)]
    public async Task Certificate_urls_are_never_fetched_and_the_chain_is_judged_offline()
    {
        var requests = new List<string>();
        await using var web = new LoopbackServer(async (stream, token) =>
        {
            var line = await new SmtpScript.LineReader(stream).ReadLineAsync(token);
            lock (requests)
            {
                requests.Add(line ?? "(nothing)");
            }

            await Task.Delay(Timeout.Infinite, token); // a slow host: whoever asks waits
        });
        var url = $"http://127.0.0.1:{web.Port}";
        using var leaf = CertificateWithUrls(url);
        await using var smtp = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 STARTTLS
            C: STARTTLS
            S: 220 go ahead
            *: tls urls
            C: EHLO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """), new Dictionary<string, X509Certificate2> { ["urls"] = leaf }));

        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "mx.example.com",
            ConnectTo = [IPAddress.Loopback],
            Port = smtp.Port,
            StepTimeout = TimeSpan.FromSeconds(10),
            OverallTimeout = TimeSpan.FromSeconds(20),
        }, TestContext.Current.CancellationToken);

        Assert.Empty(requests);
        Assert.Equal(0, web.Connections);

        // The session ran to its end: the overall limit (which cuts a run short with a failure) never had to.
        var session = result.Session;
        Assert.Null(session.Failure);
        var certificate = session.Tls?.Certificate;
        Assert.NotNull(certificate);
        Assert.Equal("CN=mx.example.com", certificate.Subject);
        Assert.False(certificate.ChainTrusted);
        Assert.Contains(certificate.ChainProblems, p => p.StartsWith("PartialChain", StringComparison.Ordinal));
        Assert.NotNull(session.EhloAfterTls);
    }

    /// <summary>A leaf for mx.example.com issued by a CA that exists only here, with every URL a certificate can name pointing at <paramref name="baseUrl"/>.</summary>
    private static X509Certificate2 CertificateWithUrls(string baseUrl)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=mtalint test CA (nowhere)", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-2), now.AddDays(60));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mx.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("mx.example.com");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([baseUrl + "/ocsp"], [baseUrl + "/ca.crt"]));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([baseUrl + "/ca.crl"]));
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(30), Encoding.ASCII.GetBytes("aia-test"));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}
