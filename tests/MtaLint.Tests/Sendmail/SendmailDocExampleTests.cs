using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

/// <summary>
/// The <c>### Sendmail: ...</c> examples of the rule docs: bad triggers the rule, good does not,
/// fixing bad with the rule's fixes gives good, and every example still builds with real m4 and
/// sendmail-cf, with the greeting mtalint computes.
/// </summary>
public class SendmailDocExampleTests
{
    public sealed record Example(string RuleId, string Title, string? Bad, string? Good, string Fix)
    {
        public override string ToString() => $"{RuleId} {Title}";
    }

    /// <summary>Every example of the rule docs in Sendmail (read by the one doc example parser, <see cref="RuleDocExamples"/>).</summary>
    public static IEnumerable<Example> All()
    {
        foreach (var doc in Directory.EnumerateFiles(TestPaths.Rules, "MTA*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(doc);
            var meta = RuleMetadata.Parse(text, doc);
            foreach (var example in RuleDocExamples.Parse(text).Where(e => e.Files.Any(f => f.Dialect == "sendmail")))
            {
                Assert.All(example.Files, f => Assert.Equal(("sendmail", "sendmail.mc"), (f.Dialect, f.FileName)));
                yield return new Example(meta.Id, example.Heading, example.BadFiles.SingleOrDefault()?.Text, example.GoodFiles.SingleOrDefault()?.Text, meta.Fix);
            }
        }
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in All())
        {
            data.Add(e.ToString());
        }

        return data;
    }

    [Fact]
    public void The_docs_have_sendmail_examples()
    {
        var rules = All().Select(e => e.RuleId).Distinct().ToArray();
        Assert.Contains("MTA108", rules);
        Assert.True(rules.Length >= 15, $"only {rules.Length} rules have Sendmail examples");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Example_behaves_as_documented(string name)
    {
        var example = All().Single(e => e.ToString() == name);
        var rule = RuleCatalog.Find(example.RuleId)!;
        var linter = Ecosystem.DocExamplePolicy.LinterFor(example.RuleId, rule, File.ReadAllText(Path.Combine(TestPaths.Rules, example.RuleId + ".md")), example.Title, new AnalysisOptions(SendmailTestFiles.Hostname));
        var dialect = new SendmailDialect();
        if (example.Bad is { } bad)
        {
            var file = new SourceFile("sendmail.mc", bad);
            Assert.Contains(linter.Lint(dialect, [file]).Diagnostics, d => d.RuleId == example.RuleId);
            AssertM4Agrees(bad);
            if (example.Fix != "none" && example.Good is { } expected)
            {
                var fixer = new Fixer(linter, includeUnsafe: example.Fix == "unsafe");
                var fixedFiles = fixer.Fix(dialect, [file]);
                Assert.Null(fixedFiles.Problem);
                Assert.Equal(expected, fixedFiles.Files[0].Text);
                Assert.Empty(fixer.Fix(dialect, fixedFiles.Files).Applied);
            }
        }

        if (example.Good is { } good)
        {
            Assert.DoesNotContain(linter.Lint(dialect, [new SourceFile("sendmail.mc", good)]).Diagnostics, d => d.RuleId == example.RuleId || d.RuleId == Linter.SyntaxErrorId);
            AssertM4Agrees(good);
        }
    }

    private static void AssertM4Agrees(string mc)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mtalint-doc-{Guid.NewGuid():N}.mc");
        File.WriteAllText(path, mc);
        try
        {
            var cf = SendmailTestFiles.BuildCf(path);
            Assert.NotNull(cf);
            var config = SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", mc));
            Assert.Equal(SendmailTestFiles.CfOption(cf, "SmtpGreetingMessage") ?? Model.Sendmail.SendmailCfKnowledge.BinaryDefaultGreeting, config.Services[0].Banner.Setting.Expanded);
            Assert.Equal(SendmailTestFiles.CfOption(cf, "PrivacyOptions"), config.Services[0].Vrfy.Setting.Expanded);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
