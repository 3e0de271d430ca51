namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA411 probe-ehlo-refused: EHLO is refused; only HELO works, so no ESMTP and no STARTTLS. Fixtures in <c>Fixtures/MTA411/</c>, wording in <c>Mta411ProbeEhloRefusedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta411ProbeEhloRefusedTests() : RuleFixtureTests("MTA411")
{
    [Fact]
    public void Wire_ehlo_refused() => Expect("""
        MTA411 mx.example.com:PORT (session):4:4-4:43 "502 5.5.2 Error: command not recognized"
          no fix
        """);
}
