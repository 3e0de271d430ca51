namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA401 probe-greeting-masked: The greeting is masked (220 *****), the mark of a firewall's SMTP inspection. Fixtures in <c>Fixtures/MTA401/</c>, wording in <c>Mta401ProbeGreetingMaskedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta401ProbeGreetingMaskedTests() : RuleFixtureTests("MTA401")
{
    [Fact]
    public void Wire_a_firewall_masks_the_greeting() => Expect("""
        MTA401 mx.example.com:PORT (greeting):1:5-1:57 "*******************************2***0**0*0*****2**0**"
          no fix
        """);
}
