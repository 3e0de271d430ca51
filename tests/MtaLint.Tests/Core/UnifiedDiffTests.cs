using System.Diagnostics;
using System.Globalization;
using MtaLint.Fixes;

namespace MtaLint.Tests.Core;

public class UnifiedDiffTests
{
    [Fact]
    public void Identical_texts_give_no_diff() => Assert.Equal(string.Empty, UnifiedDiff.Create("a", "x\n", "x\n"));

    [Fact]
    public void One_changed_line_has_three_lines_of_context()
    {
        var old = "1\n2\n3\n4\n5\n6\n7\n8\n";
        var diff = UnifiedDiff.Create("etc/main.cf", old, old.Replace("5\n", "five\n"));
        Assert.Equal("--- a/etc/main.cf\n+++ b/etc/main.cf\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", diff);
    }

    [Fact]
    public void Insertion_into_empty_file_uses_zero_start()
    {
        var diff = UnifiedDiff.Create("f", string.Empty, "a\n");
        Assert.Equal("--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n", diff);
    }

    [Fact]
    public void Missing_final_newline_is_marked()
    {
        var diff = UnifiedDiff.Create("f", "a\nb", "a\nc");
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n", diff);
    }

    [Fact]
    public void A_later_hunk_counts_the_lines_an_earlier_one_removed()
    {
        var old = string.Concat(Enumerable.Range(1, 20).Select(n => n + "\n"));
        var changed = string.Concat(Enumerable.Range(1, 20).Where(n => n != 2).Select(n => (n == 15 ? "fifteen" : n.ToString(CultureInfo.InvariantCulture)) + "\n"));
        var diff = UnifiedDiff.Create("f", old, changed);
        Assert.Equal(
            "--- a/f\n+++ b/f\n@@ -1,5 +1,4 @@\n 1\n-2\n 3\n 4\n 5\n@@ -12,7 +11,7 @@\n 12\n 13\n 14\n-15\n+fifteen\n 16\n 17\n 18\n",
            diff);
    }

    [Fact]
    public void Deleting_every_line_uses_zero_start_for_the_new_side()
    {
        var diff = UnifiedDiff.Create("f", "a\nb\n", string.Empty);
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n", diff);
    }

    [Fact]
    public void A_lone_carriage_return_does_not_end_a_line()
    {
        var diff = UnifiedDiff.Create("f", "a\rb\nc\n", "a\rB\nc\n");
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\rb\n+a\rB\n c\n", diff);
    }

    [Fact]
    public void A_change_of_whitespace_only_is_a_difference()
    {
        var diff = UnifiedDiff.Create("f", "a  \nb\n", "a\nb\n");
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a  \n+a\n b\n", diff);
    }

    [Theory]
    [InlineData("a\nb\nc\n", "a\nB\nc\n")]
    [InlineData("a\r\nb\r\nc\r\n", "a\r\nb\r\nX\r\nc\r\n")]
    [InlineData("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\nend\n")]
    [InlineData("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\nX\n3\n4\n5\n6\n7\nY\n9\n10\n")]
    [InlineData("x\ny", "x\ny\nz\n")]
    [InlineData("keep\n", "keep\n# added at the end\nsmtpd_tls_security_level = may\n")]
    [InlineData("a\rb\nc\n", "a\rB\nc\n")]
    [InlineData("a  \nb\n", "a\nb\n")]
    [InlineData("a\nb\n", "")]
    [InlineData("", "a\nb")]
    [InlineData("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n", "1\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nfifteen\n16\n17\n18\n19\n20")]
    public void Git_apply_accepts_the_diff_and_yields_the_new_text(string oldText, string newText)
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-diff");
        try
        {
            Run(dir.FullName, "git", "init", "-q");
            Directory.CreateDirectory(Path.Combine(dir.FullName, "etc"));
            var file = Path.Combine(dir.FullName, "etc", "main.cf");
            File.WriteAllText(file, oldText);
            var patch = Path.Combine(dir.FullName, "fix.patch");
            File.WriteAllText(patch, UnifiedDiff.Create("etc/main.cf", oldText, newText));
            Run(dir.FullName, "git", "apply", "--check", "fix.patch");
            Run(dir.FullName, "git", "apply", "fix.patch");
            Assert.Equal(newText, File.ReadAllText(file));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Run(string cwd, string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{exe} {string.Join(' ', args)} failed: {err}");
    }
}
