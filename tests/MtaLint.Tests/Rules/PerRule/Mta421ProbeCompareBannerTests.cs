namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA421 probe-compare-banner: The greeting on the wire is not the banner the config renders. Fixtures in <c>Fixtures/MTA421/</c>, wording in <c>Mta421ProbeCompareBannerTests.Wording.verified.txt</c>.</summary>
public sealed class Mta421ProbeCompareBannerTests() : RuleFixtureTests("MTA421")
{
    [Fact]
    public void Wire_a_generic_config_a_versioned_greeting() => Expect("""
        MTA421 mx.example.com:PORT (greeting):1:5-1:67 "mx.example.com ESMTP Exim 4.96 Sun, 22 Nov 2026 03:22:41 +0000"
          no fix
        """);
}
