using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Ecosystem;

public sealed class SuppressionTests
{
    private static string[] Ids(string text) =>
        Eco.Lint(text).Diagnostics.Select(d => d.Start is { } s ? $"{d.RuleId}@{s.Line}" : d.RuleId).ToArray();

    [Fact]
    public void Disable_suppresses_the_rule_on_the_setting_that_follows_only()
    {
        var text = "# mtalint: disable=MTA901 -- kept for monitoring\nx = bad\ny = bad\ntls = on\n";
        Assert.Equal(["MTA901@3"], Ids(text));
    }

    [Fact]
    public void Comment_and_blank_lines_between_the_suppression_and_the_setting_are_skipped()
    {
        var text = "# mtalint: disable=MTA901\n\n# the reason is above\nx = bad\ntls = on\n";
        Assert.Empty(Ids(text));
    }

    [Fact]
    public void Disable_file_suppresses_everywhere_in_the_file_including_file_level_findings()
    {
        var text = "x = bad\n# mtalint: disable-file=MTA901 -- legacy host, replaced in Q3\ny = bad\n";
        Assert.Empty(Ids(text));
    }

    [Fact]
    public void A_suppression_for_another_rule_does_not_hide_the_finding_and_is_reported_unused()
    {
        var text = "# mtalint: disable=MTA902\nx = bad\ntls = on\n";
        Assert.Equal(["MTA001@1", "MTA901@2"], Ids(text));
    }

    [Fact]
    public void Unused_suppression_points_at_the_id_and_its_fix_removes_the_comment()
    {
        var result = Eco.Lint("# mtalint: disable=MTA901 -- was bad once\nx = good\ntls = on\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(InlineSuppressions.UnusedId, d.RuleId);
        Assert.Equal("unused-suppression", d.RuleName);
        Assert.Equal(new LinePosition(1, 20), d.Start);
        Assert.Equal("MTA901", d.Finding.Location!.Text);
        var fixedFiles = MtaLint.Fixes.Fixer.Apply(result.Files, d.Fix!.Edits);
        Assert.Equal("x = good\ntls = on\n", fixedFiles[0].Text);
    }

    [Fact]
    public void Only_the_unused_id_is_removed_when_others_are_used()
    {
        var result = Eco.Lint("# mtalint: disable=MTA902, MTA901 -- note\nx = note\ntls = on\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("MTA001", d.RuleId);
        Assert.Equal("# mtalint: disable=MTA902 -- note\nx = note\ntls = on\n", MtaLint.Fixes.Fixer.Apply(result.Files, d.Fix!.Edits)[0].Text);

        var first = Eco.Lint("# mtalint: disable=MTA901,MTA902\nx = note\ntls = on\n");
        var unused = Assert.Single(first.Diagnostics);
        Assert.Equal("# mtalint: disable=MTA902\nx = note\ntls = on\n", MtaLint.Fixes.Fixer.Apply(first.Files, unused.Fix!.Edits)[0].Text);
    }

    [Fact]
    public void Unknown_rule_id_is_reported_and_suppresses_nothing()
    {
        var result = Eco.Lint("# mtalint: disable=MTA9O1 -- typo\nx = bad\ntls = on\n");
        Assert.Equal(["MTA002@1", "MTA901@2"], result.Diagnostics.Select(d => $"{d.RuleId}@{d.Start!.Value.Line}"));
        Assert.Contains("'MTA9O1' is not a rule mtalint knows", result.Diagnostics[0].Message);
    }

    [Theory]
    [InlineData("# mtalint: disabel=MTA901")]
    [InlineData("# mtalint: disable=MTA901 because reasons")]
    [InlineData("# mtalint: disable=")]
    [InlineData("# mtalint: disable=MTA901,,MTA902")]
    public void Malformed_suppressions_are_reported(string comment)
    {
        var result = Eco.Lint(comment + "\nx = note\ntls = on\n");
        Assert.Contains(result.Diagnostics, d => d.RuleId == "MTA002" && d.Start!.Value.Line == 1);
    }

    [Fact]
    public void The_suppression_checks_can_be_suppressed_file_wide()
    {
        var text = "# mtalint: disable-file=MTA001\n# mtalint: disable=MTA902\nx = good\ntls = on\n";
        Assert.Empty(Ids(text));
    }

    [Fact]
    public void Syntax_errors_are_never_suppressed()
    {
        var result = Eco.Lint("# mtalint: disable-file=MTA000\nnot an assignment\n");
        Assert.Contains(result.Diagnostics, d => d.RuleId == "MTA000");
    }

    [Fact]
    public void Sendmail_suppressions_use_dnl()
    {
        var file = new SourceFile("sendmail.mc", "dnl mtalint: disable=MTA101 -- shown for the helpdesk\ndefine(`confSMTP_LOGIN_MSG', `$j Sendmail $v')dnl\n# mtalint: disable-file=MTA103\n");
        var (comments, malformed) = SuppressionParser.Parse(file, new SendmailDialect().Comments);
        Assert.Empty(malformed);
        Assert.Equal(2, comments.Count);
        Assert.Equal(SuppressionScope.NextSetting, comments[0].Scope);
        Assert.Equal("shown for the helpdesk", comments[0].Reason);
        Assert.Equal(SuppressionScope.File, comments[1].Scope);

        // In Postfix and Exim, "dnl" is not a comment: such a line is no suppression.
        var postfix = new SourceFile("main.cf", "dnl mtalint: disable=MTA101\n");
        Assert.Empty(SuppressionParser.Parse(postfix, new PostfixDialect().Comments).Comments);
    }

    [Fact]
    public void Ids_are_case_insensitive_and_spaces_are_allowed()
    {
        var (comments, _) = SuppressionParser.Parse(new SourceFile("main.cf", "  #mtalint:disable = mta101 , MTA102--why\n"), new PostfixDialect().Comments);
        var comment = Assert.Single(comments);
        Assert.Equal(["MTA101", "MTA102"], comment.Ids.Select(i => i.Id));
        Assert.Equal("why", comment.Reason);
    }

    [Fact]
    public void Fix_removes_unused_suppression_and_a_second_fix_changes_nothing()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "# mtalint: disable=MTA901 -- was bad\nx = bad\ny = fine\n# mtalint: disable=MTA902\nz = fine\ntls = on\n");
        var first = CliRunner.Run(dir.File("main.fake"), "--fix");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("# mtalint: disable=MTA901 -- was bad\nx = bad\ny = fine\nz = fine\ntls = on\n", dir.Read("main.fake"));
        var second = CliRunner.Run(dir.File("main.fake"), "--fix");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("# mtalint: disable=MTA901 -- was bad\nx = bad\ny = fine\nz = fine\ntls = on\n", dir.Read("main.fake"));
    }

    [Fact]
    public void Fix_does_not_touch_a_suppressed_finding()
    {
        using var dir = new TempDir();
        var text = "# mtalint: disable=MTA901 -- monitoring greps it\nx = bad\ntls = on\n";
        dir.Write("main.fake", text);
        var result = CliRunner.Run(dir.File("main.fake"), "--fix");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(text, dir.Read("main.fake"));
    }

    [Fact]
    public void No_inline_ignores_turns_comments_off()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "# mtalint: disable=MTA901\nx = bad\n# mtalint: disable=MTA9O2\ntls = on\n");
        var result = CliRunner.Run(dir.File("main.fake"), "--no-inline-ignores", "--format", "json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"MTA901\"", result.Stdout);
        Assert.DoesNotContain("MTA00", result.Stdout);
    }
}
