namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA207 auth-without-tls: SASL AUTH is offered on unencrypted sessions. Fixtures in <c>Fixtures/MTA207/</c>, wording in <c>Mta207AuthWithoutTlsTests.Wording.verified.txt</c>.</summary>
public sealed class Mta207AuthWithoutTlsTests() : RuleFixtureTests("MTA207")
{
    [Fact]
    public void Exim_plain_authenticator_advertised_before_starttls() => Expect("""
        MTA207 exim4.conf:7:3-7:21 "driver = plaintext"
          safe fix exim4.conf:3:1-3:1 "" -> "auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}\n"
        """);

    [Fact]
    public void Postfix_auth_on_starttls_offered() => Expect("""
        MTA207 main.cf:3:1-3:29 "smtpd_sasl_auth_enable = yes"
          safe fix main.cf:3:30-3:30 "" -> "smtpd_tls_auth_only = yes\n"
        """);

    [Fact]
    public void Postfix_auth_only_after_starttls() => Expect(Nothing);

    [Fact]
    public void Sendmail_plaintext_auth_mechanisms_without_the_p_option() => Expect("""
        MTA207 sendmail.mc:7:1-7:45 "define(`confAUTH_MECHANISMS', `LOGIN PLAIN')"
          safe fix sendmail.mc:8:1-8:1 "" -> "define(`confAUTH_OPTIONS', `p')dnl\n"
        """);
}
