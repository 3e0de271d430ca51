namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA208 tls-wrapper-missing: The implicit-TLS port does not start TLS on connect. Fixtures in <c>Fixtures/MTA208/</c>, wording in <c>Mta208TlsWrapperMissingTests.Wording.verified.txt</c>.</summary>
public sealed class Mta208TlsWrapperMissingTests() : RuleFixtureTests("MTA208")
{
    [Fact]
    public void Postfix_smtps_with_wrapper_mode_off() => Expect("""
        MTA208 master.cf:3:3-3:30 "-o smtpd_tls_wrappermode=no"
          safe fix master.cf:3:28-3:30 "no" -> "yes"
        """);

    [Fact]
    public void Postfix_smtps_without_any_o() => Expect("""
        MTA208 master.cf:2:1-2:6 "smtps"
          safe fix master.cf:2:63-2:63 "" -> "\n  -o smtpd_tls_wrappermode=yes"
        """);

    [Fact]
    public void Sendmail_port_465_without_the_s_modifier() => Expect("""
        MTA208 sendmail.mc:8:1-8:40 "DAEMON_OPTIONS(`Port=465, Name=TLSMTA')"
          no fix
        """);
}
