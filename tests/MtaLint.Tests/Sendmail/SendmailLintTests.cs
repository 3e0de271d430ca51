using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;

namespace MtaLint.Tests.Sendmail;

/// <summary>The rules on Sendmail configs: Debian's examples, the corpus, and fixes that m4 must still accept.</summary>
public class SendmailLintTests(ITestOutputHelper output)
{
    private static Linter Linter => new(RuleSet.Default, new AnalysisOptions(SendmailTestFiles.Hostname));

    public static TheoryData<string> DebianExamples => SendmailTestFiles.Names(SendmailTestFiles.DebianExamples);

    [Theory]
    [MemberData(nameof(DebianExamples))]
    public void Debian_examples_are_linted_and_the_default_greeting_is_reported(string path)
    {
        var file = SendmailTestFiles.Read(path);
        var result = Linter.Lint(new SendmailDialect(), [file]);
        foreach (var d in result.Diagnostics)
        {
            output.WriteLine($"{d.Path}:{d.Start}: {d.RuleId} {d.Message}");
        }

        Assert.NotNull(result.Config);
        // Debian's own sendmail.mc includes /etc/mail/m4/dialup.m4 and provider.m4, which sendmailconfig
        // makes on the machine: not here, each is reported at its include, and the rest is linted.
        Assert.Equal(result.Config.Gaps.Select(g => (object?)g.At), result.Diagnostics.Where(d => d.RuleId == Linter.SyntaxErrorId).Select(d => (object?)d.Finding.Location));
        var greeting = result.Config!.Services[0].Banner.Setting.Raw;
        // Banner rules judge only listeners clients can reach: Debian's own sendmail.mc and the
        // submit.mc files listen on loopback only.
        var reachable = result.Config.Services.Any(s => !s.LocalOnly);
        Assert.Equal(!path.Contains("submit.mc", StringComparison.Ordinal) && !path.EndsWith("debian/sendmail.mc", StringComparison.Ordinal), reachable);
        if (reachable && greeting.StartsWith(Model.Sendmail.SendmailCfKnowledge.DefaultGreeting, StringComparison.Ordinal))
        {
            var ids = result.Diagnostics.Select(d => d.RuleId).ToHashSet();
            Assert.Contains("MTA101", ids);
            Assert.Contains("MTA103", ids);
            Assert.Contains("MTA109", ids);
        }
    }
}
