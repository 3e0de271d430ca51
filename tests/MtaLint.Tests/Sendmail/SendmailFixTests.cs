using System.Text.RegularExpressions;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;

namespace MtaLint.Tests.Sendmail;

/// <summary>
/// <c>--fix</c> on every testdata .mc: the result settles, still builds with real m4 and sendmail-cf,
/// and the .cf's greeting shows no version, date, product or ESMTP of its own (sendmail adds that).
/// </summary>
public partial class SendmailFixTests
{
    public static TheoryData<string> TestData => SendmailTestFiles.Names(SendmailTestFiles.TestData);

    [GeneratedRegex(@"\$[vZb]|\bSendmail\b|\bESMTP\b|\d+\.\d+\.\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Leaks();

    [Theory]
    [MemberData(nameof(TestData))]
    public void Fixed_file_builds_with_m4_and_greets_generically(string path)
    {
        var file = SendmailTestFiles.Read(path);
        var linter = new Linter(RuleSet.Default, new AnalysisOptions(SendmailTestFiles.Hostname));
        var fixer = new Fixer(linter, includeUnsafe: false);
        var result = fixer.Fix(new SendmailDialect(), [file]);
        Assert.Null(result.Problem);
        Assert.True(result.Converged);
        Assert.Empty(fixer.Fix(new SendmailDialect(), result.Files).Applied);
        var gaps = result.Remaining.Config!.Gaps;
        if (gaps.Count == 0)
        {
            Assert.DoesNotContain(result.Remaining.Diagnostics, d => d.RuleId is "MTA101" or "MTA102" or "MTA103" or "MTA108" or "MTA109" or "MTA301" or "MTA302");
        }
        else
        {
            // A file it includes is not here (commented-greeting.mc: Debian's /etc/mail/tls/starttls.m4): what
            // the rules found may depend on it, so it is reported with a note and not fixed.
            Assert.All(result.Applied, d => Assert.True(RuleDocs.Get(d.RuleId).JudgesTextOnly, d.RuleId));
            Assert.All(result.Remaining.Diagnostics.Where(d => d.RuleId != Linter.SyntaxErrorId && !RuleDocs.Get(d.RuleId).JudgesTextOnly),
                d => Assert.Contains(d.Finding.Notes, n => n.StartsWith("part of the config could not be read", StringComparison.Ordinal)));
        }

        var fixedPath = Path.Combine(Path.GetTempPath(), $"mtalint-fix-{Guid.NewGuid():N}.mc");
        File.WriteAllBytes(fixedPath, result.Files[0].Encode());
        try
        {
            var cf = SendmailTestFiles.BuildCf(fixedPath);
            Assert.NotNull(cf);
            var greeting = SendmailTestFiles.CfOption(cf, "SmtpGreetingMessage");
            Assert.NotNull(greeting);
            Assert.Equal(greeting, result.Remaining.Config!.Services[0].Banner.Setting.Expanded);
            if (gaps.Count == 0)
            {
                Assert.DoesNotMatch(Leaks(), greeting);
                var privacy = SendmailTestFiles.CfOption(cf, "PrivacyOptions")!.Split(',', StringSplitOptions.TrimEntries);
                Assert.True(privacy.Contains("goaway") || privacy.Contains("novrfy") && privacy.Contains("noexpn"), string.Join(",", privacy));
            }
        }
        finally
        {
            File.Delete(fixedPath);
        }
    }

    [Fact]
    public void A_greeting_fix_edits_the_define_in_place_and_keeps_everything_else()
    {
        var file = SendmailTestFiles.Read("testdata/sendmail/esmtp-twice.mc");
        var linter = new Linter(RuleSet.Default, new AnalysisOptions(SendmailTestFiles.Hostname));
        var result = new Fixer(linter, includeUnsafe: false).Fix(new SendmailDialect(), [file]);
        var before = file.Text.Split('\n');
        var after = result.Files[0].Text.Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = before.Zip(after).Where(p => p.First != p.Second).ToArray();
        var line = Assert.Single(changed);
        Assert.Equal("define(`confSMTP_LOGIN_MSG', `$j')dnl", line.Second);
    }

    [Fact]
    public void A_default_greeting_gets_a_define_before_the_first_mailer_and_crlf_is_kept()
    {
        var file = new Text.SourceFile("sendmail.mc", "divert(0)dnl\r\nOSTYPE(`linux')dnl\r\nFEATURE(`use_cw_file')dnl\r\nMAILER(`local')dnl\r\nMAILER(`smtp')dnl\r\n");
        var linter = new Linter(new RuleSet([RuleCatalog.Find("MTA101")!]), new AnalysisOptions(SendmailTestFiles.Hostname));
        var result = new Fixer(linter, includeUnsafe: false).Fix(new SendmailDialect(), [file]);
        Assert.Equal("divert(0)dnl\r\nOSTYPE(`linux')dnl\r\nFEATURE(`use_cw_file')dnl\r\ndefine(`confSMTP_LOGIN_MSG', `$j')dnl\r\nMAILER(`local')dnl\r\nMAILER(`smtp')dnl\r\n", result.Files[0].Text);
    }

    [Fact]
    public void Without_mailer_the_define_goes_at_the_end_on_its_own_line()
    {
        var noMailer = new Text.SourceFile("x.mc", "divert(0)dnl\nOSTYPE(`linux')dnl");
        var linter = new Linter(new RuleSet([RuleCatalog.Find("MTA301")!]), new AnalysisOptions(SendmailTestFiles.Hostname));
        var result = new Fixer(linter, includeUnsafe: false).Fix(new SendmailDialect(), [noMailer]);
        Assert.Equal("divert(0)dnl\nOSTYPE(`linux')dnl\ndefine(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn')dnl\n", result.Files[0].Text);
    }
}

public class SendmailInsertionTests
{
    private static string FixWith(string ruleId, string text)
    {
        var linter = new Linter(new RuleSet([RuleCatalog.Find(ruleId)!]), new AnalysisOptions(SendmailTestFiles.Hostname));
        var fixer = new Fixer(linter, includeUnsafe: false);
        var result = fixer.Fix(new SendmailDialect(), [new Text.SourceFile("sendmail.mc", text)]);
        Assert.Null(result.Problem);
        Assert.Empty(fixer.Fix(new SendmailDialect(), result.Files).Applied);
        return result.Files[0].Text;
    }

    [Fact]
    public void A_define_goes_after_a_later_call_that_would_override_it()
    {
        // OSTYPE(`debian') after MAILER sets the greeting again: a define before MAILER would be dead.
        Assert.Equal(
            "MAILER(`smtp')dnl\nOSTYPE(`debian')dnl\ndefine(`confSMTP_LOGIN_MSG', `$j')dnl\nFEATURE(`x')\n",
            FixWith("MTA101", "MAILER(`smtp')dnl\nOSTYPE(`debian')dnl\nFEATURE(`x')\n"));
    }

    [Fact]
    public void A_define_goes_after_a_cf_m4_include_that_resets_it()
    {
        // Debian's way: include(cf.m4) in the file; what is defined before it is overwritten by cfhead.m4.
        Assert.Equal(
            "define(`confPRIVACY_FLAGS', `goaway')dnl\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\ndefine(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn')dnl\n",
            FixWith("MTA301", "define(`confPRIVACY_FLAGS', `goaway')dnl\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n"));
    }

    [Fact]
    public void The_file_that_is_not_utf8_is_fixed_byte_exactly_outside_the_edit()
    {
        var path = SendmailTestFiles.Corpus.Single(p => p.EndsWith("knecht.mc", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(path);
        var file = Text.SourceFile.FromBytes(path, bytes);
        var linter = new Linter(RuleSet.Default, new AnalysisOptions(SendmailTestFiles.Hostname));
        var result = new Fixer(linter, includeUnsafe: false).Fix(new SendmailDialect(), [file]);
        var after = result.Files[0].Encode();
        var inserted = System.Text.Encoding.ASCII.GetBytes("define(`confSMTP_LOGIN_MSG', `$j')dnl\n");
        var at = after.AsSpan().IndexOf(inserted);
        Assert.True(at > 0);
        byte[] rest = [.. after.AsSpan(0, at), .. after.AsSpan(at + inserted.Length)];
        Assert.Equal(bytes, rest);
    }
}
