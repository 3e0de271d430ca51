namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA407 probe-certificate-name-mismatch: The server's TLS certificate is not valid for its host name. Fixtures in <c>Fixtures/MTA407/</c>, wording in <c>Mta407ProbeCertificateNameMismatchTests.Wording.verified.txt</c>.</summary>
public sealed class Mta407ProbeCertificateNameMismatchTests() : RuleFixtureTests("MTA407")
{
    [Fact]
    public void Wire_a_certificate_for_another_name() => Expect("""
        MTA407 mx.example.com:PORT (session):9:4-9:151 "certificate: subject CN=other.example.net; issuer CN=other.e"...(147 chars)
          no fix
        """);
}
