namespace MtaLint.Tests.Rules.PerRule;

/// <summary>MTA306 undefined-reference: A reference to a setting that is not defined. Fixtures in <c>Fixtures/MTA306/</c>, wording in <c>Mta306UndefinedReferenceTests.Wording.verified.txt</c>.</summary>
public sealed class Mta306UndefinedReferenceTests() : RuleFixtureTests("MTA306")
{
    [Fact]
    public void Postfix_a_misspelt_name_in_a_list() => Expect("""
        MTA306 main.cf:1:41-1:49 "mydomian"
          no fix
        """);

    [Fact]
    public void Postfix_a_misspelt_name_in_the_banner() => Expect("""
        MTA306 main.cf:1:35-1:44 "mail_nmae"
          no fix
        """);

    [Fact]
    public void Postfix_known_names_only() => Expect(Nothing);
}
