namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA408 probe-certificate-untrusted: The server's TLS certificate is self-signed or not from a trusted CA. Fixtures in <c>Fixtures/MTA408/</c>, wording in <c>Mta408ProbeCertificateUntrustedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta408ProbeCertificateUntrustedTests() : RuleFixtureTests("MTA408")
{
    [Fact]
    public void Wire_a_self_signed_certificate() => Expect("""
        MTA408 mx.example.com:PORT (session):9:4-9:142 "certificate: subject CN=mx.example.com; issuer CN=mx.example"...(138 chars)
          no fix
        """);
}
