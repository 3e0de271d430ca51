namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA305 duplicate-setting: A setting is assigned twice; the earlier assignment is dead. Fixtures in <c>Fixtures/MTA305/</c>, wording in <c>Mta305DuplicateSettingTests.Wording.verified.txt</c>.</summary>
public sealed class Mta305DuplicateSettingTests() : RuleFixtureTests("MTA305")
{
    [Fact]
    public void Exim_option_set_twice() => Expect("""
        MTA305 exim4.conf:1:1-1:15 "qualify_domain"
          safe fix exim4.conf:1:1-2:1 "qualify_domain = example.org\n" -> ""
        """);

    [Fact]
    public void Exim_options_that_add_up_are_not_duplicates() => Expect(Nothing);

    [Fact]
    public void Postfix_a_dead_value_with_continuation_lines() => Expect("""
        MTA305 main.cf:1:1-1:11 "mynetworks"
          safe fix main.cf:1:1-3:1 "mynetworks = 127.0.0.0/8\n    192.168.0.0/16\n" -> ""
        """);

    [Fact]
    public void Postfix_a_master_cf_override_is_not_a_duplicate() => Expect(Nothing);

    [Fact]
    public void Postfix_set_twice() => Expect("""
        MTA305 main.cf:1:1-1:21 "disable_vrfy_command"
          safe fix main.cf:1:1-2:1 "disable_vrfy_command = no\n" -> ""
        """);

    [Fact]
    public void Sendmail_a_define_a_feature_reads_before_it_is_made_again() => Expect(Nothing);

    [Fact]
    public void Sendmail_made_again_before_the_feature_that_reads_it() => Expect("""
        MTA305 sendmail.mc:4:9-4:20 "confEBINDIR"
          safe fix sendmail.mc:4:1-5:1 "define(`confEBINDIR', `/usr/libexec')dnl\n" -> ""
        """);

    [Fact]
    public void Sendmail_a_define_made_twice_the_first_is_dead() => Expect("""
        MTA305 sendmail.mc:4:9-4:27 "confSMTP_LOGIN_MSG"
          safe fix sendmail.mc:4:1-5:1 "define(`confSMTP_LOGIN_MSG', `$j Sendmail')dnl\n" -> ""
        """);
}
