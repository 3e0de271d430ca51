using MtaLint.Model;
using MtaLint.Engine;
using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Syntax.Postfix;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// Deleting a master.cf <c>-o</c> (MTA305's dead duplicate, MTA202's switch) removes its whole line when nothing
/// else is on it, and otherwise only the override and the blanks that set it off: no blank line is left behind,
/// and postconf -P reads the same overrides before and after (the last of two duplicates wins either way).
/// </summary>
public sealed class MasterCfRemovalTests
{
    private const string Head = "smtp inet n - y - - smtpd\n";
    private const string Tail = "pickup unix n - y 60 1 pickup\n";

    [Theory]
    [InlineData(Head + "  -o smtpd_banner=a\n  -o smtpd_banner=b\n" + Tail, Head + "  -o smtpd_banner=b\n" + Tail)]
    [InlineData(Head + "\t-o smtpd_banner=a\n\t-o smtpd_banner=b\n" + Tail, Head + "\t-o smtpd_banner=b\n" + Tail)]
    [InlineData(Head + "  -o smtpd_banner=a -o smtpd_banner=b\n" + Tail, Head + "  -o smtpd_banner=b\n" + Tail)]
    [InlineData(Head + "  -o smtpd_banner=b\n  -o smtpd_banner=a -o smtpd_banner=b\n" + Tail, Head + "  -o smtpd_banner=b\n" + Tail)]
    [InlineData(Head + "  -o smtpd_sasl_auth_enable=yes -o smtpd_banner=a\n  -o smtpd_banner=b\n" + Tail, Head + "  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_banner=b\n" + Tail)]
    [InlineData("smtp inet n - y - - smtpd -o smtpd_banner=a\n  -o smtpd_banner=b\n" + Tail, "smtp inet n - y - - smtpd\n  -o smtpd_banner=b\n" + Tail)]
    [InlineData("smtp inet n - y - - smtpd\r\n  -o smtpd_banner=a\r\n  -o smtpd_banner=b\r\n" + Tail, "smtp inet n - y - - smtpd\r\n  -o smtpd_banner=b\r\n" + Tail)]
    [InlineData(Head + "  -o { smtpd_banner = a b }\n  -o smtpd_banner=b", Head + "  -o smtpd_banner=b")]
    [InlineData(Head + "  -o smtpd_banner=a  \n  -o smtpd_banner=b\n" + Tail, Head + "  -o smtpd_banner=b\n" + Tail)]
    [InlineData(Head + "  -v -o smtpd_banner=a\n  -o smtpd_banner=b\n" + Tail, Head + "  -v\n  -o smtpd_banner=b\n" + Tail)]
    [InlineData(Head + "  -vo smtpd_banner=a\n  -o smtpd_banner=b\n" + Tail, Head + "  -v\n  -o smtpd_banner=b\n" + Tail)]
    public void A_dead_override_goes_with_its_line_when_it_is_alone_on_it(string master, string expected)
    {
        using var dir = new TempDir();
        var before = Overrides(dir, master);
        var linter = new Linter(new RuleSet([RuleCatalog.Find("MTA305")!]), new AnalysisOptions("mx.example.com"));
        var files = new[] { new SourceFile(dir.File("main.cf"), string.Empty), new SourceFile(dir.File("master.cf"), master) };
        var result = new Fixer(linter, includeUnsafe: false).Fix(new PostfixDialect(), files);
        Assert.Null(result.Problem);
        Assert.NotEmpty(result.Applied);

        var text = result.Files[1].Text;
        Assert.Equal(expected, text);
        Assert.DoesNotContain(text.Split('\n'), line => line.Length > 0 && line.Trim().Length == 0);
        Assert.Equal(before, Overrides(dir, text));
    }

    [Fact]
    public void The_removal_span_of_a_lone_override_is_its_line()
    {
        const string text = Head + "  -o a=1\n  -o b=2 -o c=3\n";
        var overrides = Assert.Single(MasterCfParser.Parse(new SourceFile("master.cf", text)).Entries).Overrides;
        Assert.Equal(["  -o a=1\n", "-o b=2 ", " -o c=3"], overrides.Select(o => text[o.RemovalSpan.Start..o.RemovalSpan.End]));
    }

    /// <summary><c>postconf -P</c>: every service's overrides as Postfix reads them.</summary>
    private static string Overrides(TempDir dir, string master)
    {
        dir.Write("main.cf", string.Empty);
        dir.Write("master.cf", master);
        foreach (var file in Directory.EnumerateFiles(dir.Path))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }

        var run = Postconf.Run("-c", dir.Path, "-P");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("smtp/inet/smtpd_banner = b\n", run.Stdout);
        return run.Stdout;
    }
}
