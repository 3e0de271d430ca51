namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA404 probe-starttls-missing: The server does not offer STARTTLS. Fixtures in <c>Fixtures/MTA404/</c>, wording in <c>Mta404ProbeStarttlsMissingTests.Wording.verified.txt</c>.</summary>
public sealed class Mta404ProbeStarttlsMissingTests() : RuleFixtureTests("MTA404")
{
    [Fact]
    public void Wire_no_starttls() => Expect("""
        MTA404 mx.example.com:PORT (session):4:4-6:16 "250-mx.example.com Hello client.example.org\nS: 250-SIZE 10240000\nS: 250 8BITMIME"
          no fix
        """);
}
