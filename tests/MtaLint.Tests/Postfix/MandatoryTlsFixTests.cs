using MtaLint.Model;
using MtaLint.Engine;
using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Tests.FixEffect;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// MTA203's fix takes mandatory TLS off the public port 25 listener only: where main.cf's level is shared
/// with submission, a <c>-o</c> on the smtp service changes it, and postconf reads submission's level as before.
/// </summary>
public sealed class MandatoryTlsFixTests
{
    private const string Master = "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o smtpd_sasl_auth_enable=yes\n"
        + "pickup unix n - y 60 1 pickup\ncleanup unix n - y - 0 cleanup\nqmgr unix n - n 300 1 qmgr\nsmtp unix - - n - - smtp\n";

    [Fact]
    public void A_shared_encrypt_level_is_made_opportunistic_for_port_25_alone()
    {
        using var dir = new TempDir();
        var files = new[]
        {
            new SourceFile(dir.File("u/main.cf"), "smtpd_tls_security_level = encrypt\nsmtpd_tls_chain_files = /etc/postfix/mx.pem\n"),
            new SourceFile(dir.File("u/master.cf"), Master),
        };
        var linter = new Linter(new RuleSet([RuleCatalog.Find("MTA203")!]), new AnalysisOptions("mx.example.com"));
        var finding = Assert.Single(linter.Lint(new PostfixDialect(), files).Diagnostics);
        Assert.Equal("-o smtpd_tls_security_level=may", finding.Fix!.Description);
        Assert.Contains("port 587 (submission) reads it too and may require TLS: a fix changes it for port 25 (smtp) only", finding.Finding.Notes);

        var result = new Fixer(linter, includeUnsafe: true).Fix(new PostfixDialect(), files);

        Assert.Equal(files[0].Text, result.Files[0].Text);
        Assert.StartsWith("smtp inet n - y - - smtpd\n  -o smtpd_tls_security_level=may\nsubmission", result.Files[1].Text, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["smtp/inet"] = "encrypt", ["submission/inet"] = "encrypt", ["smtp/unix"] = "none" }, Levels(dir, files));
        Assert.Equal(new Dictionary<string, string> { ["smtp/inet"] = "may", ["submission/inet"] = "encrypt", ["smtp/unix"] = "none" }, Levels(dir, result.Files));
    }

    private static IReadOnlyDictionary<string, string> Levels(TempDir dir, IReadOnlyList<SourceFile> files)
    {
        foreach (var file in files)
        {
            dir.Write(Path.GetRelativePath(dir.Path, file.Path), file.Text);
        }

        var effective = new PostfixEffect().Read(new FixEffectUnit("postfix", ["u/main.cf", "u/master.cf"], "u"), dir.Path);
        Assert.True(effective.Refusal is null, effective.Refusal);
        return PostfixEffect.TlsLevels(effective);
    }
}
