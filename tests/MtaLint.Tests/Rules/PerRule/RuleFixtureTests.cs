using System.Runtime.CompilerServices;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Rules.PerRule;

/// <summary>
/// The tests of one rule (a class <c>MtaNNN&lt;Slug&gt;Tests</c> per rule): one test per fixture case, named after
/// its folder, asserts the rule id, the span and the fix edits (<see cref="RuleFixture.Findings"/>); the
/// wording of every case lives in one snapshot, <c>MtaNNN&lt;Slug&gt;Tests.Wording.verified.txt</c>.
/// </summary>
/// <param name="sourceFile">The derived class's file, so that its snapshot lies beside it.</param>
public abstract class RuleFixtureTests(string ruleId, [CallerFilePath] string sourceFile = "")
{
    /// <summary>The expectation of a case that must report nothing.</summary>
    protected const string Nothing = "";

    public string RuleId => ruleId;

    /// <summary>Asserts the findings of the case the calling test is named after (<see cref="RuleFixture.MethodName"/>).</summary>
    /// <param name="expected">As <see cref="RuleFixture.Findings"/> renders them; empty when the case must report nothing.</param>
    protected void Expect(string expected, [CallerMemberName] string test = "")
    {
        var fixture = RuleFixture.Case(ruleId, RuleFixture.CaseName(test));
        Assert.Equal(Lines(expected), fixture.Findings());
    }

    [Fact]
    public void Wording()
    {
        var cases = RuleFixture.Cases(ruleId);
        Assert.NotEmpty(cases);
        var text = string.Concat(cases.Select(c => $"## {c.Name}\n{c.Wording()}\n"));
        Snapshot.Verify(text, sourceFile: sourceFile, method: nameof(Wording));
    }

    [Fact]
    public void Every_fixture_case_has_a_test()
    {
        var cases = RuleFixture.Cases(ruleId);
        Assert.NotEmpty(cases);
        foreach (var fixture in cases)
        {
            var method = GetType().GetMethod(RuleFixture.MethodName(fixture.Name));
            Assert.True(method?.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0,
                $"{fixture.Name} has no test: add [Fact] public void {RuleFixture.MethodName(fixture.Name)}() => Expect(...) to {GetType().Name}");
        }
    }

    /// <summary>A raw string literal's lines, each ending in a line break (as <see cref="RuleFixture.Findings"/> ends them).</summary>
    private static string Lines(string expected) =>
        expected.Length == 0 ? string.Empty : expected.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
}
