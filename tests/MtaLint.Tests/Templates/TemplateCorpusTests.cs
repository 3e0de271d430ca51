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
    public static TheoryData<string> PostfixTemplates() => TemplateContract.RealTemplates(p => Postfix.Recognizes(p, () => File.ReadAllText(p)));

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
    public void Each_template_reads_back_byte_for_byte_lints_without_a_syntax_error_and_fixes_only_literal_text(string relative) =>
        TemplateContract.ReadsBackLintsAndFixesOnlyLiteralText(Postfix, relative, file => TemplateReading.ViewOf(file, t => null));

    [Fact]
    public void The_cli_lints_the_whole_corpus_with_exit_code_0_or_1_and_notes_the_templates_it_does_not_read()
    {
        var run = CliRunner.RunReal("--color", "never", Real);

        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.DoesNotContain("MTA000", run.Stdout);
        Assert.DoesNotContain("Unhandled", run.Stderr);
        Assert.Contains("exim4.conf.template.j2:124:1: warning[MTA301]", run.Stdout);
        // jarppiko.exim4's banner shows the version, but by its role defaults Exim listens on 127.0.0.1 alone: no client sees it.
        Assert.DoesNotContain("exim4.conf.j2:36:49: warning[MTA101]", run.Stdout);
        Assert.Contains("jarppiko__ansible-role-exim4/defaults/main.yml where those decide them", run.Stdout);
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
