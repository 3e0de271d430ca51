using System.Globalization;
using System.Text.Json.Nodes;
using MtaLint.Model;

namespace MtaLint.Reporting;

/// <summary>
/// What a probe observed, as the <c>probe</c> member of <c>mtalint probe --format json</c>:
/// the endpoint, every reply, the TLS facts, the failure if any, and the whole transcript.
/// </summary>
public static class ProbeJson
{
    public static JsonObject Create(ObservedSession session, TimeSpan elapsed) => new()
    {
        ["host"] = session.Host,
        ["port"] = session.Port,
        ["address"] = session.Address,
        ["implicitTls"] = session.ImplicitTls,
        ["observedAt"] = session.ObservedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["elapsedMs"] = (long)elapsed.TotalMilliseconds,
        ["greeting"] = Reply(session.Greeting),
        ["ehlo"] = Reply(session.Ehlo),
        ["usedHelo"] = session.UsedHelo,
        ["extensions"] = Strings(session.Extensions),
        ["starttls"] = new JsonObject
        {
            ["advertised"] = session.StartTlsAdvertised,
            ["skipped"] = session.StartTlsSkipped,
            ["reply"] = Reply(session.StartTlsReply),
        },
        ["tls"] = Tls(session),
        ["ehloAfterTls"] = Reply(session.EhloAfterTls),
        ["extensionsAfterTls"] = Strings(session.ExtensionsAfterTls),
        ["failure"] = session.Failure is { } f ? new JsonObject { ["stage"] = f.Stage.ToString(), ["message"] = f.Message } : null,
        ["transcript"] = Strings(session.Transcript.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)),
    };

    private static JsonObject? Tls(ObservedSession session)
    {
        if (session.Tls is not { } tls)
        {
            return session.TlsHandshakeError is { } error ? new JsonObject { ["error"] = error } : null;
        }

        var result = new JsonObject { ["protocol"] = tls.ProtocolName, ["cipherSuite"] = tls.CipherSuite };
        if (tls.Certificate is { } c)
        {
            result["certificate"] = new JsonObject
            {
                ["subject"] = c.Subject,
                ["issuer"] = c.Issuer,
                ["dnsNames"] = Strings(c.DnsNames),
                ["notBefore"] = c.NotBefore.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["notAfter"] = c.NotAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["selfSigned"] = c.SelfSigned,
                ["matchesHost"] = c.MatchesHost,
                ["chainTrusted"] = c.ChainTrusted,
                ["chainProblems"] = Strings(c.ChainProblems),
                ["sha256"] = c.Sha256Fingerprint,
            };
        }

        return result;
    }

    private static JsonObject? Reply(SmtpReply? reply) =>
        reply is null ? null : new JsonObject { ["code"] = reply.Code, ["lines"] = Strings(reply.Lines) };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
