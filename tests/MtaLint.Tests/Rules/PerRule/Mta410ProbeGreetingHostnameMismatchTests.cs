namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA410 probe-greeting-hostname-mismatch: The greeting claims another host name than the one probed. Fixtures in <c>Fixtures/MTA410/</c>, wording in <c>Mta410ProbeGreetingHostnameMismatchTests.Wording.verified.txt</c>.</summary>
public sealed class Mta410ProbeGreetingHostnameMismatchTests() : RuleFixtureTests("MTA410")
{
    [Fact]
    public void Wire_the_server_calls_itself_by_another_name() => Expect("""
        MTA410 mx.example.com:PORT (greeting):1:5-1:26 "localhost.localdomain"
          no fix
        """);
}
