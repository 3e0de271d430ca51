namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA101 banner-version: The SMTP banner shows the software version. Fixtures in <c>Fixtures/MTA101/</c>, wording in <c>Mta101BannerVersionTests.Wording.verified.txt</c>.</summary>
public sealed class Mta101BannerVersionTests() : RuleFixtureTests("MTA101")
{
    [Fact]
    public void Exim_the_default_banner_shows_the_version_number() => Expect("""
        MTA101 exim4.conf (whole file)
          safe fix exim4.conf:1:35-1:35 "" -> "smtp_banner = $smtp_active_hostname ESMTP\n"
        """);

    [Fact]
    public void Exim_version_in_a_banner_built_by_a_macro() => Expect("""
        MTA101 exim4.conf:1:38-1:53 "$version_number"
          safe fix exim4.conf:1:10-1:53 "$smtp_active_hostname ESMTP $version_number" -> "$smtp_active_hostname ESMTP"
        """);

    [Fact]
    public void Postfix_a_generic_banner_and_a_host_name_with_digits_and_dots() => Expect(Nothing);

    [Fact]
    public void Postfix_version_in_a_master_cf_override_of_the_submission_service() => Expect("""
        MTA101 master.cf:3:41-3:54 "$mail_version"
          safe fix master.cf:3:23-3:54 "$myhostname ESMTP $mail_version" -> "$myhostname ESMTP"
        """);

    [Fact]
    public void Postfix_version_in_brackets_as_in_main_cf_dist() => Expect("""
        MTA101 main.cf:1:45-1:60 "($mail_version)"
          safe fix main.cf:1:16-1:60 "$myhostname ESMTP $mail_name ($mail_version)" -> "$myhostname ESMTP $mail_name"
        """);

    [Fact]
    public void Postfix_version_reached_through_another_parameter() => Expect("""
        MTA101 main.cf:2:18-2:33 "($mail_version)"
          safe fix main.cf:1:16-1:60 "$myhostname ESMTP $mail_name $banner_details" -> "$myhostname ESMTP"
        """);

    [Fact]
    public void Postfix_version_through_mail_version() => Expect("""
        MTA101 main.cf:1:45-1:58 "$mail_version"
          safe fix main.cf:1:16-1:58 "$myhostname ESMTP $mail_name $mail_version" -> "$myhostname ESMTP $mail_name"
        """);

    [Fact]
    public void Postfix_version_written_out() => Expect("""
        MTA101 main.cf:1:42-1:48 "3.7.11"
          safe fix main.cf:1:16-1:48 "$myhostname ESMTP Postfix 3.7.11" -> "$myhostname ESMTP Postfix"
        """);

    [Fact]
    public void Sendmail_the_generic_greeting() => Expect(Nothing);

    [Fact]
    public void Sendmail_the_sendmail_cf_default_greeting() => Expect("""
        MTA101 sendmail.mc (whole file)
          safe fix sendmail.mc:4:1-4:1 "" -> "define(`confSMTP_LOGIN_MSG', `$j')dnl\n"
        """);

    [Fact]
    public void Sendmail_version_in_a_configured_greeting() => Expect("""
        MTA101 sendmail.mc:4:43-4:45 "$v"
          safe fix sendmail.mc:4:31-4:51 "$j Sendmail $v ready" -> "$j Sendmail ready"
        """);
}
