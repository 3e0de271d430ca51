namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA107 banner-personal: The SMTP banner contains contact details. Fixtures in <c>Fixtures/MTA107/</c>, wording in <c>Mta107BannerPersonalTests.Wording.verified.txt</c>.</summary>
public sealed class Mta107BannerPersonalTests() : RuleFixtureTests("MTA107")
{
    [Fact]
    public void Exim_contact_address_in_the_banner() => Expect("""
        MTA107 exim4.conf:1:50-1:72 "postmaster@example.com"
          no fix
        """);

    [Fact]
    public void Postfix_a_generic_banner() => Expect(Nothing);

    [Fact]
    public void Postfix_a_web_address_and_a_phone_number() => Expect("""
        MTA107 main.cf:1:38-1:62 "https://example.com/mail"
          no fix
        """);

    [Fact]
    public void Postfix_an_e_mail_address() => Expect("""
        MTA107 main.cf:1:49-1:71 "hostmaster@example.com"
          no fix
        """);

    [Fact]
    public void Sendmail_contact_address_in_the_greeting() => Expect("""
        MTA107 sendmail.mc:4:39-4:61 "postmaster@example.com"
          no fix
        """);
}
