namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA104 banner-esmtp: The SMTP banner does not say ESMTP. Fixtures in <c>Fixtures/MTA104/</c>, wording in <c>Mta104BannerEsmtpTests.Wording.verified.txt</c>.</summary>
public sealed class Mta104BannerEsmtpTests() : RuleFixtureTests("MTA104")
{
    [Fact]
    public void Exim_banner_without_esmtp() => Expect("""
        MTA104 exim4.conf:1:1-1:42 "smtp_banner = $smtp_active_hostname ready"
          safe fix exim4.conf:1:15-1:42 "$smtp_active_hostname ready" -> "$smtp_active_hostname ESMTP ready"
        """);

    [Fact]
    public void Postfix_a_banner_with_words_of_its_own() => Expect("""
        MTA104 main.cf:1:1-1:46 "smtpd_banner = $myhostname mail service ready"
          safe fix main.cf:1:16-1:46 "$myhostname mail service ready" -> "$myhostname ESMTP mail service ready"
        """);

    [Fact]
    public void Postfix_only_the_host_name() => Expect("""
        MTA104 main.cf:1:1-1:27 "smtpd_banner = $myhostname"
          safe fix main.cf:1:16-1:27 "$myhostname" -> "$myhostname ESMTP"
        """);
}
