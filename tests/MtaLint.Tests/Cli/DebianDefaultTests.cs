using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>
/// Issue 2's acceptance case on Debian's own <c>main.cf.debian</c> (from the unpacked postfix
/// package, never copied into the repository): the OS and product in the banner and no TLS
/// either way are reported; the diff applies with git and those findings are gone after it,
/// but for inbound TLS, which needs a certificate first (MTA201 has no fix without one), and
/// the fixes bring no error.
/// </summary>
public sealed class DebianDefaultTests
{
    private static readonly string[] Expected = ["MTA102", "MTA103", "MTA201", "MTA206"];
    private static readonly string[] Fixed = ["MTA102", "MTA103", "MTA206"];

    [Fact]
    public void Debian_main_cf_is_reported_and_the_diff_fixes_it()
    {
        var debian = Path.Combine(TestPaths.OracleRoot, "usr", "share", "postfix", "main.cf.debian");
        Assert.True(File.Exists(debian), $"{debian} is missing: run scripts/oracles.sh");
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("postfix"));
        File.Copy(debian, dir.File("postfix/main.cf"));
        GitCli.Run(dir.Path, "init", "-q");

        var before = ProcessSmokeTests.Run(dir.Path, "--hostname", "mx.example.com", "--format", "json", "postfix");
        Assert.Equal(1, before.Exit);
        var rules = Rules(before.Stdout);
        Assert.All(Expected, id => Assert.Contains(id, rules));

        var diff = ProcessSmokeTests.Run(dir.Path, "--hostname", "mx.example.com", "--diff", "--unsafe-fixes", "postfix");
        Assert.Equal(1, diff.Exit);
        Assert.StartsWith("--- a/postfix/main.cf\n+++ b/postfix/main.cf\n", diff.Stdout);
        File.WriteAllText(dir.File("fix.patch"), diff.Stdout);
        GitCli.Run(dir.Path, "apply", "--check", "fix.patch");
        GitCli.Run(dir.Path, "apply", "fix.patch");

        var after = ProcessSmokeTests.Run(dir.Path, "--hostname", "mx.example.com", "--format", "json", "postfix");
        var remaining = Rules(after.Stdout);
        Assert.All(Fixed, id => Assert.DoesNotContain(id, remaining));
        Assert.Contains("MTA201", remaining);
        Assert.DoesNotContain("\"severity\": \"error\"", after.Stdout);
        Assert.Contains("smtpd_banner = $myhostname ESMTP\n", File.ReadAllText(dir.File("postfix/main.cf")));
    }

    private static HashSet<string> Rules(string json) =>
        Regex.Matches(json, "\"rule\": \"(MTA\\d+)\"").Select(m => m.Groups[1].Value).ToHashSet();
}
