namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA202 tls-deprecated: A deprecated setting is used instead of what replaces it. Fixtures in <c>Fixtures/MTA202/</c>, wording in <c>Mta202TlsDeprecatedTests.Wording.verified.txt</c>.</summary>
public sealed class Mta202TlsDeprecatedTests() : RuleFixtureTests("MTA202")
{
    [Fact]
    public void Postfix_smtp_use_tls_for_outbound_mail() => Expect("""
        MTA202 main.cf:1:1-1:19 "smtp_use_tls = yes"
          safe fix main.cf:1:1-1:19 "smtp_use_tls = yes" -> "smtp_tls_security_level = may"
        """);

    [Fact]
    public void Postfix_smtpd_use_tls() => Expect("""
        MTA202 main.cf:3:1-3:20 "smtpd_use_tls = yes"
          safe fix main.cf:3:1-3:20 "smtpd_use_tls = yes" -> "smtpd_tls_security_level = may"
        """);
}
