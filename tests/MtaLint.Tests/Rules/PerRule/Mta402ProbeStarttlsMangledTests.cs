namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA402 probe-starttls-mangled: STARTTLS is hidden in the EHLO reply (250-XXXXXXXA). Fixtures in <c>Fixtures/MTA402/</c>, wording in <c>Mta402ProbeStarttlsMangledTests.Wording.verified.txt</c>.</summary>
public sealed class Mta402ProbeStarttlsMangledTests() : RuleFixtureTests("MTA402")
{
    [Fact]
    public void Wire_starttls_masked_on_the_way() => Expect("""
        MTA402 mx.example.com:PORT (session):6:8-6:16 "XXXXXXXA"
          no fix
        """);
}
