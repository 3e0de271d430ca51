namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA106 banner-length: A greeting line is longer than 512 octets. Fixtures in <c>Fixtures/MTA106/</c>, wording in <c>Mta106BannerLengthTests.Wording.verified.txt</c>.</summary>
public sealed class Mta106BannerLengthTests() : RuleFixtureTests("MTA106")
{
    [Fact]
    public void Exim_a_banner_line_over_512_octets() => Expect("""
        MTA106 exim4.conf:1:1-1:563 "smtp_banner = $smtp_active_hostname ESMTP xxxxxxxxxxxxxxxxxx"...(562 chars)
          no fix
        """);

    [Fact]
    public void Postfix_a_long_welcome_text() => Expect("""
        MTA106 main.cf:1:1-1:537 "smtpd_banner = $myhostname ESMTP Welcome to the example.com "...(536 chars)
          no fix
        """);

    [Fact]
    public void Postfix_a_short_banner() => Expect(Nothing);

    [Fact]
    public void Sendmail_greeting_over_512_octets() => Expect("""
        MTA106 sendmail.mc:4:1-4:556 "define(`confSMTP_LOGIN_MSG', `$j xxxxxxxxxxxxxxxxxxxxxxxxxxx"...(555 chars)
          no fix
        """);
}
