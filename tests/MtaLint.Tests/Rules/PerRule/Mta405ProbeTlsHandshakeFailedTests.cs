namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA405 probe-tls-handshake-failed: The TLS handshake failed. Fixtures in <c>Fixtures/MTA405/</c>, wording in <c>Mta405ProbeTlsHandshakeFailedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta405ProbeTlsHandshakeFailedTests() : RuleFixtureTests("MTA405")
{
    [Fact]
    public void Wire_garbage_instead_of_a_handshake() => Expect("""
        MTA405 mx.example.com:PORT (session):7:4-7:32 "220 2.0.0 Ready to start TLS"
          no fix
        """);
}
