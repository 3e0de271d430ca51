namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA002 invalid-suppression: A suppression comment names an unknown rule, does not parse, or is misspelt. Fixtures in <c>Fixtures/MTA002/</c>, wording in <c>Mta002InvalidSuppressionTests.Wording.verified.txt</c>.</summary>
public sealed class Mta002InvalidSuppressionTests() : RuleFixtureTests("MTA002")
{
    [Fact]
    public void Exim_a_letter_o_for_a_zero_in_the_rule_id() => Expect("""
        MTA002 exim4.conf:1:20-1:26 "MTA1O3"
          no fix
        """);

    [Fact]
    public void Postfix_a_suppression_without_its_colon() => Expect("""
        MTA002 main.cf:1:1-1:63 "# mtalint disable=MTA103 -- product name kept for the helpdesk"
          no fix
        """);

    [Fact]
    public void Postfix_a_typo_in_the_rule_id() => Expect("""
        MTA002 main.cf:1:20-1:26 "MTA1O3"
          no fix
        """);

    [Fact]
    public void Sendmail_a_suppression_spelt_like_another_linters() => Expect("""
        MTA002 sendmail.mc:1:1-1:67 "dnl mtalint-disable banner-version -- the version is public anyway"
          no fix
        """);
}
