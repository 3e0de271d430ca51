namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA303 open-relay: Anyone may relay mail through the server. Fixtures in <c>Fixtures/MTA303/</c>, wording in <c>Mta303OpenRelayTests.Wording.verified.txt</c>.</summary>
public sealed class Mta303OpenRelayTests() : RuleFixtureTests("MTA303")
{
    [Fact]
    public void Exim_relay_from_hosts_matches_every_host() => Expect("""
        MTA303 exim4.conf:1:29-1:30 "*"
          no fix
        """);

    [Fact]
    public void Postfix_no_relay_restriction_at_all_is_not_a_relay() => Expect(Nothing);

    [Fact]
    public void Postfix_only_the_local_host_is_trusted() => Expect(Nothing);

    [Fact]
    public void Postfix_submission_that_relays_only_for_authenticated_clients() => Expect(Nothing);

    [Fact]
    public void Postfix_the_whole_ipv4_internet_is_trusted() => Expect("""
        MTA303 main.cf:2:14-2:23 "0.0.0.0/0"
          no fix
        """);

    [Fact]
    public void Sendmail_feature_promiscuous_relay() => Expect("""
        MTA303 sendmail.mc (whole file)
          no fix
        MTA303 sendmail.mc:5:1-5:29 "FEATURE(`promiscuous_relay')"
          no fix
        """);
}
