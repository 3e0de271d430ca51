using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>
/// Every case in <c>testdata/&lt;mta&gt;/</c> (a file or a folder) through the real dialects and
/// rules: the text and JSON output and the diff are snapshots; the diff must apply with
/// <c>git apply</c>, and after applying it a second run has nothing left to fix.
/// </summary>
public sealed partial class TestdataSnapshotTests
{
    public static TheoryData<string, string> AllCases() => RegisteredDialects.TestDataCases();

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Output_of_each_case(string mta, string name)
    {
        var path = Path.Combine(TestPaths.TestData, mta, name);
        var text = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", path);
        var json = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", "--format", "json", path);
        var diff = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", "--diff", path);
        Assert.DoesNotContain("internal error", text.Stderr + json.Stderr + diff.Stderr);
        var root = TestPaths.RepoRoot.TrimEnd('/') + "/";
        var snapshot = $"--- text\n{Describe(text)}--- json\n{Describe(json)}--- diff\n{Describe(diff)}"
            .Replace("--- a/" + root.TrimStart('/'), "--- a/")
            .Replace("+++ b/" + root.TrimStart('/'), "+++ b/")
            .Replace(root, string.Empty);
        Snapshot.Verify(TimeOfDay().Replace(snapshot, "<time of day>"), $"{mta}_{name}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Diff_of_each_case_applies_with_git_and_fixing_settles(string mta, string name)
    {
        using var dir = new TempDir();
        var source = Path.Combine(TestPaths.TestData, mta, name);
        var target = dir.File(name);
        Copy(source, target);
        GitCli.Run(dir.Path, "init", "-q");

        var diff = ProcessSmokeTests.Run(dir.Path, "--dialect", mta, "--hostname", "mx.example.com", "--diff", name);
        if (diff.Exit == 2)
        {
            // An unparsable case: nothing is proposed, and the error says where.
            Assert.Equal(string.Empty, diff.Stdout);
            Assert.Matches(@"(?m)^[^:\n]+:\d+:\d+: error\[MTA000\] ", diff.Stderr);
            return;
        }

        Assert.True(diff.Exit is 0 or 1, $"exit {diff.Exit}: {diff.Stderr}");
        if (diff.Exit == 0)
        {
            Assert.Equal(string.Empty, diff.Stdout);
            return;
        }

        File.WriteAllText(dir.File("fix.patch"), diff.Stdout);
        GitCli.Run(dir.Path, "apply", "--check", "fix.patch");
        GitCli.Run(dir.Path, "apply", "fix.patch");

        var again = ProcessSmokeTests.Run(dir.Path, "--dialect", mta, "--hostname", "mx.example.com", "--diff", name);
        Assert.True(again.Exit == 0, $"after applying the diff, --diff still proposes:\n{again.Stdout}{again.Stderr}");
        Assert.Equal(string.Empty, again.Stdout);
    }

    /// <summary>Banners that show the time (Exim's <c>$tod_full</c>, Sendmail's <c>$b</c>) render it as of the run.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial System.Text.RegularExpressions.Regex TimeOfDay();

    private static string Describe(CliRunner.Result r) => $"exit {r.ExitCode}\n{r.Stdout}{(r.Stderr.Length > 0 ? "(stderr)\n" + r.Stderr : string.Empty)}";

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            Copy(entry, Path.Combine(target, Path.GetFileName(entry)));
        }
    }
}
