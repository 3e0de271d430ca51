using System.Runtime.Versioning;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// <c>--output-file FILE</c> is written whole or not at all, through the folder's descriptor: a full
/// disk or a folder the user may not write is exit 2 with the reason and FILE as it was; the new
/// file has the mode a shell redirect would give it, or keeps the permission bits of the report it
/// replaces.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ReportFileTests
{
    private const string BadBanner = "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n";

    [Fact]
    public void A_full_disk_leaves_the_last_report_and_no_temporary_file()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var config = dir.Write("etc/main.cf", BadBanner);
        var mount = dir.File("full");
        Directory.CreateDirectory(mount);
        var script = """
            mount -t tmpfs -o size=64k tmpfs "$2" || exit 99
            printf 'the last good report\n' > "$2/report.json"
            dd if=/dev/zero of="$2/filler" bs=4k 2>/dev/null
            "$1" --format json --hostname mx.example.com -o "$2/report.json" "$3"
            echo "exit=$?"
            echo "--- report"; cat "$2/report.json"
            echo "--- entries"; ls -A "$2"
            """;

        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram("unshare", "/", ["--mount", "--propagation", "private", "bash", "-c", script, "full", NativeBinaryTests.Executable, mount, config]);

        Assert.True(exit == 0, $"unshare/mount failed ({exit}): {stderr}");
        Assert.Equal($"mtalint: --output-file {mount}/report.json: cannot write it: the file system is full (no space left on device)\n", stderr);
        Assert.Contains("exit=2", stdout);
        Assert.EndsWith("--- report\nthe last good report\n--- entries\nfiller\nreport.json\n", stdout);
    }

    [Fact]
    public void A_folder_the_user_may_not_write_is_exit_2_and_names_the_reason()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var config = dir.Write("etc/main.cf", BadBanner);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0x1ED); // 0755: nobody may read, not write
        Directory.CreateDirectory(dir.File("out"));
        var report = dir.File("out/report.txt");

        var run = OtherUser.Run("\"$1\" --hostname mx.example.com -o \"$2\" \"$3\"; echo \"exit=$?\"", NativeBinaryTests.Executable, report, config);

        Assert.Equal("exit=2\n", run.Stdout);
        Assert.Equal($"mtalint: --output-file {report}: cannot create it: permission denied\n", run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("out")));
    }

    [Fact]
    public void A_new_report_gets_the_mode_a_redirect_would_and_a_replaced_one_keeps_its_own()
    {
        using var dir = new TempDir();
        var config = dir.Write("main.cf", BadBanner);
        var redirected = dir.Write("redirected.txt", string.Empty); // as the shell's '>' (and .NET) create a file: 0666 less the umask

        CliRunner.RunReal("-o", dir.File("new.txt"), config);
        Assert.Equal(File.GetUnixFileMode(redirected), File.GetUnixFileMode(dir.File("new.txt")));

        var kept = dir.Write("private.txt", "old\n");
        File.SetUnixFileMode(kept, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        CliRunner.RunReal("-o", kept, config);
        Assert.Contains("MTA102", dir.Read("private.txt"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
    }

    [Fact]
    public void A_folder_reached_through_a_symlink_gets_the_report()
    {
        // The user's own link (out -> reports/2026) is resolved once, when the run starts; the report
        // is then written into that folder by descriptor.
        using var dir = new TempDir();
        var config = dir.Write("main.cf", BadBanner);
        Directory.CreateDirectory(dir.File("reports/2026"));
        File.CreateSymbolicLink(dir.File("out"), dir.File("reports/2026"));

        var r = CliRunner.RunReal("-o", dir.File("out/report.txt"), config);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("MTA102", dir.Read("reports/2026/report.txt"));
        Assert.Equal(["report.txt"], Directory.GetFiles(dir.File("reports/2026")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_named_as_the_output_file_is_refused()
    {
        using var dir = new TempDir();
        var config = dir.Write("main.cf", BadBanner);
        Directory.CreateDirectory(dir.File("out"));

        var r = CliRunner.RunReal("-o", dir.File("out"), config);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"mtalint: --output-file {dir.File("out")}: it is a folder\n", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }
}
