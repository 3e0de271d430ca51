using System.Text.RegularExpressions;
using MtaLint.Model;
using MtaLint.Model.Sendmail;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

/// <summary>
/// MTA308's model against the real tools: the lines the model says m4 writes into sendmail.cf and
/// sendmail misreads are exactly the lines of real m4's output (with Debian's sendmail-cf) that read
/// so, and sendmail itself refuses the lines the model says it refuses and reads the others as said.
/// </summary>
public partial class StrayTextOracleTests(ITestOutputHelper output)
{
    /// <summary>Every .mc of the test data (its own, the corpus, the gathered real configs) and Debian's examples.</summary>
    public static TheoryData<string> Files => SendmailTestFiles.Names(SendmailTestFiles.TestData.Concat(SendmailTestFiles.LiteralCorpus)
        .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, "real", "sendmail"), "*.mc", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        .Concat(SendmailTestFiles.DebianExamples));

    [Theory]
    [MemberData(nameof(Files))]
    public void Stray_text_is_what_m4_writes_and_sendmail_misreads(string path)
    {
        var found = AssertAgreesWithM4(SendmailTestFiles.Full(path), SendmailTestFiles.Read(path));
        foreach (var stray in found)
        {
            output.WriteLine($"{stray.Span}: {stray.Output} -> {stray.Reading}");
        }
    }

    /// <summary>.mc texts around the places text can stand, with how many lines of each m4 writes and sendmail misreads.</summary>
    public static TheoryData<string, string, int> Cases => new()
    {
        { "daemon port options as in sendmail.cf", "DaemonPortOptions=Port=smtp, Name=MTA, Family=inet\n", 1 },
        { "text after LOCAL_CONFIG", "LOCAL_CONFIG\nPrivacyOptions=goaway\nKfoo hash /etc/mail/foo\n", 0 },
        { "text after divert(-1)", "divert(-1)\nPrivacyOptions=goaway\ndivert(0)dnl\nLogLevel=9\n", 1 },
        { "text after divert(6)", "divert(6)\nPrivacyOptions=goaway\ndivert(0)dnl\n", 0 },
        { "PUSHDIVERT and POPDIVERT", "PUSHDIVERT(-1)\nLogLevel=9\nPOPDIVERT\nLogLevel=9\n", 1 },
        { "MAILER_DEFINITIONS and LOCAL_RULESETS", "MAILER_DEFINITIONS\nMfoo, P=/bin/true, A=true\nLOCAL_RULESETS\nSLocal_check_mail\nR$*\t$@ OK\n", 0 },
        { "LOCAL_RULE_0 and LOCAL_NET_CONFIG", "LOCAL_RULE_0\nR$*\t$@ OK\nLOCAL_NET_CONFIG\nR$*\t$@ OK\n", 0 },
        { "text in the branch ifdef takes", "ifdef(`confSMTP_LOGIN_MSG', `LogLevel=9\n', `EightBitMode=pass8\n')dnl\n", 1 },
        { "text a macro expands to", "define(`STRAY', `EightBitMode=pass8')dnl\nSTRAY\n", 1 },
        { "a define name used as text", "confDELIVERY_MODE=queueonly\n", 1 },
        { "a note without dnl", "use the smart host of the provider\n", 1 },
        { "an R line before any ruleset", "R$*\t$@ OK\n", 1 },
        { "raw lines that read as written", "Cwlocalhost.localdomain\nDwmx\nDmexample.jp\nO PrivacyOptions=goaway\nKmymap hash /etc/mail/mymap\n", 0 },
        { "indented text under a comment", "# a comment sendmail keeps\n   LogLevel=9\n", 1 },
        { "indented text under a raw line", "Cwlocalhost\n   mx.example.com\n", 0 },
        { "a line of blanks after an empty line", "\n   \n", 1 },
        { "a line of blanks after a comment", "# a comment\n   \n", 0 },
        { "text with a CRLF", "LogLevel=9\r\n", 1 },
        { "m4 quotes around text", "`ClientPortOptions=Family=inet'\n", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_where_m4_writes_it(string name, string body, int expected)
    {
        var text = "divert(0)dnl\nOSTYPE(`linux')dnl\nDOMAIN(`generic')dnl\n" + body + "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";
        var path = Path.Combine(Directory.CreateTempSubdirectory("mtalint-stray-").FullName, "sendmail.mc");
        File.WriteAllText(path, text);
        try
        {
            var found = AssertAgreesWithM4(path, new SourceFile(path, text));
            Assert.True(expected == found.Count, $"{name}: {found.Count} findings: {string.Join("; ", found.Select(f => f.Output))}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void A_debian_style_file_writes_what_comes_before_its_cf_m4_include()
    {
        const string text = "LogLevel=9\ndivert(-1)dnl\n# an m4 comment\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`debian')dnl\nEightBitMode=pass8\nMAILER(`smtp')dnl\n";
        var path = Path.Combine(Directory.CreateTempSubdirectory("mtalint-stray-").FullName, "sendmail.mc");
        File.WriteAllText(path, text);
        try
        {
            var found = AssertAgreesWithM4(path, new SourceFile(path, text));
            Assert.Equal(["LogLevel=9", "EightBitMode=pass8"], found.Select(f => f.Output));
            Assert.Equal([1, 6], found.Select(f => f.Span.Start.Line));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>Lines as the body of a .mc between OSTYPE and MAILER, and whether sendmail refuses the line (it reads the others).</summary>
    public static TheoryData<string, bool> Lines => new()
    {
        { "DaemonPortOptions=Port=smtp, Name=MTA, Family=inet", false },
        { "SmtpGreetingMessage=$j ESMTP", true },
        { "PrivacyOptions=goaway", false },
        { "ClientPortOptions=Family=inet", false },
        { "MaxMessageSize=10000000", true },
        { "TLSSrvOptions=V", false },
        { "EightBitMode=pass8", false },
        { "ForwardPath=$z/.forward", true },
        { "QueueDirectory=/var/spool/mqueue", true },
        { "HeloName=mx.example.com", true },
        { "KeepCNAMEs=True", true },
        { "RecipientFactor=30000", true },
        { "VerifyClient=no", true },
        { "XFoo=bar", true },
        { "LogLevel=9", true },
        { "AliasFile=/etc/aliases", true },
        { "OperatorChars=.:%@", true },
        { "OldStyleHeaders=True", false },
        { "Other=1", false },
        { "Dj=mx.example.com", false },
        { "DeliveryMode=background", false },
        { "Timeout.queuereturn=5d", false },
        { "confSMTP_LOGIN_MSG=hi", true },
        { "smtpd_banner = $j ESMTP", true },
        { "use the smart host of the provider", true },
        { "Cwlocalhost.localdomain", false },
        { "Dwmx", false },
        { "Sparse=0", false },
        { "Plist=-30", false },
        { "ETZ=UTC", false },
        { "HX-Mailer: x", false },
        { "V10/Berkeley", false },
        { "O DontProbeInterfaces=True", false },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Sendmail_refuses_the_lines_the_model_says_it_refuses(string line, bool refused)
    {
        var text = "divert(0)dnl\nOSTYPE(`linux')dnl\n" + line + "\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";
        var folder = Directory.CreateTempSubdirectory("mtalint-stray-").FullName;
        try
        {
            var mc = Path.Combine(folder, "sendmail.mc");
            File.WriteAllText(mc, text);
            var stray = AssertAgreesWithM4(mc, new SourceFile(mc, text)).SingleOrDefault();
            var cf = SendmailTestFiles.BuildCf(mc)!;
            var cfPath = Path.Combine(folder, "sendmail.cf");
            File.WriteAllText(cfPath, cf);
            // m4 writes the line as it is, or with the names it knows replaced (confSMTP_LOGIN_MSG=hi).
            var written = stray?.Output ?? line;
            var lineNumber = Array.IndexOf(cf.Split('\n'), written) + 1;
            Assert.True(lineNumber > 0, $"m4 did not write \"{written}\" as a line of its own");

            var macro = stray is null ? null : MacroReading().Match(stray.Reading);
            var result = SendmailBinary.Test(cfPath, macro is { Success: true } ? macro.Groups["name"].Value + "\n" : string.Empty);
            // In address test mode sendmail reports the lines it refuses on standard output.
            var said = result.Stdout + result.Stderr;
            output.WriteLine($"{line}: {stray?.Reading ?? "read as written"}\n{said}");
            Assert.Equal(refused, said.Contains($"{cfPath}: line {lineNumber}:", StringComparison.Ordinal));
            Assert.Equal(refused, stray?.StopsMta ?? false);

            // Everything reported is read otherwise than it says, or refused; what is not reported is read as written.
            var misread = !Regex.IsMatch(line, @"^(Cw|Dwmx|Sparse|Plist|ETZ|HX-|V10|O )");
            Assert.Equal(misread, stray is not null);
            if (macro is { Success: true })
            {
                // A macro definition: sendmail -bt prints the value the model says the macro gets.
                Assert.Contains("> " + macro.Groups["value"].Value + "\n", said, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_line_of_blanks_after_an_empty_line_stops_sendmail_and_one_after_a_comment_does_not()
    {
        foreach (var (body, refused) in new[] { ("\n   \n", true), ("# note\n   \n", false), ("# note\n   LogLevel=9\n", false) })
        {
            var text = "divert(0)dnl\nOSTYPE(`linux')dnl\n" + body + "MAILER(`local')dnl\nMAILER(`smtp')dnl\n";
            var folder = Directory.CreateTempSubdirectory("mtalint-stray-").FullName;
            try
            {
                var mc = Path.Combine(folder, "sendmail.mc");
                File.WriteAllText(mc, text);
                var found = AssertAgreesWithM4(mc, new SourceFile(mc, text));
                var cfPath = Path.Combine(folder, "sendmail.cf");
                File.WriteAllText(cfPath, SendmailTestFiles.BuildCf(mc)!);
                var result = SendmailBinary.Test(cfPath, string.Empty);
                Assert.Equal(refused, (result.Stdout + result.Stderr).Contains("unknown configuration line", StringComparison.Ordinal));
                Assert.Equal(refused, found.Any(f => f.StopsMta));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"macro (?<name>\$(?:\{[^}]*\}|.)) = ""(?<value>.*)""$")]
    private static partial Regex MacroReading();

    /// <summary>
    /// The model's stray text against real m4's output: the lines m4 writes before proto.m4's part
    /// (diversion 0), read as sendmail reads them, misread in the same places.
    /// </summary>
    private static IReadOnlyList<StrayText> AssertAgreesWithM4(string mcPath, SourceFile file)
    {
        var cf = SendmailTestFiles.BuildCf(mcPath);
        Assert.NotNull(cf);
        var lines = cf.Split('\n');
        var protoStart = Array.FindIndex(lines, l => l.Contains("$Id: proto.m4", StringComparison.Ordinal));
        Assert.True(protoStart > 0, "no proto.m4 part in the m4 output");
        var expected = new List<string>();
        string? previous = null;
        var rulesetOpen = false;
        foreach (var line in lines[..protoStart])
        {
            if (SendmailCfLine.Read(line, previous, rulesetOpen) is { Misread: true })
            {
                expected.Add(line.TrimEnd('\r'));
            }

            rulesetOpen |= line.StartsWith('S');
            previous = line;
        }

        var config = SendmailTestFiles.Analyze(file);
        Assert.Equal(expected, config.StrayText.Select(s => s.Output));
        return config.StrayText;
    }
}
