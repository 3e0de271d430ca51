namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA307 config-refused: settings that make Postfix exit at start-up. Fixtures in <c>Fixtures/MTA307/</c>, wording in <c>Mta307ConfigRefusedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta307ConfigRefusedTests() : RuleFixtureTests("MTA307")
{
    [Fact]
    public void Postfix_no_compatibility_level() => Expect("""
        MTA307 main.cf (whole file)
          no fix
        """);

    [Fact]
    public void Postfix_permit_before_reject() => Expect("""
        MTA307 main.cf:2:1-2:80 "smtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination"
          no fix
        """);

    [Fact]
    public void Postfix_submission_refuses_nothing() => Expect("""
        MTA307 master.cf:3:3-3:56 "-o smtpd_relay_restrictions=permit_sasl_authenticated"
          no fix
        """);

    [Fact]
    public void Postfix_boolean_true() => Expect("""
        MTA307 main.cf:2:1-2:27 "smtpd_tls_auth_only = true"
          no fix
        """);

    [Fact]
    public void Postfix_time_in_words() => Expect("""
        MTA307 main.cf:2:1-2:26 "smtpd_timeout = 5 minutes"
          no fix
        """);

    [Fact]
    public void Postfix_size_with_unit() => Expect("""
        MTA307 main.cf:2:1-2:25 "message_size_limit = 50M"
          no fix
        """);

    [Fact]
    public void Postfix_client_tls_level_on_smtpd() => Expect("""
        MTA307 main.cf:2:1-2:32 "smtpd_tls_security_level = dane"
          no fix
        """);

    [Fact]
    public void Postfix_override_in_master_cf() => Expect("""
        MTA307 master.cf:2:3-2:30 "-o smtpd_tls_auth_only=true"
          no fix
        """);

    // Postfix's defaults are not judged: the stock virtual service would exit over its empty
    // virtual_mailbox_base, but only when mail is routed to it.
    [Fact]
    public void Postfix_stock_virtual_service() => Expect(Nothing);
}
