using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Rules;

/// <summary>Every rule on real configs: Debian's own main.cf and every Postfix file of the shared corpus.</summary>
public sealed class RulesOnRealConfigsTests
{
    private static readonly Linter Linter = new(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));

    public static TheoryData<string> PostfixCorpus() => new(TestPaths.CorpusFiles("postfix").Select(Path.GetFileName)!);

    [Fact]
    public void Debians_main_cf_is_reported_for_os_product_and_tls_and_the_fixes_clear_it()
    {
        using var folder = new CopiedConfig(Path.Combine(TestPaths.OracleRoot, "usr/share/postfix/main.cf.debian"), "main.cf");
        var dialect = DialectRegistry.Find("postfix")!;
        var result = Linter.Lint(dialect, folder.Files);
        var ids = result.Diagnostics.Select(d => d.RuleId).ToHashSet();
        Assert.Superset(new HashSet<string> { "MTA102", "MTA103", "MTA201", "MTA206", "MTA301" }, ids);
        var os = result.Diagnostics.Single(d => d.RuleId == "MTA102");
        Assert.Equal("(Debian/GNU)", os.Finding.Location!.Text);
        Assert.Equal(FixSafety.Safe, os.Fix!.Safety);

        var fixedUp = new Fixer(Linter, includeUnsafe: true).Fix(dialect, folder.Files);
        Assert.Null(fixedUp.Problem);
        Assert.True(fixedUp.Converged);
        Assert.DoesNotContain(fixedUp.Remaining.Diagnostics, d => d.RuleId is "MTA102" or "MTA103" or "MTA206" or "MTA301");

        // No certificate: inbound TLS stays a warning with what to do, not an error no fix can clear.
        var tls = Assert.Single(fixedUp.Remaining.Diagnostics, d => d.RuleId == "MTA201");
        Assert.Null(tls.Fix);
        Assert.DoesNotContain(fixedUp.Remaining.Diagnostics, d => d.Severity == Severity.Error);
        var text = fixedUp.Files[0].Text;
        Assert.Contains("smtpd_banner = $myhostname ESMTP\n", text);

        // Real Postfix reads the fixed file without a warning and sees what the fixes meant.
        File.WriteAllText(Path.Combine(folder.Root, "main.cf"), text);
        File.Copy(Path.Combine(TestPaths.OracleRoot, "usr/share/postfix/master.cf.dist"), Path.Combine(folder.Root, "master.cf"));
        var postconf = Oracle.Run("usr/sbin/postconf", ["-c", folder.Root, "-n"], libDir: "usr/lib/postfix");
        Assert.Equal(0, postconf.ExitCode);
        Assert.Equal(string.Empty, postconf.Stderr);
        Assert.Contains("smtpd_banner = $myhostname ESMTP\n", postconf.Stdout);
        Assert.DoesNotContain("smtpd_tls_security_level", postconf.Stdout);
        Assert.Contains("smtp_tls_security_level = may\n", postconf.Stdout);
        Assert.Contains("disable_vrfy_command = yes\n", postconf.Stdout);
    }

    /// <summary>
    /// Debian's packaged main.cf (the corpus copy of its main.cf.in): four findings, and --fix used to set the
    /// inbound level without a certificate, trading them for MTA204's error, which no fix clears. Now --fix
    /// fixes what it can, brings no error, and a second --fix (what a hook runs next) changes nothing.
    /// </summary>
    [Fact]
    public void Debians_packaged_main_cf_is_fixed_without_bringing_an_error()
    {
        using var folder = new CopiedConfig(Path.Combine(TestPaths.Corpus, "postfix", "balabit-deps__balabit-os-7-postfix__debian_main.cf.in"), "main.cf");
        var dialect = DialectRegistry.Find("postfix")!;
        var before = Linter.Lint(dialect, folder.Files).Diagnostics;
        Assert.Equal(["MTA103", "MTA201", "MTA206", "MTA301"], before.Select(d => d.RuleId).Order());
        Assert.DoesNotContain(before, d => d.Severity == Severity.Error);

        var fixer = new Fixer(Linter, includeUnsafe: false);
        var first = fixer.Fix(dialect, folder.Files);
        Assert.Null(first.Problem);
        Assert.Equal(["MTA103", "MTA206", "MTA301"], first.Applied.Select(d => d.RuleId).Order());
        var remaining = Assert.Single(first.Remaining.Diagnostics);
        Assert.Equal(("MTA201", Severity.Warning), (remaining.RuleId, remaining.Severity));
        Assert.Null(remaining.Fix);
        Assert.Contains(remaining.Finding.Notes, n => n.Contains("set smtpd_tls_cert_file and smtpd_tls_key_file first, then smtpd_tls_security_level = may", StringComparison.Ordinal));
        Assert.Empty(fixer.Fix(dialect, first.Files).Applied);

        File.WriteAllText(Path.Combine(folder.Root, "main.cf"), first.Files[0].Text);
        File.Copy(Path.Combine(TestPaths.OracleRoot, "usr/share/postfix/master.cf.dist"), Path.Combine(folder.Root, "master.cf"));
        var postconf = Oracle.Run("usr/sbin/postconf", ["-c", folder.Root, "-n"], libDir: "usr/lib/postfix");
        Assert.Equal(0, postconf.ExitCode);
        Assert.DoesNotContain("smtpd_tls_security_level", postconf.Stdout);
        Assert.Contains("smtp_tls_security_level = may\n", postconf.Stdout);
    }

    [Theory]
    [MemberData(nameof(PostfixCorpus))]
    public void Every_fix_on_a_corpus_file_settles_and_a_second_fix_changes_nothing(string name)
    {
        var fileName = name.Contains("master.cf", StringComparison.Ordinal) ? "master.cf" : "main.cf";
        using var folder = new CopiedConfig(Path.Combine(TestPaths.Corpus, "postfix", name), fileName);
        var dialect = DialectRegistry.Find("postfix")!;
        var fixer = new Fixer(Linter, includeUnsafe: true);
        var first = fixer.Fix(dialect, folder.Files);
        Assert.Null(first.Problem);
        Assert.True(first.Converged);
        Assert.All(first.Remaining.Diagnostics, d => Assert.True(d.Fix is null, $"{d.RuleId} still has a fix after fixing: {d.Message}"));
        var second = fixer.Fix(dialect, first.Files);
        Assert.Empty(second.Applied);
        Assert.Equal(first.Files.Select(f => f.Text), second.Files.Select(f => f.Text));
    }

    private sealed class CopiedConfig : IDisposable
    {
        public CopiedConfig(string source, string fileName)
        {
            Root = Directory.CreateTempSubdirectory("mtalint-real-").FullName;
            var path = Path.Combine(Root, fileName);
            File.Copy(source, path);
            Files = [SourceFile.FromBytes(path, File.ReadAllBytes(path))];
        }

        public string Root { get; }

        public IReadOnlyList<SourceFile> Files { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
