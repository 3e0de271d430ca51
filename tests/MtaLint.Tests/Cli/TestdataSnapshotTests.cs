using System.Diagnostics;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>
/// Every case in <c>testdata/&lt;mta&gt;/</c> (a file or a folder) through the real dialects and
/// rules: the text and JSON output and the diff are snapshots; the diff must apply with
/// <c>git apply</c>, and after applying it a second run has nothing left to fix.
/// </summary>
public sealed class TestdataSnapshotTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var mta in new[] { "postfix", "exim", "sendmail" })
        {
            var folder = Path.Combine(TestPaths.TestData, mta);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
            {
                data.Add(mta, Path.GetFileName(entry));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_of_each_case(string mta, string name)
    {
        var path = Path.Combine(TestPaths.TestData, mta, name);
        var text = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", path);
        var json = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", "--format", "json", path);
        var diff = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", "--diff", path);
        Assert.DoesNotContain("internal error", text.Stderr + json.Stderr + diff.Stderr);
        var root = TestPaths.RepoRoot.TrimEnd('/') + "/";
        var snapshot = $"--- text\n{Describe(text)}--- json\n{Describe(json)}--- diff\n{Describe(diff)}"
            .Replace(root, string.Empty)
            .Replace(root.TrimStart('/'), string.Empty);
        Snapshot.Verify(snapshot, $"{mta}_{name}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_of_each_case_applies_with_git_and_fixing_settles(string mta, string name)
    {
        using var dir = new TempDir();
        var source = Path.Combine(TestPaths.TestData, mta, name);
        var target = dir.File(name);
        Copy(source, target);
        Git(dir.Path, "init", "-q");

        var diff = ProcessSmokeTests.Run(dir.Path, "--dialect", mta, "--hostname", "mx.example.com", "--diff", name);
        Assert.True(diff.Exit is 0 or 1, $"exit {diff.Exit}: {diff.Stderr}");
        if (diff.Exit == 0)
        {
            Assert.Equal(string.Empty, diff.Stdout);
            return;
        }

        File.WriteAllText(dir.File("fix.patch"), diff.Stdout);
        Git(dir.Path, "apply", "--check", "fix.patch");
        Git(dir.Path, "apply", "fix.patch");

        var again = ProcessSmokeTests.Run(dir.Path, "--dialect", mta, "--hostname", "mx.example.com", "--diff", name);
        Assert.True(again.Exit == 0, $"after applying the diff, --diff still proposes:\n{again.Stdout}{again.Stderr}");
        Assert.Equal(string.Empty, again.Stdout);
    }

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

    private static void Git(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(" ", args)}: {err}");
    }
}
