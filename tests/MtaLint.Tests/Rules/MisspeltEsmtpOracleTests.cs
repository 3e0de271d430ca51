using MtaLint.Model;
using MtaLint.Engine;
using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Exim;
using MtaLint.Tests.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Rules;

/// <summary>
/// MTA104 on the seed article's typo (<c>$myhostname ESMT</c>) and Exim's <c>ESMPT</c>: the real MTA shows
/// the misspelt banner before the fix and <c>host ESMTP</c> after it, never <c>ESMTP ESMT</c>.
/// </summary>
public sealed class MisspeltEsmtpOracleTests
{
    private static readonly Linter Mta104 = new(new RuleSet([RuleCatalog.Find("MTA104")!]), new AnalysisOptions(Hostname: "mx.example.com"));

    private static string FixInPlace(IDialect dialect, string path)
    {
        var result = new Fixer(Mta104, includeUnsafe: false).Fix(dialect, [SourceFile.FromBytes(path, File.ReadAllBytes(path))]);
        Assert.Null(result.Problem);
        var applied = Assert.Single(result.Applied);
        Assert.Equal(FixSafety.Safe, applied.Fix!.Safety);
        File.WriteAllText(path, result.Files[0].Text);
        return result.Files[0].Text;
    }

    [Fact]
    public void Postfix_banner_esmt_becomes_esmtp()
    {
        using var dir = new TempDir();
        var main = dir.Write("main.cf", "myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMT\n");
        File.Copy(Path.Combine(PostfixFiles.DebianFolder, "master.cf.dist"), dir.File("master.cf"));
        Assert.Equal("smtpd_banner = mx.example.com ESMT\n", Banner(dir.Path));

        var text = FixInPlace(new PostfixDialect(), main);

        Assert.Equal("myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP\n", text);
        Assert.Equal("smtpd_banner = mx.example.com ESMTP\n", Banner(dir.Path));
    }

    [Fact]
    public void Exim_banner_esmpt_becomes_esmtp()
    {
        using var dir = new TempDir();
        var conf = dir.Write("exim4.conf", "primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname ESMPT Exim\n");
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMPT Exim\n", EximTestHost.RunExim("-C", conf, "-bP", "smtp_banner").Stdout);
        Assert.Equal("220 mx.example.com ESMPT Exim", Greeting(conf));

        var text = FixInPlace(new EximDialect(), conf);

        Assert.Equal("primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname ESMTP Exim\n", text);
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMTP Exim\n", EximTestHost.RunExim("-C", conf, "-bP", "smtp_banner").Stdout);
        Assert.Equal("220 mx.example.com ESMTP Exim", Greeting(conf));
    }

    /// <summary><c>postconf -x smtpd_banner</c>: the banner with <c>$myhostname</c> expanded.</summary>
    private static string Banner(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1)); // postconf re-reads a file younger than a second
        }

        var run = Postconf.Run("-c", dir, "-x", "smtpd_banner");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private static string Greeting(string conf)
    {
        var session = EximTestHost.RunEximWithInput("QUIT\r\n", "-C", conf, "-bs");
        Assert.True(session.ExitCode == 0, session.Stdout + session.Stderr);
        return session.Stdout.Split("\r\n")[0];
    }
}
