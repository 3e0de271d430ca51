namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA403 probe-starttls-refused: STARTTLS is advertised but the command is refused. Fixtures in <c>Fixtures/MTA403/</c>, wording in <c>Mta403ProbeStarttlsRefusedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta403ProbeStarttlsRefusedTests() : RuleFixtureTests("MTA403")
{
    [Fact]
    public void Wire_starttls_rewritten_on_the_way() => Expect("""
        MTA403 mx.example.com:PORT (session):8:4-8:46 "500 5.5.1 Command unrecognized: \"XXXXXXXX\""
          no fix
        """);
}
