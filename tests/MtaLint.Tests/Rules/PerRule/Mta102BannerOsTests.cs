namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA102 banner-os: The SMTP banner names the operating system or distribution. Fixtures in <c>Fixtures/MTA102/</c>, wording in <c>Mta102BannerOsTests.Wording.verified.txt</c>.</summary>
public sealed class Mta102BannerOsTests() : RuleFixtureTests("MTA102")
{
    [Fact]
    public void Exim_distribution_named_in_the_banner() => Expect("""
        MTA102 exim4.conf:1:43-1:55 "(Debian/GNU)"
          safe fix exim4.conf:1:15-1:55 "$smtp_active_hostname ESMTP (Debian/GNU)" -> "$smtp_active_hostname ESMTP"
        """);

    [Fact]
    public void Postfix_a_distribution_with_its_release() => Expect("""
        MTA102 main.cf:1:34-1:46 "Ubuntu-22.04"
          safe fix main.cf:1:16-1:52 "$myhostname ESMTP Ubuntu-22.04 ready" -> "$myhostname ESMTP ready"
        """);

    [Fact]
    public void Postfix_debians_default_banner() => Expect("""
        MTA102 main.cf:1:45-1:57 "(Debian/GNU)"
          safe fix main.cf:1:16-1:57 "$myhostname ESMTP $mail_name (Debian/GNU)" -> "$myhostname ESMTP $mail_name"
        """);

    [Fact]
    public void Postfix_host_names_that_contain_a_distribution_name() => Expect(Nothing);

    [Fact]
    public void Postfix_ubuntus_older_default_banner() => Expect("""
        MTA102 main.cf:1:45-1:53 "(Ubuntu)"
          safe fix main.cf:1:16-1:53 "$myhostname ESMTP $mail_name (Ubuntu)" -> "$myhostname ESMTP $mail_name"
        """);

    [Fact]
    public void Sendmail_operating_system_in_the_greeting() => Expect("""
        MTA102 sendmail.mc:4:34-4:46 "(Debian/GNU)"
          safe fix sendmail.mc:4:31-4:46 "$j (Debian/GNU)" -> "$j"
        """);
}
