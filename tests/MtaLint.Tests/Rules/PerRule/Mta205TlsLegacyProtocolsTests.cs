namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA205 tls-legacy-protocols: Broken SSL versions allowed, or TLS before 1.2 where TLS is mandatory. Fixtures in <c>Fixtures/MTA205/</c>, wording in <c>Mta205TlsLegacyProtocolsTests.Wording.verified.txt</c>.</summary>
public sealed class Mta205TlsLegacyProtocolsTests() : RuleFixtureTests("MTA205")
{
    [Fact]
    public void Exim_sslv3_added_back_to_gnutls_priorities() => Expect("""
        MTA205 exim4.conf:3:1-3:42 "tls_require_ciphers = NORMAL:+VERS-SSL3.0"
          safe fix exim4.conf:3:23-3:42 "NORMAL:+VERS-SSL3.0" -> "NORMAL"
        """);

    [Fact]
    public void Postfix_sslv3_allowed_for_opportunistic_tls() => Expect("""
        MTA205 main.cf:3:1-3:29 "smtpd_tls_protocols = !SSLv2"
          safe fix main.cf:3:23-3:29 "!SSLv2" -> "!SSLv2, !SSLv3"
        """);

    [Fact]
    public void Postfix_tls_1_0_and_1_1_allowed_where_tls_is_mandatory() => Expect("""
        MTA205 master.cf:4:3-4:49 "-o smtpd_tls_mandatory_protocols=!SSLv2,!SSLv3"
          unsafe fix master.cf:4:36-4:49 "!SSLv2,!SSLv3" -> ">=TLSv1.2"
        """);
}
