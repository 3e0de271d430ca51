using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// Suppressions name rules by id or name; a comment meant as a suppression but misspelt is MTA002
/// with the form it should have; an unknown rule gets a "did you mean".
/// </summary>
public sealed class SuppressionSpellingTests
{
    [Theory]
    [InlineData("# mtalint: disable=banner-version -- kept", "MTA101")]
    [InlineData("# mtalint: disable=Banner-Version,mta102", "MTA101,MTA102")]
    [InlineData("# mtalint: disable-file=tls-client-off", "MTA206")]
    public void Rule_names_are_read_as_their_ids(string comment, string ids)
    {
        var (comments, malformed) = SuppressionParser.Parse(new SourceFile("main.cf", comment + "\nx = 1\n"), new PostfixDialect().Comments);
        Assert.Empty(malformed);
        Assert.Equal(ids, string.Join(",", Assert.Single(comments).Ids.Select(i => i.Id)));
    }

    [Theory]
    [InlineData("# mtalint disable=MTA301", "# mtalint: disable=MTA301")]
    [InlineData("# mtalint-disable MTA301", "# mtalint: disable=MTA301")]
    [InlineData("#mtalint-disable MTA301,MTA302 because we must", "# mtalint: disable=MTA301,MTA302 -- because we must")]
    [InlineData("# mtalint: disable MTA301 -- reason", "# mtalint: disable=MTA301 -- reason")]
    [InlineData("# mtalint: disabled=MTA301", "# mtalint: disable=MTA301")]
    [InlineData("# MTALINT ignore: vrfy-enabled", "# mtalint: disable=vrfy-enabled")]
    [InlineData("# mtalint: noqa MTA301", "# mtalint: disable=MTA301")]
    [InlineData("  # mtalint-disable-file MTA201 - TLS ends at the balancer", "# mtalint: disable-file=MTA201 -- TLS ends at the balancer")]
    [InlineData("# mtalint disable_file=MTA201", "# mtalint: disable-file=MTA201")]
    public void A_misspelt_suppression_is_reported_with_the_form_it_should_have(string comment, string meant)
    {
        var file = new SourceFile("main.cf", "x = 1\n" + comment + "\ny = 2\n");
        var (comments, malformed) = SuppressionParser.Parse(file, new PostfixDialect().Comments);
        Assert.Empty(comments);
        var bad = Assert.Single(malformed);
        Assert.EndsWith($": write '{meant}'", bad.Message); // the form it should have: the rest is MTA002's snapshot
        Assert.Equal(2, bad.Span.Start.Line);
        Assert.Equal(comment.TrimStart(), bad.Span.Text);
    }

    [Fact]
    public void Sendmail_comments_keep_their_dnl()
    {
        var (_, malformed) = SuppressionParser.Parse(new SourceFile("sendmail.mc", "dnl mtalint disable=MTA101\n"), new SendmailDialect().Comments);
        Assert.Contains("write 'dnl mtalint: disable=MTA101'", Assert.Single(malformed).Message);
    }

    [Theory]
    [InlineData("# checked by mtalint every night")]
    [InlineData("# mtalint would disable nothing here")]
    [InlineData("# see mtalint disable=MTA301 in the docs")]
    [InlineData("smtpd_banner = mtalint disable=MTA301")]
    public void Comments_that_only_mention_mtalint_are_not_suppressions(string line)
    {
        var (comments, malformed) = SuppressionParser.Parse(new SourceFile("main.cf", line + "\n"), new PostfixDialect().Comments);
        Assert.Empty(comments);
        Assert.Empty(malformed);
    }

    [Fact]
    public void A_run_reports_the_misspelling_and_keeps_the_finding()
    {
        using var dir = new TempDir();
        dir.Write("main.cf", "compatibility_level = 3.6\nmyhostname = mx.example.com\n# mtalint disable=MTA301 -- VRFY is needed\ndisable_vrfy_command = no\n");
        var r = CliRunner.RunReal("--hostname", "mx.example.com", "--select", "MTA0,MTA3", "--format", "json", dir.File("main.cf"));
        Assert.Equal(1, r.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var findings = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("rule").GetString()}@{d.GetProperty("line")}: {d.GetProperty("message").GetString()}").ToArray();
        Assert.Equal(["MTA002@3", "MTA301@4"], findings.Select(f => f[..f.IndexOf(':', StringComparison.Ordinal)]));
        Assert.EndsWith("write '# mtalint: disable=MTA301 -- VRFY is needed'", findings[0]);
    }

    [Fact]
    public void A_rule_name_suppresses_and_an_unused_one_is_reported_as_written()
    {
        using var dir = new TempDir();
        dir.Write("main.cf", "myhostname = mx.example.com\n# mtalint: disable=vrfy-enabled -- VRFY is needed\ndisable_vrfy_command = no\n# mtalint: disable=banner-os\nbiff = no\n");
        var r = CliRunner.RunReal("--hostname", "mx.example.com", "--select", "MTA0,MTA3,banner-os", dir.File("main.cf"));
        Assert.DoesNotContain("[MTA301]", r.Stdout);
        Assert.Contains("main.cf:4:20: warning[MTA001] suppression of banner-os (MTA102) is unused", r.Stdout);
        Assert.Contains("= fix (safe): ", r.Stdout);
    }

    [Fact]
    public void An_unknown_rule_gets_a_did_you_mean()
    {
        using var dir = new TempDir();
        dir.Write("main.cf", "myhostname = mx.example.com\n# mtalint: disable=MTA3O1,vrfy-enabeld\ndisable_vrfy_command = no\n");
        var r = CliRunner.RunReal("--hostname", "mx.example.com", "--select", "MTA0", dir.File("main.cf"));
        Assert.Contains("main.cf:2:20: warning[MTA002] 'MTA3O1' is not a rule mtalint knows, so this suppression does nothing; did you mean MTA301 (vrfy-enabled)?", r.Stdout);
        Assert.Contains("main.cf:2:27: warning[MTA002] 'vrfy-enabeld' is not a rule mtalint knows, so this suppression does nothing; did you mean MTA301 (vrfy-enabled)?", r.Stdout);
    }
}
