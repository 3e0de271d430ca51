using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Ecosystem;

/// <summary>Formats, suppressions and .mtalint.yaml with the real dialects and rules.</summary>
public sealed class RealDialectTests
{
    public static TheoryData<string> TestDataCases() =>
        new(RegisteredDialects.TestDataCases().Select(c => $"{c.Data.Item1}/{c.Data.Item2}"));

    [Theory]
    [MemberData(nameof(TestDataCases))]
    public void Sarif_of_every_testdata_case_is_valid(string testCase)
    {
        var path = Path.Combine(TestPaths.TestData, testCase);
        var dialect = testCase.Split('/')[0];
        var args = Directory.Exists(path) ? new[] { path, "--format", "sarif", "--hostname", "mx.example.com" } : [path, "--dialect", dialect, "--format", "sarif", "--hostname", "mx.example.com"];
        var result = CliRunner.RunReal(args);
        Assert.True(result.ExitCode is 0 or 1 or 2, result.Stderr);
        SchemaValidation.AssertValidSarif(result.Stdout);
        var json = CliRunner.RunReal([.. args[..^4], "--format", "json", "--hostname", "mx.example.com"]);
        SchemaValidation.AssertValidReport(json.Stdout);
    }

    /// <summary>Per registered dialect: the file name, comment leader, a banner line naming the software, and the rest of a clean config.</summary>
    private static readonly Dictionary<string, (string FileName, string Comment, string BannerLine, string Remainder)> SuppressionSamples = new()
    {
        ["postfix"] = ("main.cf", "#", "smtpd_banner = $myhostname ESMTP $mail_name\n", "smtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/ssl/c.pem\nsmtpd_tls_key_file = /etc/ssl/k.pem\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\n"),
        ["exim"] = ("exim4.conf", "#", "smtp_banner = $smtp_active_hostname ESMTP Exim\n", ""),
        ["sendmail"] = ("sendmail.mc", "dnl", "define(`confSMTP_LOGIN_MSG', `$j Sendmail')dnl\n", ""),
    };

    [Theory]
    [MemberData(nameof(RegisteredDialects.NamesAsData), MemberType = typeof(RegisteredDialects))]
    public void Suppressions_and_policy_work_on_every_dialect(string dialect)
    {
        Assert.True(SuppressionSamples.TryGetValue(dialect, out var sample), $"no suppression sample for the dialect {dialect}: add one");
        var (fileName, comment, bannerLine, rest) = sample;
        using var dir = new TempDir();
        var prefix = dialect == "sendmail" ? "divert(0)dnl\nOSTYPE(`linux')dnl\n" : string.Empty;
        var suffix = dialect == "sendmail" ? "MAILER(`local')dnl\nMAILER(`smtp')dnl\n" : string.Empty;
        string Lint(params string[] extra) => CliRunner.RunReal([dir.File(fileName), "--dialect", dialect, "--format", "json", "--hostname", "mx.example.com", .. extra]).Stdout;

        dir.Write(fileName, prefix + bannerLine + rest + suffix);
        Assert.Contains("\"MTA103\"", Lint());

        // The comment before the banner setting suppresses MTA103 there.
        dir.Write(fileName, prefix + $"{comment} mtalint: disable=MTA103 -- helpdesk wants the product name\n" + bannerLine + rest + suffix);
        var suppressed = Lint();
        Assert.DoesNotContain("\"MTA103\"", suppressed);
        Assert.DoesNotContain("\"MTA001\"", suppressed);
        Assert.Contains("\"MTA103\"", Lint("--no-inline-ignores"));

        // A file-wide suppression of a rule that reports nothing is itself reported.
        dir.Write(fileName, prefix + $"{comment} mtalint: disable-file=MTA109,MTA103\n" + bannerLine + rest + suffix);
        var unused = Lint();
        Assert.DoesNotContain("\"MTA103\"", unused);
        Assert.Contains("\"MTA001\"", unused);

        // .mtalint.yaml: a banner policy forbidding the product name, and MTA103 off.
        dir.Write(fileName, prefix + bannerLine + rest + suffix);
        dir.Write(".mtalint.yaml", "disable: [MTA103]\nbanner:\n  forbid: [Postfix, Exim, Sendmail]\n");
        var policy = Lint();
        Assert.DoesNotContain("\"MTA103\"", policy);
        Assert.Contains("\"MTA110\"", policy);
    }
}
