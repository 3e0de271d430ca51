using MtaLint.Model;
using MtaLint.Engine;
using MtaLint.Dialects;
using MtaLint.Model.Sendmail;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

/// <summary>MTA308's parts: how sendmail reads a sendmail.cf line, what m4 writes where, and the finding.</summary>
public class StrayTextTests
{
    private static IReadOnlyList<Model.StrayText> Stray(string body) =>
        SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", "divert(0)dnl\nOSTYPE(`linux')dnl\n" + body + "MAILER(`smtp')dnl\n")).StrayText;

    [Theory]
    [InlineData("DaemonPortOptions=Port=smtp, Name=MTA", "a macro definition (D): macro $a = \"emonPortOptions=Port=smtp, Name=MTA\"", false)]
    [InlineData("D{MyName}=x", "a macro definition (D): macro ${MyName} = \"=x\"", false)]
    [InlineData("ClientPortOptions=Family=inet", "a class definition (C): class $=l gets \"ientPortOptions=Family=inet\"", false)]
    [InlineData("PrivacyOptions=goaway", "a precedence (P): precedence \"rivacyOptions\" = 0", false)]
    [InlineData("EightBitMode=pass8", "an environment line (E): the variable \"ightBitMode\" = \"pass8\" for the programs sendmail runs", false)]
    [InlineData("Other=1", "an option line (O) for the one-letter option t (TimeZoneSpec) = \"her=1\"", false)]
    [InlineData("OperatorChars=.:%@", "an option line (O) for the one-letter option p (PrivacyOptions) = \"eratorChars=.:%@\", where \"eratorChars\" is no privacy flag (\"Op line: eratorChars unrecognized\")", true)]
    [InlineData("Timeout.queuereturn=5d", "a trusted-users line (T): \"imeout.queuereturn=5d\" become trusted users (class $=t)", false)]
    [InlineData("SmtpGreetingMessage=$j", "a ruleset line (S) for the ruleset \"mtpGreetingMessage\" with no number after = (\"bad ruleset definition\")", true)]
    [InlineData("MaxMessageSize=1000", "a mailer definition (M) of the mailer \"axMessageSize=1000\" without A= (\"A= argument required\")", true)]
    [InlineData("HeloName=mx", "a header definition (H) without a colon (\"header syntax error\")", true)]
    [InlineData("VerifyClient=no", "a version line (V) without a number (\"invalid argument to V line\")", true)]
    [InlineData("LogLevel=9", "an unknown configuration line", true)]
    [InlineData("smtpd_banner = $j", "an unknown configuration line", true)]
    [InlineData("RecipientFactor=300", "a rewriting rule (R) before any ruleset (\"missing valid ruleset\")", true)]
    [InlineData("QueueLA=8", "a queue group definition (Q) before the queue directory is set (\"QueueDir must be defined before queue groups\")", true)]
    [InlineData("KeepCNAMEs=True", "a map definition (K) of the map \"eepCNAMEs=True\" without a map class (\"no map class\")", true)]
    [InlineData("XFoo=bar", "a mail filter definition (X) without a socket (\"empty or missing socket information\")", true)]
    public void A_setting_written_as_in_sendmail_cf_is_misread(string line, string reading, bool stops)
    {
        var read = SendmailCfLine.Read(line, "# above", rulesetOpen: false);
        Assert.NotNull(read);
        Assert.True(read.Misread);
        Assert.Equal(reading, read.Reading);
        Assert.Equal(stops, read.StopsSendmail);
    }

    [Theory]
    [InlineData("Cwlocalhost.localdomain")]
    [InlineData("C{w}ucbarpa ucbarpa.UUCP")]
    [InlineData("Dwmx")]
    [InlineData("Dj$w.example.com")]
    [InlineData("DSmailhub.example.com")]
    [InlineData("O PrivacyOptions=goaway")]
    [InlineData("Kmymap hash /etc/mail/mymap")]
    [InlineData("Fw/etc/mail/local-host-names")]
    [InlineData("Sparse=0")]
    [InlineData("Plist=-30")]
    [InlineData("ETZ=UTC")]
    [InlineData("HX-Mailer: x")]
    [InlineData("V10/Berkeley")]
    [InlineData("Mfoo, P=/bin/true, A=true")]
    [InlineData("Xmilter, S=local:/run/m.sock")]
    public void A_raw_line_that_reads_as_written_is_not_misread(string line)
    {
        var read = SendmailCfLine.Read(line, "# above", rulesetOpen: false);
        Assert.NotNull(read);
        Assert.False(read.Misread, read.Reading);
        Assert.False(read.StopsSendmail);
    }

    [Fact]
    public void Comments_empty_lines_and_continuations_read_as_fgetfolded_joins_them()
    {
        Assert.Null(SendmailCfLine.Read("# a comment", "x", false));
        Assert.Null(SendmailCfLine.Read(string.Empty, "x", false));
        Assert.Null(SendmailCfLine.Read("  \r", "x", false) is { Misread: true } ? "misread" : null);
        Assert.True(SendmailCfLine.Read("   ", string.Empty, false)!.StopsSendmail);
        Assert.True(SendmailCfLine.Read("   text", null, false)!.StopsSendmail);
        Assert.True(SendmailCfLine.Read("   LogLevel=9", "#####  $Id: cf.m4  #####", false)!.Misread);
        Assert.False(SendmailCfLine.Read("   LogLevel=9", "#####  $Id: cf.m4  #####", false)!.StopsSendmail);
        Assert.False(SendmailCfLine.Read("   mx.example.com", "Cwlocalhost", false)!.Misread);
        Assert.False(SendmailCfLine.Read("R$*\t$@ OK", "Sfoo", rulesetOpen: true)!.Misread);
    }

    [Theory]
    [InlineData("DaemonPortOptions=Port=smtp, Name=MTA, Family=inet", "DAEMON_OPTIONS(`Port=smtp, Name=MTA, Family=inet')")]
    [InlineData("ClientPortOptions = Family=inet", "CLIENT_OPTIONS(`Family=inet')")]
    [InlineData("privacyoptions=goaway", "define(`confPRIVACY_FLAGS', `goaway')")]
    [InlineData("SmtpGreetingMessage=$j", "define(`confSMTP_LOGIN_MSG', `$j')")]
    [InlineData("smtpd_banner = $j", "define(`confSMTP_LOGIN_MSG', `$j')")]
    [InlineData("smtpd_banner = $myhostname ESMTP ready", "define(`confSMTP_LOGIN_MSG', `$j ready')")]
    [InlineData("smtp_banner = ${primary_hostname} ESMTP", "define(`confSMTP_LOGIN_MSG', `$j')")]
    [InlineData("Timeout.queuereturn=5d", "define(`confTO_QUEUERETURN', `5d')")]
    [InlineData("AliasFile=/etc/aliases", "define(`ALIAS_FILE', `/etc/aliases')")]
    [InlineData("QueueDirectory=/var/spool/mqueue", "define(`QUEUE_DIR', `/var/spool/mqueue')")]
    [InlineData("confSMTP_LOGIN_MSG hello", "define(`confSMTP_LOGIN_MSG', `hello')")]
    [InlineData("use the smart host", null)]
    [InlineData("Dwmx", null)]
    public void The_macro_that_says_what_the_text_means(string text, string? intended) =>
        Assert.Equal(intended, SendmailCfLine.Intended(text));

    [Fact]
    public void Text_in_raw_sections_and_discarded_diversions_is_not_stray()
    {
        Assert.Empty(Stray("LOCAL_CONFIG\nLogLevel=9\n"));
        Assert.Empty(Stray("divert(-1)\nLogLevel=9\ndivert(0)dnl\n"));
        Assert.Empty(Stray("divert(9)\nLogLevel=9\ndivert(0)dnl\n"));
        Assert.Empty(Stray("PUSHDIVERT(-1)\nLogLevel=9\nPOPDIVERT\n"));
        Assert.Empty(Stray("MAILER_DEFINITIONS\nLogLevel=9\n"));
        Assert.Empty(Stray("dnl LogLevel=9\n\n"));
        Assert.Single(Stray("LOCAL_CONFIG\nKfoo hash /x\ndivert(0)dnl\nLogLevel=9\n"));
    }

    [Fact]
    public void A_finding_points_at_the_text_and_says_what_sendmail_makes_of_it()
    {
        const string text = "divert(0)dnl\nOSTYPE(`linux')dnl\n  DaemonPortOptions=Port=smtp, Name=MTA  \nMAILER(`smtp')dnl\n";
        var file = new SourceFile("sendmail.mc", text);
        var result = new Linter(RuleSet.Default, new AnalysisOptions(SendmailTestFiles.Hostname)).Lint(new SendmailDialect(), [file]);
        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "MTA308");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(new LinePosition(3, 3), finding.Start);
        Assert.Equal("DaemonPortOptions=Port=smtp, Name=MTA", finding.Finding.Location!.Text);
        Assert.Contains("reads it as part of the comment line above it", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("write DAEMON_OPTIONS(`Port=smtp, Name=MTA') instead", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["sendmail.cf gets:   DaemonPortOptions=Port=smtp, Name=MTA  "], finding.Finding.Notes);
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Template_tags_are_not_judged_the_literal_text_around_them_is()
    {
        Assert.Empty(Stray("{% if relay %}\nDAEMON_OPTIONS(`Port=smtp')dnl\n{% endif %}\n{{ extra_lines }}\n<%= @extra %>\n{# note #}\n"));
        Assert.Single(Stray("{% if relay %}\nLogLevel=9\n{% endif %}\n"));
    }

    [Fact]
    public void Text_a_macro_writes_is_reported_at_the_macro()
    {
        var stray = Assert.Single(Stray("define(`STRAY', `LogLevel=9')dnl\nSTRAY\n"));
        Assert.Equal("STRAY", stray.Span.Text);
        Assert.Equal("LogLevel=9", stray.Output);
        Assert.True(stray.StopsMta);
    }

    [Fact]
    public void Text_in_an_included_file_is_reported_in_that_file()
    {
        var folder = Directory.CreateTempSubdirectory("mtalint-stray-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "local.m4"), "dnl options\nLogLevel=9\n");
            var mc = Path.Combine(folder, "sendmail.mc");
            File.WriteAllText(mc, "divert(0)dnl\nOSTYPE(`linux')dnl\ninclude(`" + Path.Combine(folder, "local.m4") + "')dnl\nMAILER(`smtp')dnl\n");
            var analysis = new SendmailDialect().Analyze([SourceFile.FromBytes(mc, File.ReadAllBytes(mc))], new AnalysisOptions(SendmailTestFiles.Hostname));
            var stray = Assert.Single(analysis.Config!.StrayText);
            Assert.EndsWith("local.m4", stray.Span.File.Path, StringComparison.Ordinal);
            Assert.Equal(2, stray.Span.Start.Line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_cfhead_defaults_are_the_ones_the_model_knows()
    {
        var defaults = SendmailCfKnowledge.CfHeadDefaults.ToDictionary(d => d.Name, d => d.Value);
        Assert.Equal(SendmailCfKnowledge.DefaultGreeting, defaults["confSMTP_LOGIN_MSG"]);
        Assert.Equal("authwarnings", defaults["confPRIVACY_FLAGS"]);
        Assert.Equal("background", defaults["confDELIVERY_MODE"]);
    }
}
