namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA201 tls-server-off: Inbound STARTTLS is not offered. Fixtures in <c>Fixtures/MTA201/</c>, wording in <c>Mta201TlsServerOffTests.Wording.verified.txt</c>.</summary>
public sealed class Mta201TlsServerOffTests() : RuleFixtureTests("MTA201")
{
    [Fact]
    public void Exim_starttls_advertised_to_no_host() => Expect("""
        MTA201 exim4.conf:3:1-3:22 "tls_advertise_hosts ="
          safe fix exim4.conf:3:22-3:22 "" -> " *"
        """);

    [Fact]
    public void Postfix_a_loopback_only_re_injection_service_needs_no_tls() => Expect(Nothing);

    [Fact]
    public void Postfix_level_none() => Expect("""
        MTA201 main.cf:1:1-1:32 "smtpd_tls_security_level = none"
          safe fix main.cf:1:28-1:32 "none" -> "may"
        """);

    [Fact]
    public void Postfix_level_unset_with_a_certificate() => Expect("""
        MTA201 main.cf (whole file)
          safe fix main.cf:2:61-2:61 "" -> "smtpd_tls_security_level = may\n"
        """);

    [Fact]
    public void Postfix_no_certificate_yet() => Expect("""
        MTA201 main.cf:1:1-1:32 "smtpd_tls_security_level = none"
          no fix
        """);

    [Fact]
    public void Postfix_switched_off_for_the_submission_service_in_master_cf() => Expect("""
        MTA201 master.cf:3:3-3:35 "-o smtpd_tls_security_level=none"
          safe fix master.cf:3:31-3:35 "none" -> "may"
        """);

    [Fact]
    public void Sendmail_no_server_certificate_so_no_starttls() => Expect("""
        MTA201 sendmail.mc (whole file)
          no fix
        """);

    [Fact]
    public void Sendmail_the_s_modifier_keeps_starttls_off_on_a_listener() => Expect("""
        MTA201 sendmail.mc:7:1-7:43 "DAEMON_OPTIONS(`Port=smtp, Name=MTA, M=S')"
          safe fix sendmail.mc:7:1-7:43 "DAEMON_OPTIONS(`Port=smtp, Name=MTA, M=S')" -> "DAEMON_OPTIONS(`Port=smtp, Name=MTA')"
        """);
}
