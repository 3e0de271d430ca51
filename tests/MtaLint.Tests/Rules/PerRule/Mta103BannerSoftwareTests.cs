namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA103 banner-software: The SMTP banner names the mail server software. Fixtures in <c>Fixtures/MTA103/</c>, wording in <c>Mta103BannerSoftwareTests.Wording.verified.txt</c>.</summary>
public sealed class Mta103BannerSoftwareTests() : RuleFixtureTests("MTA103")
{
    [Fact]
    public void Exim_product_name_in_the_banner() => Expect("""
        MTA103 exim4.conf:1:43-1:47 "Exim"
          safe fix exim4.conf:1:15-1:47 "$smtp_active_hostname ESMTP Exim" -> "$smtp_active_hostname ESMTP"
        """);

    [Fact]
    public void Postfix_a_host_name_is_not_a_product() => Expect(Nothing);

    [Fact]
    public void Postfix_mail_name() => Expect("""
        MTA103 main.cf:1:34-1:44 "$mail_name"
          safe fix main.cf:1:16-1:44 "$myhostname ESMTP $mail_name" -> "$myhostname ESMTP"
        """);

    [Fact]
    public void Postfix_the_default_banner_names_postfix() => Expect("""
        MTA103 main.cf (whole file)
          safe fix main.cf:1:11-1:11 "" -> "smtpd_banner = $myhostname ESMTP\n"
        """);

    [Fact]
    public void Postfix_the_product_written_out() => Expect("""
        MTA103 main.cf:1:34-1:41 "Postfix"
          safe fix main.cf:1:16-1:41 "$myhostname ESMTP Postfix" -> "$myhostname ESMTP"
        """);

    [Fact]
    public void Sendmail_product_name_in_the_greeting() => Expect("""
        MTA103 sendmail.mc:4:34-4:42 "Sendmail"
          safe fix sendmail.mc:4:31-4:48 "$j Sendmail ready" -> "$j ready"
        """);
}
