namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA001 unused-suppression: A suppression comment suppresses nothing. Fixtures in <c>Fixtures/MTA001/</c>, wording in <c>Mta001UnusedSuppressionTests.Wording.verified.txt</c>.</summary>
public sealed class Mta001UnusedSuppressionTests() : RuleFixtureTests("MTA001")
{
    [Fact]
    public void Exim_one_of_two_ids_is_stale() => Expect("""
        MTA001 exim4.conf:1:27-1:33 "MTA101"
          safe fix exim4.conf:1:26-1:33 ",MTA101" -> ""
        """);

    [Fact]
    public void Postfix_the_banner_no_longer_shows_the_version() => Expect("""
        MTA001 main.cf:1:20-1:26 "MTA101"
          safe fix main.cf:1:1-2:1 "# mtalint: disable=MTA101 -- monitoring greps the version\n" -> ""
        """);

    [Fact]
    public void Sendmail_the_greeting_no_longer_shows_the_version() => Expect("""
        MTA001 sendmail.mc:4:22-4:28 "MTA101"
          safe fix sendmail.mc:4:1-5:1 "dnl mtalint: disable=MTA101 -- monitoring greps the version\n" -> ""
        """);
}
