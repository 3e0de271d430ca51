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
/// MTA202 on the pre-2.3 TLS switches: each finding's fix, applied alone or with the others, leaves every
/// service's effective TLS level as the real Postfix reads it (postconf -x and -P -x, with smtpd's and the smtp
/// client's fallback from an empty level to the switches); and the finding says what its fix does.
/// </summary>
public sealed class LegacyTlsFixTests
{
    private static readonly Linter Mta202 = new(new RuleSet([RuleCatalog.Find("MTA202")!]), new AnalysisOptions("mx.example.com"));

    private static string Master(string submission = "", string smtp = "") =>
        "smtp inet n - y - - smtpd\n" + smtp + "submission inet n - y - - smtpd\n" + submission
        + "pickup unix n - y 60 1 pickup\ncleanup unix n - y - 0 cleanup\nqmgr unix n - n 300 1 qmgr\n"
        + "smtp unix - - n - - smtp\nrelay unix - - n - - smtp\n  -o smtp_enforce_tls=yes\nlmtp unix - - n - - lmtp\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "switches on, level unset", "smtpd_use_tls = yes\nsmtpd_enforce_tls = no\nsmtp_use_tls = yes\n", Master() },
        { "switch off while the level is on", "smtpd_tls_security_level = may\nsmtpd_use_tls = no\n", Master() },
        { "switch off, level unset", "smtpd_use_tls = no\n", Master() },
        { "switch set twice", "smtpd_use_tls = no\nsmtpd_use_tls = yes\n", Master() },
        { "client enforce with peer names", "smtp_enforce_tls = yes\n", Master() },
        { "client enforce without peer names", "smtp_enforce_tls = yes\nsmtp_tls_enforce_peername = no\n", Master() },
        { "peer names off alone", "smtp_tls_enforce_peername = no\n", Master() },
        { "service enforces what main.cf offers", "smtpd_use_tls = yes\n", Master("  -o smtpd_enforce_tls=yes\n") },
        { "service turns off what main.cf offers", "smtpd_use_tls = yes\n", Master("  -o smtpd_use_tls=no\n") },
        { "service switches on one line", "smtpd_tls_cert_file = /c\n", Master("  -o smtpd_use_tls=yes -o smtpd_enforce_tls=yes\n") },
        { "service switch ignored under main.cf's level", "smtpd_tls_security_level = may\n", Master("  -o smtpd_enforce_tls=yes\n") },
        { "service empties the level", "smtpd_use_tls = yes\n", Master("  -o smtpd_tls_security_level=\n  -o smtpd_enforce_tls=yes\n") },
        { "client switches in a service", "smtp_tls_enforce_peername = no\n", Master(smtp: "  -o smtp_use_tls=yes\n") },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_fix_alone_and_all_together_keep_every_services_tls_level(string name, string main, string master)
    {
        _ = name;
        using var dir = new TempDir();
        var files = new[] { new SourceFile(dir.File("u/main.cf"), main), new SourceFile(dir.File("u/master.cf"), master) };
        var before = Levels(dir, files);
        var findings = Mta202.Lint(new PostfixDialect(), files).Diagnostics;
        Assert.NotEmpty(findings);
        foreach (var finding in findings.Where(f => f.Fix is not null))
        {
            var alone = Fixer.Apply(files, finding.Fix!.Edits);
            Assert.Equal(before, Levels(dir, alone));
        }

        var all = new Fixer(Mta202, includeUnsafe: false).Fix(new PostfixDialect(), files);
        Assert.Null(all.Problem);
        Assert.Equal(before, Levels(dir, all.Files));
        Assert.All(all.Remaining.Diagnostics, d => Assert.Null(d.Fix));
        Assert.All(all.Files, f => Assert.DoesNotContain("\n  \n", f.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_switch_postfix_ignores_is_removed_and_the_message_does_not_say_to_switch_tls_off()
    {
        var files = new[] { new SourceFile("main.cf", "smtpd_tls_security_level = may\nsmtpd_use_tls = no\n") };
        var finding = Assert.Single(Mta202.Lint(new PostfixDialect(), files).Diagnostics);
        Assert.Equal("smtpd_use_tls is deprecated: Postfix ignores it because smtpd_tls_security_level is set; remove smtpd_use_tls", finding.Message);
        Assert.Equal("remove smtpd_use_tls", finding.Fix!.Description);
        Assert.Equal("smtpd_tls_security_level = may\n", Fixer.Apply(files, finding.Fix.Edits)[0].Text);
    }

    [Fact]
    public void A_switch_that_says_what_postfix_does_without_it_is_removed()
    {
        var files = new[] { new SourceFile("main.cf", "smtpd_use_tls = no\n") };
        var finding = Assert.Single(Mta202.Lint(new PostfixDialect(), files).Diagnostics);
        Assert.Equal("smtpd_use_tls is deprecated: Postfix does the same without it; remove smtpd_use_tls", finding.Message);
        Assert.Equal("remove smtpd_use_tls", finding.Fix!.Description);
    }

    [Fact]
    public void Client_enforcement_is_verify_while_peer_names_are_checked()
    {
        var files = new[] { new SourceFile("main.cf", "smtp_enforce_tls = yes\n") };
        var finding = Assert.Single(Mta202.Lint(new PostfixDialect(), files).Diagnostics);
        Assert.Equal("smtp_enforce_tls is deprecated: since Postfix 2.3, smtp_tls_security_level = verify says the same; replace smtp_enforce_tls with smtp_tls_security_level = verify", finding.Message);
        Assert.Equal("smtp_tls_security_level = verify\n", Fixer.Apply(files, finding.Fix!.Edits)[0].Text);
    }

    [Fact]
    public void A_main_cf_fix_keeps_the_level_of_services_with_their_own_switches()
    {
        var files = new[] { new SourceFile("main.cf", "smtpd_use_tls = yes\n"), new SourceFile("master.cf", Master("  -o smtpd_enforce_tls=yes\n")) };
        var findings = Mta202.Lint(new PostfixDialect(), files).Diagnostics;
        var main = findings.Single(d => d.Path == "main.cf");
        Assert.Equal("smtpd_use_tls is deprecated: since Postfix 2.3, smtpd_tls_security_level = may says the same; replace smtpd_use_tls with smtpd_tls_security_level = may", main.Message);
        Assert.Equal("replace smtpd_use_tls with smtpd_tls_security_level = may; for master.cf submission/inet, replace smtpd_enforce_tls with -o smtpd_tls_security_level=encrypt", main.Fix!.Description);
        Assert.Contains(main.Finding.Notes, n => n.EndsWith("for master.cf submission/inet, replace smtpd_enforce_tls with -o smtpd_tls_security_level=encrypt", StringComparison.Ordinal));
        var fixedFiles = Fixer.Apply(files, main.Fix.Edits);
        Assert.Equal("smtpd_tls_security_level = may\n", fixedFiles[0].Text);
        Assert.Contains("submission inet n - y - - smtpd\n  -o smtpd_tls_security_level=encrypt\npickup", fixedFiles[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_that_empties_the_level_gets_no_fix_and_says_why()
    {
        var files = new[] { new SourceFile("main.cf", "smtpd_use_tls = yes\n"), new SourceFile("master.cf", Master("  -o smtpd_tls_security_level=\n  -o smtpd_enforce_tls=yes\n")) };
        var findings = Mta202.Lint(new PostfixDialect(), files).Diagnostics.Where(d => d.Message.StartsWith("smtpd_", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, d => Assert.Null(d.Fix));
        Assert.All(findings, d => Assert.Contains("no fix: master.cf submission/inet empties the level itself, so it reads these switches from main.cf whatever main.cf's level is", d.Finding.Notes));
    }

    /// <summary>Every service's TLS level as postconf reads the files.</summary>
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
