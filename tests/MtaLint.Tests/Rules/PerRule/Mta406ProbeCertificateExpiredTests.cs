namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA406 probe-certificate-expired: The server's TLS certificate has expired or is not valid yet. Fixtures in <c>Fixtures/MTA406/</c>, wording in <c>Mta406ProbeCertificateExpiredTests.Wording.verified.txt</c>.</summary>
public sealed class Mta406ProbeCertificateExpiredTests() : RuleFixtureTests("MTA406")
{
    [Fact]
    public void Wire_an_expired_certificate() => Expect("""
        MTA406 mx.example.com:PORT (session):9:4-9:142 "certificate: subject CN=mx.example.com; issuer CN=mx.example"...(138 chars)
          no fix
        """);
}
