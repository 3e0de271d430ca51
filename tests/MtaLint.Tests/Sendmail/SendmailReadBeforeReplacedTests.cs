using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Model.Sendmail;
using MtaLint.Rules.Settings;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

/// <summary>
/// A define that m4 reads before the .mc defines the name again has an effect
/// (<see cref="SettingAssignment.ReadBeforeReplaced"/>): a sendmail-cf file m4 reads at its call
/// (<c>FEATURE(local_lmtp)</c> builds Mlocal's <c>P=</c> from confEBINDIR, as in DragonFly BSD's
/// <c>etc/sendmail/dragonfly.mc</c>), or a macro the .mc expands between the two. Checked with real m4
/// and sendmail-cf: MTA305's fix leaves sendmail.cf as it was, and deleting a define the model says is
/// read changes it.
/// </summary>
public sealed class SendmailReadBeforeReplacedTests
{
    /// <summary>DragonFly BSD's dragonfly.mc, reduced: confEBINDIR defined, FEATURE(local_lmtp), defined again.</summary>
    private const string ReadBetween = """
        divert(0)dnl
        OSTYPE(`linux')dnl
        DOMAIN(`generic')dnl
        define(`confEBINDIR', `/usr/local/libexec')dnl
        FEATURE(`local_lmtp')dnl
        define(`confEBINDIR', `/usr/local/libexec')dnl
        MAILER(`local')dnl
        MAILER(`smtp')dnl

        """;

    /// <summary>Both defines before the feature: the first is read by nothing.</summary>
    private const string NothingBetween = """
        divert(0)dnl
        OSTYPE(`linux')dnl
        DOMAIN(`generic')dnl
        define(`confEBINDIR', `/usr/libexec')dnl
        define(`confEBINDIR', `/usr/local/libexec')dnl
        FEATURE(`local_lmtp')dnl
        MAILER(`local')dnl
        MAILER(`smtp')dnl

        """;

    private static IReadOnlyList<SettingAssignment> Assignments(string text, string name) =>
        SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", text)).Assignments.Where(a => a.Name == name).ToArray();

    [Fact]
    public void A_define_a_feature_reads_before_the_next_define_is_read_before_replaced()
    {
        var ebindir = Assignments(ReadBetween, "confEBINDIR");
        Assert.Equal(2, ebindir.Count);
        Assert.True(ebindir[0].ReadBeforeReplaced);
    }

    [Fact]
    public void A_define_made_again_before_any_read_is_not()
    {
        var ebindir = Assignments(NothingBetween, "confEBINDIR");
        Assert.Equal(2, ebindir.Count);
        Assert.False(ebindir[0].ReadBeforeReplaced);
    }

    [Fact]
    public void A_feature_that_does_not_mention_the_name_does_not_read_it()
    {
        var text = NothingBetween.Replace("define(`confEBINDIR', `/usr/local/libexec')dnl\n", "FEATURE(`use_cw_file')dnl\ndefine(`confEBINDIR', `/usr/local/libexec')dnl\n", StringComparison.Ordinal);
        Assert.False(Assignments(text, "confEBINDIR")[0].ReadBeforeReplaced);
    }

    [Theory]
    [InlineData("define(`SITE_BIN', confEBINDIR)dnl", true)] // unquoted: expanded when the define is made
    [InlineData("define(`SITE_BIN', `confEBINDIR')dnl", false)] // quoted: expanded only where SITE_BIN is used
    [InlineData("define(`SITE_BIN', `confEBINDIR')SITE_BIN", true)]
    [InlineData("ifdef(`confEBINDIR', `dnl')", true)]
    [InlineData("define(`SITE_BIN', defn(`confEBINDIR'))dnl", true)]
    [InlineData("FEATURE(`mailertable', `hash confEBINDIR/mt')dnl", true)] // the feature expands its argument
    [InlineData("FEATURE(`site_own_feature')dnl", true)] // a file sendmail-cf does not have may read any name
    [InlineData("FEATURE(`site_own_feature')dnl\ndefine(`confEBINDIR', `/opt/bin')dnl", true)] // read, then replaced
    public void A_macro_of_the_mc_between_two_defines_reads_the_first(string between, bool read)
    {
        var text = NothingBetween.Replace("define(`confEBINDIR', `/usr/local/libexec')dnl\n", between + "\ndefine(`confEBINDIR', `/usr/local/libexec')dnl\n", StringComparison.Ordinal);
        Assert.Equal(read, Assignments(text, "confEBINDIR")[0].ReadBeforeReplaced);
    }

    [Fact]
    public void Every_file_sendmail_cf_reads_at_a_call_is_in_the_table_with_the_names_it_mentions()
    {
        var table = SendmailCfCallReads.All.ToDictionary(c => c.Call, c => c.Names.Split(' ').ToHashSet(StringComparer.Ordinal));
        var calls = new[] { ("FEATURE", "feature"), ("MAILER", "mailer"), ("OSTYPE", "ostype"), ("DOMAIN", "domain"), ("HACK", "hack") };
        foreach (var (call, directory) in calls)
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(SendmailTestFiles.CfDir, directory), "*.m4"))
            {
                var key = $"{call}({Path.GetFileNameWithoutExtension(path)})";
                Assert.True(table.TryGetValue(key, out var names), key);
                foreach (var conf in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"\bconf[A-Z][A-Z0-9_]*\b").Select(m => m.Value))
                {
                    Assert.Contains(conf, names);
                }
            }
        }

        Assert.Contains("confEBINDIR", table["FEATURE(local_lmtp)"]);
        // bsdi2.0 includes bsdi.m4, which includes bsd4.4.m4: names of the files it reads in turn count.
        Assert.True(table["OSTYPE(bsdi2.0)"].IsSupersetOf(table["OSTYPE(bsd4.4)"]));
    }

    [Fact]
    public void Real_m4_builds_the_same_sendmail_cf_after_the_fix_and_another_one_without_a_define_read_between()
    {
        // Nothing between: MTA305 deletes the first define, and sendmail.cf does not change.
        var file = new SourceFile("sendmail.mc", NothingBetween);
        var finding = Assert.Single(new Mta305DuplicateSetting().Check(SendmailTestFiles.Analyze(file)));
        var fixedText = Fixer.Apply([file], finding.Fix!.Edits)[0].Text;
        Assert.DoesNotContain("/usr/libexec'", fixedText, StringComparison.Ordinal);
        var before = Cf(NothingBetween);
        Assert.Equal("/usr/local/libexec/mail.local", LocalMailerPath(before));
        Assert.Equal(before, Cf(fixedText));

        // Read between: MTA305 says nothing, and deleting the first define (the edit it would make) changes Mlocal's P=.
        var readBetween = new SourceFile("sendmail.mc", ReadBetween);
        Assert.Empty(new Mta305DuplicateSetting().Check(SendmailTestFiles.Analyze(readBetween)));
        var firstDefine = readBetween.Text.IndexOf("define(`confEBINDIR'", StringComparison.Ordinal);
        var withoutFirst = ReadBetween.Remove(firstDefine, readBetween.Text.IndexOf('\n', firstDefine) + 1 - firstDefine);
        Assert.Equal("/usr/local/libexec/mail.local", LocalMailerPath(Cf(ReadBetween)));
        // OSTYPE(linux) defines confEBINDIR as /usr/sbin, and that is what the feature reads then.
        Assert.Equal("/usr/sbin/mail.local", LocalMailerPath(Cf(withoutFirst)));
    }

    [Fact]
    public void DragonFly_BSDs_dragonfly_mc_is_not_reported_and_its_first_confEBINDIR_sets_the_local_mailer()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "MtaLint.Tests", "Sendmail", "Real", "DragonFlyBSD__DragonFlyBSD", "etc", "sendmail", "dragonfly.mc");
        var text = File.ReadAllText(path);
        var file = new SourceFile("dragonfly.mc", text);
        var config = SendmailTestFiles.Analyze(file);
        Assert.True(config.Assignments.First(a => a.Name == "confEBINDIR").ReadBeforeReplaced);
        Assert.Empty(new Mta305DuplicateSetting().Check(config));

        const string first = "define(`confEBINDIR', `/usr/local/libexec')\n";
        var at = text.IndexOf(first, StringComparison.Ordinal);
        Assert.Equal("/usr/local/libexec/mail.local", LocalMailerPath(Cf(text)));
        // OSTYPE(dragonfly) leaves confEBINDIR undefined: FEATURE(local_lmtp) falls back to /usr/libexec.
        Assert.Equal("/usr/libexec/mail.local", LocalMailerPath(Cf(text.Remove(at, first.Length))));
    }

    /// <summary>sendmail.cf as real m4 and sendmail-cf build it, without the lines that name the build (date, user, file).</summary>
    private static string Cf(string mc)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mtalint-read-before-{Guid.NewGuid():N}.mc");
        File.WriteAllText(path, mc);
        try
        {
            var cf = SendmailTestFiles.BuildCf(path);
            Assert.NotNull(cf);
            return string.Join("\n", cf.Split('\n').Where(l => !l.StartsWith("##### ", StringComparison.Ordinal) && !l.Contains(path, StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The <c>P=</c> of the <c>Mlocal</c> mailer line.</summary>
    private static string LocalMailerPath(string cf)
    {
        var line = cf.Split('\n').Single(l => l.StartsWith("Mlocal,", StringComparison.Ordinal));
        var p = line.IndexOf("P=", StringComparison.Ordinal) + 2;
        return line[p..line.IndexOf(',', p)];
    }
}
