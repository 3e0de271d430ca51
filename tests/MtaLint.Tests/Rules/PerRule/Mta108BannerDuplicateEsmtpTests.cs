namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA108 banner-duplicate-esmtp: Clients see ESMTP twice in the greeting. Fixtures in <c>Fixtures/MTA108/</c>, wording in <c>Mta108BannerDuplicateEsmtpTests.Wording.verified.txt</c>.</summary>
public sealed class Mta108BannerDuplicateEsmtpTests() : RuleFixtureTests("MTA108")
{
    [Fact]
    public void Exim_esmtp_twice() => Expect("""
        MTA108 exim4.conf:2:43-2:48 "ESMTP"
          safe fix exim4.conf:2:15-2:54 "$smtp_active_hostname ESMTP ESMTP ready" -> "$smtp_active_hostname ESMTP ready"
        """);

    [Fact]
    public void Postfix_esmtp_twice() => Expect("""
        MTA108 main.cf:1:45-1:50 "ESMTP"
          safe fix main.cf:1:16-1:50 "$myhostname ESMTP $mail_name ESMTP" -> "$myhostname ESMTP $mail_name"
        """);

    [Fact]
    public void Postfix_once_is_right() => Expect(Nothing);

    [Fact]
    public void Sendmail_esmtp_in_the_configured_greeting() => Expect("""
        MTA108 sendmail.mc:4:34-4:39 "ESMTP"
          safe fix sendmail.mc:4:31-4:39 "$j ESMTP" -> "$j"
        """);

    [Fact]
    public void Sendmail_the_generic_greeting_shows_esmtp_once() => Expect(Nothing);
}
