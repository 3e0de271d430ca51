using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MtaLint.Tests.Probe;

/// <summary>
/// A server that plays the server side of a transcript as the rule docs write them:
/// <c>S: </c> lines are sent, <c>C: </c> lines are waited for (their verb must match),
/// <c>*: tls KIND</c> does a TLS handshake as server (<c>valid</c>, <c>expired</c>,
/// <c>other-name</c>) or sends <c>garbage</c>, <c>*: close</c> hangs up, <c>*: stall</c> goes silent.
/// </summary>
public static class SmtpScript
{
    public static IReadOnlyList<string> Parse(string transcript) =>
        transcript.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0).ToArray();

    /// <param name="certificates">Certificates a test made, by kind, beside <see cref="TestCertificates"/>'s.</param>
    public static Func<NetworkStream, CancellationToken, Task> Server(IReadOnlyList<string> script, IReadOnlyDictionary<string, X509Certificate2>? certificates = null) => async (network, token) =>
    {
        Stream stream = network;
        var reader = new LineReader(stream);
        foreach (var line in script)
        {
            if (line.StartsWith("S: ", StringComparison.Ordinal))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line[3..] + "\r\n"), token);
            }
            else if (line.StartsWith("C: ", StringComparison.Ordinal))
            {
                var got = await reader.ReadLineAsync(token);
                var expected = line[3..].Split(' ')[0];
                if (got is null || !got.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
            else if (line == "*: close")
            {
                return;
            }
            else if (line == "*: stall")
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            else if (line.StartsWith("*: delay ", StringComparison.Ordinal))
            {
                await Task.Delay(int.Parse(line[9..], System.Globalization.CultureInfo.InvariantCulture), token);
            }
            else if (line == "*: tls garbage")
            {
                await stream.WriteAsync("this is not a TLS record, just text\r\n"u8.ToArray(), token);
                return;
            }
            else if (line.StartsWith("*: tls ", StringComparison.Ordinal))
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                // Offline: a server completes its own chain before sending it, and would fetch the
                // certificate's AIA URL itself (a test of what the probe fetches must not see the server's).
                var certificate = certificates?.GetValueOrDefault(line[7..]) ?? TestCertificates.Get(line[7..]);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = SslStreamCertificateContext.Create(certificate, null, offline: true) }, token);
                stream = ssl;
                reader = new LineReader(stream);
            }
        }

        // Wait for the client to hang up (bounded by the test's cancellation).
        await reader.ReadLineAsync(token);
    };

    /// <summary>Reads CRLF lines without buffering past what it returns... enough for a test server.</summary>
    public sealed class LineReader(Stream stream)
    {
        public async Task<string?> ReadLineAsync(CancellationToken token)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (bytes.Count < 10_000)
            {
                if (await stream.ReadAsync(one, token) == 0)
                {
                    return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
                }

                if (one[0] == '\n')
                {
                    return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
                }

                bytes.Add(one[0]);
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }
    }
}

/// <summary>Self-signed server certificates made for the tests, by kind.</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> Valid = new(() => Create("mx.example.com", TimeSpan.FromDays(-1), TimeSpan.FromDays(30)));
    private static readonly Lazy<X509Certificate2> Expired = new(() => Create("mx.example.com", TimeSpan.FromDays(-60), TimeSpan.FromDays(-1)));
    private static readonly Lazy<X509Certificate2> OtherName = new(() => Create("other.example.net", TimeSpan.FromDays(-1), TimeSpan.FromDays(30)));

    public static X509Certificate2 Get(string kind) => kind switch
    {
        "valid" => Valid.Value,
        "expired" => Expired.Value,
        "other-name" => OtherName.Value,
        // Made when asked, valid from this second on: what Exim does at STARTTLS without a certificate.
        "fresh" => Create("mx.example.com", TimeSpan.Zero, TimeSpan.FromDays(30)),
        _ => throw new ArgumentException("unknown certificate kind " + kind),
    };

    private static X509Certificate2 Create(string name, TimeSpan from, TimeSpan to)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now + from, now + to);
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
