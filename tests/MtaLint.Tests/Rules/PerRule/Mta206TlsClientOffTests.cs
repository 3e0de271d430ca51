namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA206 tls-client-off: Outbound opportunistic TLS is off. Fixtures in <c>Fixtures/MTA206/</c>, wording in <c>Mta206TlsClientOffTests.Wording.verified.txt</c>.</summary>
public sealed class Mta206TlsClientOffTests() : RuleFixtureTests("MTA206")
{
    [Fact]
    public void Exim_smtp_transport_that_never_tries_tls() => Expect("""
        MTA206 exim4.conf:5:3-5:22 "hosts_avoid_tls = *"
          safe fix exim4.conf:5:20-5:22 " *" -> ""
        """);

    [Fact]
    public void Postfix_switched_off() => Expect("""
        MTA206 main.cf:1:1-1:31 "smtp_tls_security_level = none"
          safe fix main.cf:1:27-1:31 "none" -> "may"
        """);

    [Fact]
    public void Postfix_unset_as_in_debians_main_cf() => Expect("""
        MTA206 main.cf (whole file)
          safe fix main.cf:1:11-1:11 "" -> "smtp_tls_security_level = may\n"
        """);

    [Fact]
    public void Sendmail_starttls_as_a_client_by_default() => Expect(Nothing);

    [Fact]
    public void Sendmail_the_s_client_modifier_turns_outbound_starttls_off() => Expect("""
        MTA206 sendmail.mc:4:1-4:35 "CLIENT_OPTIONS(`Family=inet, M=S')"
          safe fix sendmail.mc:4:1-4:35 "CLIENT_OPTIONS(`Family=inet, M=S')" -> "CLIENT_OPTIONS(`Family=inet')"
        """);
}
