namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA412 probe-failed: The probe could not complete the SMTP session. Fixtures in <c>Fixtures/MTA412/</c>, wording in <c>Mta412ProbeFailedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta412ProbeFailedTests() : RuleFixtureTests("MTA412")
{
    [Fact]
    public void Wire_the_server_closes_in_the_middle_of_its_greeting() => Expect("""
        MTA412 mx.example.com:PORT (session):3:1-3:88 "*: probe stopped at Greeting: the server closed the connecti"...(87 chars)
          no fix
        """);
}
