namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA308 mc-stray-text: Text outside any m4 macro lands in sendmail.cf. Fixtures in <c>Fixtures/MTA308/</c>, wording in <c>Mta308McStrayTextTests.Wording.verified.txt</c>.</summary>
public sealed class Mta308McStrayTextTests() : RuleFixtureTests("MTA308")
{
    [Fact]
    public void Sendmail_daemon_port_options_as_text() => Expect("""
        MTA308 sendmail.mc:4:1-4:51 "DaemonPortOptions=Port=smtp, Name=MTA, Family=inet"
          no fix
        """);

    [Fact]
    public void Sendmail_banner_of_another_mta() => Expect("""
        MTA308 sendmail.mc:4:1-4:24 "smtpd_banner = $j ESMTP"
          no fix
        """);

    // LOCAL_CONFIG is where raw sendmail.cf lines belong: nothing to report there.
    [Fact]
    public void Sendmail_raw_line_in_local_config() => Expect(Nothing);
}
