using System.Text;

using MtaLint.Text;

namespace MtaLint.Tests.Cli;

/// <summary>--fix and --diff: what is written, what is kept, what is refused.</summary>
public sealed class FixCommandTests
{
    [Fact]
    public void Fix_writes_the_safe_fixes_and_reports_what_remains()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "banner = bad\nx = risky\nx = note\n");
        var r = CliRunner.Run("--fix", file);
        Assert.Equal("banner = good\nx = risky\nx = note\ntls = on\n", dir.Read("a.fake"));
        Assert.Equal(1, r.ExitCode); // the unsafe one remains
        Assert.Contains("Fixed 2 findings in 1 file.", r.Stdout);
        Assert.Contains("x says risky", r.Stdout);
        Assert.DoesNotContain("banner says bad", r.Stdout);
        Assert.Contains("1 file checked, 1 with findings: 1 warning, 1 info (1 fixable with --fix --unsafe-fixes)", r.Stdout);
    }

    [Fact]
    public void Unsafe_fixes_are_applied_only_when_asked()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nx = risky\n");
        Assert.Equal(1, CliRunner.Run("--fix", file).ExitCode);
        Assert.Equal("tls = on\nx = risky\n", dir.Read("a.fake"));
        var r = CliRunner.Run("--fix", "--unsafe-fixes", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("tls = on\nx = careful\n", dir.Read("a.fake"));
        Assert.Contains("All checks passed", r.Stdout);
    }

    [Fact]
    public void A_second_fix_changes_nothing_and_touches_no_file()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "banner = bad\n");
        CliRunner.Run("--fix", file);
        var fixedText = dir.Read("a.fake");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, stamp);
        var r = CliRunner.Run("--fix", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(fixedText, dir.Read("a.fake"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
        Assert.DoesNotContain("Fixed", r.Stdout);
    }

    [Fact]
    public void Fix_keeps_mode_bom_crlf_and_a_missing_final_newline()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("tls = on\r\nbanner = bad")).ToArray();
        var file = dir.WriteBytes("a.fake", bytes);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var r = CliRunner.Run("--fix", file);
        Assert.Equal(0, r.ExitCode);
        var expected = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("tls = on\r\nbanner = good")).ToArray();
        Assert.Equal(expected, dir.ReadBytes("a.fake"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
        Assert.Single(Directory.GetFiles(dir.Path)); // no temp file left behind
    }

    [Fact]
    public void Fix_keeps_bytes_that_are_not_utf8()
    {
        using var dir = new TempDir();
        var latin1 = Encoding.Latin1.GetBytes("# caf\u00e9 \u00ff\ntls = on\nbanner = bad\n");
        var file = dir.WriteBytes("a.fake", latin1);
        CliRunner.Run("--fix", file);
        Assert.Equal(Encoding.Latin1.GetBytes("# caf\u00e9 \u00ff\ntls = on\nbanner = good\n"), dir.ReadBytes("a.fake"));
    }

    [Fact]
    public void Fix_writes_through_a_symlink_and_keeps_the_link()
    {
        using var dir = new TempDir();
        var target = dir.Write("real.fake", "tls = on\nbanner = bad\n");
        var link = dir.File("link.fake");
        File.CreateSymbolicLink(link, target);
        Assert.Equal(0, CliRunner.Run("--fix", link).ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("tls = on\nbanner = good\n", dir.Read("real.fake"));
    }

    [Fact]
    public void A_read_only_file_is_not_written_and_the_run_exits_2()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nbanner = bad\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var r = CliRunner.Run("--fix", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("read-only", r.Stderr);
        Assert.Equal("tls = on\nbanner = bad\n", dir.Read("a.fake"));
        Assert.Contains("banner says bad", r.Stdout); // what is on disk is still reported
        Assert.DoesNotContain("Fixed", r.Stdout);
    }

    [Fact]
    public void A_read_only_folder_is_not_written_into_and_the_run_exits_2()
    {
        using var dir = new TempDir();
        var file = dir.Write("sub/a.fake", "tls = on\nbanner = bad\n");
        File.SetUnixFileMode(dir.File("sub"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var r = CliRunner.Run("--fix", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("read-only", r.Stderr);
        Assert.Equal("tls = on\nbanner = bad\n", dir.Read("sub/a.fake"));
        Assert.Single(Directory.GetFileSystemEntries(dir.File("sub")));
    }

    [Fact]
    public void A_file_changed_on_disk_after_reading_is_not_overwritten()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nbanner = bad\n");
        var input = MtaLint.Text.InputFile.Read(file, out var error);
        Assert.Null(error);
        File.WriteAllText(file, "tls = on\nbanner = changed meanwhile\n");
        var ex = Assert.Throws<MtaLint.Workspace.FileWriteException>(() =>
            MtaLint.Workspace.AtomicFileWriter.Replace(file, Encoding.UTF8.GetBytes("tls = on\nbanner = good\n"), input));
        Assert.Contains("changed on disk", ex.Message);
        Assert.Equal("tls = on\nbanner = changed meanwhile\n", dir.Read("a.fake"));
    }

    [Fact]
    public void Fixes_that_do_not_settle_are_reported_and_exit_2()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nx = loop\n");
        var r = CliRunner.Run("--fix", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did not settle", r.Stderr);
    }

    [Fact]
    public void Fixes_that_would_break_the_file_are_not_applied_and_reported()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nx = break\n");
        var r = CliRunner.Run("--fix", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("would make the file unreadable", r.Stderr);
        Assert.Equal("tls = on\nx = break\n", dir.Read("a.fake"));
    }

    [Fact]
    public void Diff_prints_a_patch_writes_nothing_and_exits_1()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "banner = bad\n");
        var r = CliRunner.Run("--diff", file);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("banner = bad\n", dir.Read("a.fake"));
        Assert.StartsWith($"--- a/{file.TrimStart('/')}\n+++ b/{file.TrimStart('/')}\n", r.Stdout);
        Assert.Contains("-banner = bad\n+banner = good\n+tls = on\n", r.Stdout);
        Assert.Contains("would fix 2 findings in 1 file", r.Stderr);
    }

    [Fact]
    public void Diff_with_nothing_to_fix_exits_0_and_prints_no_patch()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nx = risky\n");
        var r = CliRunner.Run("--diff", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains("no fixes to apply", r.Stderr);
        Assert.Equal(1, CliRunner.Run("--diff", "--unsafe-fixes", file).ExitCode);
    }

    [Fact]
    public void Diff_wins_over_fix()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "banner = bad\n");
        CliRunner.Run("--diff", "--fix", file);
        Assert.Equal("banner = bad\n", dir.Read("a.fake"));
    }

    [Fact]
    public void The_diff_of_relative_paths_applies_with_git_apply()
    {
        using var dir = new TempDir();
        dir.Write("conf/a.fake", "# keep\nbanner = bad\n\n\n\n\nx = 1\nx = bad\n");
        dir.Write("conf/b.fake", "tls = on\r\nbanner = bad\r\n");
        GitCli.Run(dir.Path, "init", "-q");
        // The diff names paths as given; made relative to the repository here, as a user running in it would get.
        var patch = CliRunner.Run("--diff", dir.File("conf")).Stdout.Replace(dir.Path.TrimStart('/') + "/", string.Empty);
        File.WriteAllText(dir.File("fix.patch"), patch);
        GitCli.Run(dir.Path, "apply", "--check", "fix.patch");
        GitCli.Run(dir.Path, "apply", "fix.patch");
        Assert.Equal("# keep\nbanner = good\n\n\n\n\nx = 1\nx = good\ntls = on\n", dir.Read("conf/a.fake"));
        Assert.Equal("tls = on\r\nbanner = good\r\n", dir.Read("conf/b.fake"));
    }

    [Fact]
    public void A_fix_for_a_file_outside_the_unit_is_left_alone_instead_of_looping()
    {
        // A lone Postfix master.cf: the dialect offers main.cf settings, but there is no main.cf to edit.
        using var dir = new TempDir();
        var master = dir.Write("master.cf", "smtp      inet  n       -       y       -       -       smtpd\n");
        var r = CliRunner.RunReal("--fix", "--hostname", "mx.example.com", master);
        Assert.DoesNotContain("did not settle", r.Stderr);
        Assert.NotEqual(2, r.ExitCode);
        Assert.False(File.Exists(dir.File("main.cf")));
    }
}
