namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA110 banner-policy: The SMTP banner does not follow the organisation's banner policy. Fixtures in <c>Fixtures/MTA110/</c>, wording in <c>Mta110BannerPolicyTests.Wording.verified.txt</c>.</summary>
public sealed class Mta110BannerPolicyTests() : RuleFixtureTests("MTA110")
{
    [Fact]
    public void Exim_a_forbidden_word_and_the_template() => Expect("""
        MTA110 exim4.conf:1:1-1:47 "smtp_banner = $smtp_active_hostname ESMTP Exim"
          no fix
        MTA110 exim4.conf:1:1-1:47 "smtp_banner = $smtp_active_hostname ESMTP Exim"
          safe fix exim4.conf:1:15-1:47 "$smtp_active_hostname ESMTP Exim" -> "$smtp_active_hostname ESMTP"
        """);

    [Fact]
    public void Postfix_the_greeting_differs_from_the_template() => Expect("""
        MTA110 main.cf:1:1-1:39 "smtpd_banner = $myhostname ESMTP ready"
          safe fix main.cf:1:16-1:39 "$myhostname ESMTP ready" -> "$myhostname ESMTP"
        """);

    [Fact]
    public void Sendmail_sendmail_adds_esmtp_itself() => Expect("""
        MTA110 sendmail.mc:4:1-4:54 "define(`confSMTP_LOGIN_MSG', `$j mail service ready')"
          safe fix sendmail.mc:4:31-4:52 "$j mail service ready" -> "$j"
        """);
}
