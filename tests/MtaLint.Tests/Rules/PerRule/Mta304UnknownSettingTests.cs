namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA304 unknown-setting: A setting name the MTA does not know. Fixtures in <c>Fixtures/MTA304/</c>, wording in <c>Mta304UnknownSettingTests.Wording.verified.txt</c>.</summary>
public sealed class Mta304UnknownSettingTests() : RuleFixtureTests("MTA304")
{
    [Fact]
    public void Exim_misspelt_option() => Expect("""
        MTA304 exim4.conf:1:1-1:15 "qualify_domian"
          unsafe fix exim4.conf:1:1-1:15 "qualify_domian" -> "qualify_domain"
        """);

    [Fact]
    public void Postfix_a_misspelt_name_whose_value_does_not_expand() => Expect("""
        MTA304 main.cf:1:1-1:10 "myhostnme"
          no fix
        """);

    [Fact]
    public void Postfix_a_misspelt_parameter() => Expect("""
        MTA304 main.cf:1:1-1:24 "smtpd_tls_securty_level"
          unsafe fix main.cf:1:1-1:24 "smtpd_tls_securty_level" -> "smtpd_tls_security_level"
        """);

    [Fact]
    public void Postfix_a_name_with_no_close_match() => Expect("""
        MTA304 main.cf:1:1-1:16 "my_private_note"
          no fix
        """);

    [Fact]
    public void Postfix_a_user_defined_parameter_that_is_used() => Expect(Nothing);

    [Fact]
    public void Postfix_two_letters_swapped() => Expect("""
        MTA304 main.cf:1:1-1:21 "disable_vrfy_comamnd"
          unsafe fix main.cf:1:1-1:21 "disable_vrfy_comamnd" -> "disable_vrfy_command"
        """);

    [Fact]
    public void Sendmail_a_misspelt_conf_name() => Expect("""
        MTA304 sendmail.mc:4:9-4:27 "confSMTP_LOGIN_MGS"
          unsafe fix sendmail.mc:4:9-4:27 "confSMTP_LOGIN_MGS" -> "confSMTP_LOGIN_MSG"
        """);
}
