namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA000 syntax-error: The file cannot be read as the MTA would read it. Fixtures in <c>Fixtures/MTA000/</c>, wording in <c>Mta000SyntaxErrorTests.Wording.verified.txt</c>.</summary>
public sealed class Mta000SyntaxErrorTests() : RuleFixtureTests("MTA000")
{
    [Fact]
    public void Exim_an_option_without_an_equals_sign() => Expect("""
        MTA000 exim4.conf:2:13-2:40 "$smtp_active_hostname ESMTP"
          no fix
        """);

    [Fact]
    public void Postfix_a_line_without_an_equals_sign() => Expect("""
        MTA000 main.cf:2:6-2:7 "l"
          no fix
        """);

    [Fact]
    public void Postfix_an_invalid_master_cf_field() => Expect("""
        MTA000 master.cf:2:18-2:23 "maybe"
          no fix
        """);

    [Fact]
    public void Sendmail_an_unterminated_quote() => Expect("""
        MTA000 sendmail.mc:3:30-3:31 "`"
          no fix
        """);
}
