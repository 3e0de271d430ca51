namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA302 expn-enabled: The EXPN command is answered. Fixtures in <c>Fixtures/MTA302/</c>, wording in <c>Mta302ExpnEnabledTests.Wording.verified.txt</c>.</summary>
public sealed class Mta302ExpnEnabledTests() : RuleFixtureTests("MTA302")
{
    [Fact]
    public void Exim_expn_answered_for_everyone() => Expect("""
        MTA302 exim4.conf:1:1-1:23 "acl_smtp_expn = accept"
          safe fix exim4.conf:1:1-1:24 "acl_smtp_expn = accept\n" -> ""
        """);

    [Fact]
    public void Sendmail_expn_answered_with_novrfy_alone() => Expect("""
        MTA302 sendmail.mc:5:1-5:51 "define(`confPRIVACY_FLAGS', `authwarnings,novrfy')"
          safe fix sendmail.mc:5:30-5:49 "authwarnings,novrfy" -> "authwarnings,novrfy,noexpn"
        """);
}
