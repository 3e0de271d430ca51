namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA203 tls-mandatory-on-mx: TLS is required on the public port 25 listener. Fixtures in <c>Fixtures/MTA203/</c>, wording in <c>Mta203TlsMandatoryOnMxTests.Wording.verified.txt</c>.</summary>
public sealed class Mta203TlsMandatoryOnMxTests() : RuleFixtureTests("MTA203")
{
    [Fact]
    public void Exim_tls_on_connect_on_port_25() => Expect("""
        MTA203 exim4.conf (whole file)
          no fix
        """);

    [Fact]
    public void Postfix_encrypt_in_main_cf_applies_to_the_smtp_service() => Expect("""
        MTA203 main.cf:1:1-1:35 "smtpd_tls_security_level = encrypt"
          unsafe fix main.cf:1:28-1:35 "encrypt" -> "may"
        """);

    [Fact]
    public void Postfix_encrypt_only_on_submission_is_right() => Expect(Nothing);

    [Fact]
    public void Sendmail_tls_from_the_first_byte_on_port_25() => Expect("""
        MTA203 sendmail.mc:4:1-4:63 "define(`confSERVER_CERT', `/etc/mail/tls/sendmail-server.crt')"
          no fix
        """);
}
