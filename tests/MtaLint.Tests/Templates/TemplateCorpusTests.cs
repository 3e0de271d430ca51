using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>Every Postfix template gathered in <c>TestData/templates</c>, linted and fixed as mtalint does by default.</summary>
public sealed class TemplateCorpusTests
{
    private static readonly PostfixDialect Postfix = new();

    private static string Real => Path.Combine(TestPaths.TestsData, "templates");

    /// <summary>The real templates Postfix reads, as paths relative to the test data.</summary>
    public static TheoryData<string> PostfixTemplates() =>
        new(Directory.EnumerateFiles(Real, "*", SearchOption.AllDirectories)
            .Where(p => Postfix.Recognizes(p, () => File.ReadAllText(p)) && TemplateReading.ViewOf(new SourceFile(p, File.ReadAllText(p)), t => null) is not null)
            .Select(p => Path.GetRelativePath(TestPaths.TestsData, p))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void The_corpus_holds_the_postfix_templates_of_every_engine()
    {
        var all = PostfixTemplates().Select(row => row.Data).ToList();

        Assert.True(all.Count >= 30, $"{all.Count} templates");
        Assert.Contains(all, p => p.EndsWith(".j2", StringComparison.Ordinal));
        Assert.Contains(all, p => p.EndsWith(".erb", StringComparison.Ordinal));
        Assert.Contains(all, p => p.EndsWith(".epp", StringComparison.Ordinal));
        Assert.Contains(all, p => p.EndsWith("/main.cf", StringComparison.Ordinal)); // Salt
    }

    [Theory]
    [MemberData(nameof(PostfixTemplates))]
    public void Each_template_reads_back_byte_for_byte_lints_without_a_syntax_error_and_fixes_only_literal_text(string relative)
    {
        var file = TemplateFiles.Read(relative);
        var linter = new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));

        var result = linter.Lint(Postfix, [file]);
        var fixedResult = new Fixer(linter, includeUnsafe: true).Fix(Postfix, [file]);

        Assert.Equal(file.Text, Postfix.Reprint(file));
        Assert.NotNull(result.Config);
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA000");
        Assert.All(result.Diagnostics, d => Assert.Same(file, d.Finding.File));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(TemplateFacts.Filler) || d.Finding.Notes.Any(n => n.Contains(TemplateFacts.Filler)));
        var before = TemplateReading.ViewOf(file, t => null)!;
        var after = TemplateReading.ViewOf(fixedResult.Files[0], t => null)!;
        Assert.Empty(after.Document.Errors);
        Assert.Equal(before.Tags.Select(t => file.Text.Substring(t.Span.Start, t.Span.Length)), after.Tags.Select(t => fixedResult.Files[0].Text.Substring(t.Span.Start, t.Span.Length)));
        Assert.Equal(fixedResult.Files[0].Text, Postfix.Reprint(fixedResult.Files[0]));
    }

    [Fact]
    public void The_cli_lints_the_whole_corpus_with_exit_code_0_or_1_and_notes_the_templates_it_does_not_read()
    {
        var run = CliRunner.RunReal("--color", "never", Real);

        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.DoesNotContain("MTA000", run.Stdout);
        Assert.DoesNotContain("Unhandled", run.Stderr);
        Assert.Contains("exim4.conf.j2:36:49: warning[MTA101]", run.Stdout);
        Assert.Contains("main.cf.j2:", run.Stdout);
    }

    [Theory]
    [InlineData("Stouts__Stouts.postfix")]
    [InlineData("dubzland__ansible-role-postfix")]
    [InlineData("sous-chefs__postfix")]
    public void Output_on_real_roles(string role)
    {
        var run = CliRunner.RunReal("--color", "never", "--hostname", "mx.example.com", Path.Combine(Real, role));

        Snapshot.Verify($"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}".Replace(TestPaths.TestsData + "/", string.Empty, StringComparison.Ordinal), role);
    }
}
