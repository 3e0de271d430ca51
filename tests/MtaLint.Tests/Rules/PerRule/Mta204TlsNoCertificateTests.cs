namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA204 tls-no-certificate: TLS is on but no certificate and key are configured. Fixtures in <c>Fixtures/MTA204/</c>, wording in <c>Mta204TlsNoCertificateTests.Wording.verified.txt</c>.</summary>
public sealed class Mta204TlsNoCertificateTests() : RuleFixtureTests("MTA204")
{
    [Fact]
    public void Exim_starttls_on_the_default_without_a_certificate() => Expect("""
        MTA204 exim4.conf (whole file)
          no fix
        """);

    [Fact]
    public void Postfix_certificate_and_key_files() => Expect(Nothing);

    [Fact]
    public void Postfix_level_may_with_a_certificate_chain_file() => Expect(Nothing);

    [Fact]
    public void Postfix_level_may_without_a_certificate() => Expect("""
        MTA204 main.cf:1:1-1:31 "smtpd_tls_security_level = may"
          no fix
        """);

    [Fact]
    public void Sendmail_certificate_without_its_key() => Expect("""
        MTA204 sendmail.mc:5:1-5:63 "define(`confSERVER_CERT', `/etc/mail/tls/sendmail-server.crt')"
          no fix
        """);
}
