namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA420 probe-compare-starttls: The config offers STARTTLS but the wire does not show it, or refuses it. Fixtures in <c>Fixtures/MTA420/</c>, wording in <c>Mta420ProbeCompareStarttlsTests.Wording.verified.txt</c>.</summary>
public sealed class Mta420ProbeCompareStarttlsTests() : RuleFixtureTests("MTA420")
{
    [Fact]
    public void Wire_the_config_offers_starttls_the_wire_masks_it() => Expect("""
        MTA420 mx.example.com:PORT (session):4:4-6:12 "250-mx.example.com Hello client.example.org\nS: 250-XXXXXXXA\nS: 250 HELP"
          no fix
        """);
}
