namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA301 vrfy-enabled: The VRFY command is answered. Fixtures in <c>Fixtures/MTA301/</c>, wording in <c>Mta301VrfyEnabledTests.Wording.verified.txt</c>.</summary>
public sealed class Mta301VrfyEnabledTests() : RuleFixtureTests("MTA301")
{
    [Fact]
    public void Exim_vrfy_acl_that_accepts() => Expect("""
        MTA301 exim4.conf:1:1-1:31 "acl_smtp_vrfy = acl_check_vrfy"
          safe fix exim4.conf:1:1-2:1 "acl_smtp_vrfy = acl_check_vrfy\n" -> ""
        """);

    [Fact]
    public void Postfix_explicitly_on() => Expect("""
        MTA301 main.cf:1:1-1:26 "disable_vrfy_command = no"
          safe fix main.cf:1:24-1:26 "no" -> "yes"
        """);

    [Fact]
    public void Postfix_the_default_answers_vrfy() => Expect("""
        MTA301 main.cf (whole file)
          safe fix main.cf:1:34-1:34 "" -> "disable_vrfy_command = yes\n"
        """);

    [Fact]
    public void Sendmail_flags_merged_into_an_existing_confprivacy_flags() => Expect("""
        MTA301 sendmail.mc:5:1-5:57 "define(`confPRIVACY_FLAGS', `authwarnings,restrictqrun')"
          safe fix sendmail.mc:5:30-5:55 "authwarnings,restrictqrun" -> "authwarnings,restrictqrun,novrfy,noexpn"
        """);

    [Fact]
    public void Sendmail_goaway_turns_vrfy_and_expn_off() => Expect(Nothing);

    [Fact]
    public void Sendmail_the_default_privacy_flags_authwarnings_answer_vrfy() => Expect("""
        MTA301 sendmail.mc (whole file)
          safe fix sendmail.mc:5:1-5:1 "" -> "define(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn')dnl\n"
        """);
}
