namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA109 banner-timestamp: The SMTP banner shows the date and time. Fixtures in <c>Fixtures/MTA109/</c>, wording in <c>Mta109BannerTimestampTests.Wording.verified.txt</c>.</summary>
public sealed class Mta109BannerTimestampTests() : RuleFixtureTests("MTA109")
{
    [Fact]
    public void Exim_tod_full_in_the_banner() => Expect("""
        MTA109 exim4.conf:1:43-1:52 "$tod_full"
          safe fix exim4.conf:1:15-1:52 "$smtp_active_hostname ESMTP $tod_full" -> "$smtp_active_hostname ESMTP"
        """);

    [Fact]
    public void Postfix_a_date_written_into_the_banner() => Expect("""
        MTA109 main.cf:1:34-1:65 "Sun, 22 Nov 2026 03:22:41 +0000"
          safe fix main.cf:1:16-1:65 "$myhostname ESMTP Sun, 22 Nov 2026 03:22:41 +0000" -> "$myhostname ESMTP"
        """);

    [Fact]
    public void Sendmail_date_in_the_greeting() => Expect("""
        MTA109 sendmail.mc:4:35-4:37 "$b"
          safe fix sendmail.mc:4:31-4:37 "$j; $b" -> "$j"
        """);
}
