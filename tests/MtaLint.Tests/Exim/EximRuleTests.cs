using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Exim;

/// <summary>
/// The rule set on Exim configs, end to end: Debian's own template and split conf.d are reported for
/// the version and the time in the default banner, and <c>--fix</c> (safe fixes) gives configs the
/// real Exim loads, whose greeting is <c>220 host ESMTP</c>.
/// </summary>
public class EximRuleTests
{
    private static readonly Linter Linter = new(RuleSet.Default, EximTestHost.Options);

    private static string CopyTree(string source)
    {
        var root = Directory.CreateTempSubdirectory("mtalint-exim-rules-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return root;
    }

    private static FixResult LintAndFix(IReadOnlyList<string> paths, params string[] expectedRules)
    {
        var files = EximTestHost.Read(paths);
        var before = Linter.Lint(EximTestHost.Dialect, files);
        foreach (var rule in expectedRules)
        {
            Assert.Contains(before.Diagnostics, d => d.RuleId == rule);
        }

        var result = new Fixer(Linter, includeUnsafe: false).Fix(EximTestHost.Dialect, files);
        Assert.Null(result.Problem);
        Assert.True(result.Converged);
        foreach (var rule in expectedRules)
        {
            Assert.DoesNotContain(result.Remaining.Diagnostics, d => d.RuleId == rule);
        }

        var again = new Fixer(Linter, includeUnsafe: false).Fix(EximTestHost.Dialect, result.Files);
        Assert.Empty(again.Applied);
        foreach (var file in result.Files)
        {
            File.WriteAllText(file.Path, file.Text);
        }

        return result;
    }

    private static string Greeting(string configPath)
    {
        var check = EximTestHost.RunExim("-C", configPath, "-bV");
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        return EximTestHost.RunEximWithInput("QUIT\r\n", "-C", configPath, "-bs").Stdout.Split("\r\n")[0];
    }

    private static string Host(string configPath) =>
        EximTestHost.RunExim("-C", configPath, "-bP", "primary_hostname").Stdout.Trim().Replace("primary_hostname = ", string.Empty);

    [Fact]
    public void Debian_template_is_reported_and_fixed()
    {
        var root = CopyTree(Path.Combine(TestPaths.OracleRoot, "etc", "exim4"));
        var template = Path.Combine(root, "exim4.conf.template");
        LintAndFix([template], "MTA101", "MTA103", "MTA109");
        Assert.Equal($"220 {Host(template)} ESMTP", Greeting(template));
    }

    [Fact]
    public void Debian_split_config_is_reported_and_fixed_in_a_main_fragment()
    {
        var root = Path.Combine(CopyTree(Path.Combine(TestPaths.OracleRoot, "etc", "exim4")), "conf.d");
        var unit = Assert.Single(EximTestHost.Dialect.Group(EximDialect.SplitFragments(root)));
        var original = EximTestHost.Read(unit.Paths);
        var result = LintAndFix(unit.Paths, "MTA101", "MTA103", "MTA109");
        var changed = original.Zip(result.Files).Where(p => p.First.Text != p.Second.Text).Select(p => p.Second.Path).ToList();
        // Where Debian keeps the main options it does not set: the banner goes there, not after the log selector.
        Assert.EndsWith(Path.Combine("main", "02_exim4-config_options"), Assert.Single(changed), StringComparison.Ordinal);
        Assert.All(Linter.Lint(EximTestHost.Dialect, original).Diagnostics.Where(d => d.RuleId is "MTA101" or "MTA103" or "MTA109" or "MTA204"),
            d => Assert.EndsWith(Path.Combine("main", "02_exim4-config_options"), d.Path, StringComparison.Ordinal));
        var concatenated = Path.Combine(root, "exim4.conf.concatenated");
        File.WriteAllText(concatenated, string.Concat(result.Files.Select(f => $"### {f.Path}\n{f.Text}\n")));
        Assert.Equal($"220 {Host(concatenated)} ESMTP", Greeting(concatenated));
    }

    [Fact]
    public void Starttls_on_exims_made_up_certificate_is_a_warning_unless_the_policy_says_otherwise()
    {
        // Exim 4.96 offers STARTTLS without tls_certificate, on a self-signed certificate it makes up
        // (the probe tests meet it on the real daemon): mail is encrypted, no sender can verify it.
        var folder = Directory.CreateTempSubdirectory("mtalint-exim-mta204-").FullName;
        var config = Path.Combine(folder, "exim4.conf");
        File.WriteAllText(config, "primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname ESMTP\n");
        var finding = Assert.Single(Linter.Lint(EximTestHost.Dialect, EximTestHost.Read([config])).Diagnostics);
        Assert.Equal(("MTA204", Severity.Warning), (finding.RuleId, finding.Severity));
        Assert.Contains("mail is encrypted, but no sender can verify", finding.Message, StringComparison.Ordinal);

        var run = Cli.CliRunner.RunReal("--format", "json", "--fail-on", "error", config);
        Assert.Contains("\"severity\": \"warning\"", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);

        // A severity the policy sets for the rule is every finding's.
        File.WriteAllText(Path.Combine(folder, ".mtalint.yaml"), "severity:\n  MTA204: error\n");
        run = Cli.CliRunner.RunReal("--format", "json", "--fail-on", "error", config);
        Assert.Contains("\"severity\": \"error\"", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
    }

    public static TheoryData<string> TestDataConfigs() => new(EximTestHost.TestDataConfigs());

    [Theory]
    [MemberData(nameof(TestDataConfigs))]
    public void Fixed_testdata_is_accepted_by_exim_and_its_banner_loses_what_was_fixed(string path)
    {
        var root = CopyTree(Path.GetDirectoryName(path)!);
        var copy = Path.Combine(root, Path.GetFileName(path));
        var unit = Assert.Single(EximTestHost.Dialect.Group([copy]));
        var result = LintAndFix(unit.Paths);
        var greeting = Greeting(copy);
        var fixedRules = result.Applied.Select(d => d.RuleId).ToHashSet();
        if (fixedRules.Contains("MTA101"))
        {
            Assert.DoesNotContain("4.96", greeting);
        }

        if (fixedRules.Contains("MTA103"))
        {
            Assert.DoesNotContain("Exim", greeting);
        }

        if (fixedRules.Contains("MTA109"))
        {
            Assert.DoesNotMatch(@"\d\d:\d\d:\d\d", greeting);
        }

        Assert.StartsWith("220", greeting);
    }
}
