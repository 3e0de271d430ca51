namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA105 banner-hostname: The SMTP banner does not start with the host name. Fixtures in <c>Fixtures/MTA105/</c>, wording in <c>Mta105BannerHostnameTests.Wording.verified.txt</c>.</summary>
public sealed class Mta105BannerHostnameTests() : RuleFixtureTests("MTA105")
{
    [Fact]
    public void Exim_banner_that_does_not_start_with_the_host_name() => Expect("""
        MTA105 exim4.conf:1:1-1:26 "smtp_banner = ESMTP ready"
          safe fix exim4.conf:1:15-1:26 "ESMTP ready" -> "$smtp_active_hostname ESMTP ready"
        """);

    [Fact]
    public void Postfix_a_domain_written_out_is_a_host_name() => Expect(Nothing);

    [Fact]
    public void Postfix_the_banner_starts_with_esmtp() => Expect("""
        MTA105 main.cf:1:1-1:27 "smtpd_banner = ESMTP ready"
          safe fix main.cf:1:16-1:27 "ESMTP ready" -> "$myhostname ESMTP ready"
        """);

    [Fact]
    public void Postfix_the_banner_starts_with_the_product() => Expect("""
        MTA105 main.cf:1:1-1:32 "smtpd_banner = $mail_name ESMTP"
          safe fix main.cf:1:16-1:32 "$mail_name ESMTP" -> "$myhostname $mail_name ESMTP"
        """);

    [Fact]
    public void Sendmail_a_greeting_that_starts_with_a_word() => Expect("""
        MTA105 sendmail.mc:4:1-4:46 "define(`confSMTP_LOGIN_MSG', `Welcome to $j')"
          safe fix sendmail.mc:4:31-4:44 "Welcome to $j" -> "$j Welcome to $j"
        """);

    [Fact]
    public void Sendmail_the_generic_greeting_starts_with_the_host_name() => Expect(Nothing);
}
