using System.Diagnostics;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// What <c>--fix</c> keeps of the file it replaces, checked with the system's own tools (stat,
/// getfacl, getfattr), and what it refuses rather than do silently: break a hard link, hand a
/// shared file to whoever ran the fix, leave a half-written or world-readable file when killed, or
/// say nothing true when the disk is full.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FixKeepsFileTests
{
    private const string BadBanner = "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n";

    [Fact]
    public void Acls_extended_attributes_owner_and_set_id_bits_are_kept()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        Tool("chown", "4321:8765", path);
        Tool("setfacl", "-m", "u:65534:r,g:65534:rw", path);
        Tool("setfattr", "-n", "user.origin", "-v", "ansible role mail", path);
        Tool("setfattr", "-n", "trusted.note", "-v", "kept by root", path);
        Tool("chmod", "6660", path); // after chown and setfacl, which clear or recompute these bits
        var facts = WriteAttackTests.Facts(path);
        var acl = Tool("getfacl", "-n", "-c", path);
        var xattrs = Tool("getfattr", "-d", "-m", "-", "--absolute-names", path);

        var run = CliRunner.RunReal("--fix", "--color", "never", path);

        Assert.NotEqual(2, run.ExitCode);
        Assert.DoesNotContain("(Debian/GNU)", File.ReadAllText(path));
        Assert.Equal(facts, WriteAttackTests.Facts(path));
        Assert.Equal("4321:8765 6660 regular file", facts);
        Assert.Equal(acl, Tool("getfacl", "-n", "-c", path));
        Assert.Contains("user:65534:r--", acl);
        Assert.Equal(xattrs, Tool("getfattr", "-d", "-m", "-", "--absolute-names", path));
        Assert.Contains("user.origin=\"ansible role mail\"", xattrs);
        Assert.Contains("trusted.note=\"kept by root\"", xattrs);
    }

    /// <summary>
    /// A folder whose default ACL lets another user read new files: the temporary file inherits it
    /// (masked to nothing by its 0600 mode while written), and the fixed file must not keep an ACL
    /// the original did not have.
    /// </summary>
    [Fact]
    public void An_acl_inherited_from_the_folder_is_not_added_to_a_file_that_had_none()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        Tool("setfacl", "-d", "-m", "u:65534:rw", dir.Path);
        Assert.Equal(string.Empty, Tool("getfattr", "-m", "-", "--absolute-names", path).Trim());

        var run = CliRunner.RunReal("--fix", "--color", "never", path);

        Assert.NotEqual(2, run.ExitCode);
        Assert.DoesNotContain("(Debian/GNU)", File.ReadAllText(path));
        Assert.Equal(string.Empty, Tool("getfattr", "-m", "-", "--absolute-names", path).Trim());
        Assert.Equal("0:0 644 regular file", WriteAttackTests.Facts(path));
    }

    [Fact]
    public void A_file_with_hard_links_is_refused_with_exit_2_and_every_name_keeps_its_text()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        var other = dir.File("main.cf.link");
        Assert.Equal(0, Link(path, other));

        var run = CliRunner.RunReal("--fix", "--color", "never", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"mtalint: {path}: the file has 2 hard links (other names for the same file); replacing it would leave the others with the old text, so it was not changed", run.Stderr);
        Assert.Equal(BadBanner, File.ReadAllText(path));
        Assert.Equal(BadBanner, File.ReadAllText(other));
        Assert.Equal("2", Tool("stat", "-c", "%h", path).Trim());
        Assert.Equal(2, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    /// <summary>
    /// nobody may write a shared, root-owned config (mode 0666, in a folder they may write) but
    /// cannot give a new file to root: the fix is refused rather than replace root's file with one
    /// owned by nobody. Run as nobody through the native executable (copied where nobody can run it).
    /// </summary>
    [Fact]
    public void A_shared_file_is_never_handed_to_the_user_who_ran_the_fix()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var path = dir.Write("shared/main.cf", BadBanner);
        File.SetUnixFileMode(path, (UnixFileMode)0x1B6); // 0666
        File.SetUnixFileMode(dir.File("shared"), (UnixFileMode)0x1FF); // 0777
        var native = dir.File("mtalint");
        File.Copy(NativeBinaryTests.Executable, native);

        var run = OtherUser.Run("\"$1\" --fix --color never \"$2\"; echo \"exit=$?\"", native, path);

        Assert.Contains("exit=2", run.Stdout);
        Assert.Contains($"mtalint: {path}: the file belongs to user 0, group 0; mtalint runs as user 65534 and cannot give the new file the same owner, so it was not changed", run.Stderr);
        Assert.Equal(BadBanner, File.ReadAllText(path));
        Assert.Equal("0:0 666 regular file", WriteAttackTests.Facts(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.File("shared")));
    }

    /// <summary>The same user fixing their own file in a group they belong to: allowed, owner and group kept.</summary>
    [Fact]
    public void A_user_fixing_their_own_file_keeps_it()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var path = dir.Write("own/main.cf", BadBanner);
        OtherUser.Own(dir.File("own"));
        var native = dir.File("mtalint");
        File.Copy(NativeBinaryTests.Executable, native);

        var run = OtherUser.Run("\"$1\" --fix --color never \"$2\"; echo \"exit=$?\"", native, path);

        Assert.DoesNotContain("exit=2", run.Stdout);
        Assert.DoesNotContain("(Debian/GNU)", File.ReadAllText(path));
        Assert.Equal("65534:65534 644 regular file", WriteAttackTests.Facts(path));
    }

    /// <summary>
    /// A full disk, for real: a 64 KiB tmpfs mounted in a mount namespace of its own (unshare), filled
    /// up, then the fix. The message names the file, says why and that it is unchanged; exit 2; no
    /// temporary file left behind.
    /// </summary>
    [Fact]
    public void A_full_disk_is_reported_truthfully_with_exit_2_and_the_file_unchanged()
    {
        OtherUser.RequireRootAndTools();
        using var dir = new TempDir();
        var mount = dir.File("full");
        Directory.CreateDirectory(mount);
        var script = """
            mount -t tmpfs -o size=64k tmpfs "$2" || exit 99
            printf '%s' "$3" > "$2/main.cf"
            dd if=/dev/zero of="$2/filler" bs=4k 2>/dev/null
            "$1" --fix --color never "$2/main.cf"
            echo "exit=$?"
            echo "--- main.cf"; cat "$2/main.cf"
            echo "--- entries"; ls -A "$2"
            """;

        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram("unshare", "/", ["--mount", "--propagation", "private", "bash", "-c", script, "full", NativeBinaryTests.Executable, mount, BadBanner]);

        Assert.True(exit == 0, $"unshare/mount failed ({exit}): {stderr}");
        Assert.Contains($"mtalint: {mount}/main.cf: the fixed file could not be written: the file system is full (no space left on device); the file was not changed", stderr);
        Assert.DoesNotContain("'", stderr.Split('\n').Single(l => l.Contains("file system is full", StringComparison.Ordinal))); // not .NET's "No space left on device : '…tmp'"
        Assert.Contains("exit=2", stdout);
        Assert.Contains("--- main.cf\n" + BadBanner + "--- entries\nfiller\nmain.cf\n", stdout);
    }

    /// <summary>
    /// kill -9 the moment the temporary file appears, many times over: the config is whole (old or
    /// new), and a temporary file left behind is readable by its owner only.
    /// </summary>
    [Fact]
    public void Killed_during_the_write_the_config_is_whole_and_a_leftover_is_private()
    {
        OtherUser.RequireRootAndTools();
        var content = BadBanner + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"# padding line {i:D6}, long enough that writing it takes a while\n"));
        var kills = 0;
        for (var i = 0; i < 3; i++)
        {
            using var dir = new TempDir();
            var path = dir.Write("main.cf", content);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var watcher = new FileSystemWatcher(dir.Path, ".main.cf.mtalint-*.tmp") { EnableRaisingEvents = true };
            using var process = Process.Start(new ProcessStartInfo(NativeBinaryTests.Executable, ["--fix", "--quiet", "--color", "never", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var killed = watcher.WaitForChanged(WatcherChangeTypes.Created, TimeSpan.FromSeconds(30));
            if (!killed.TimedOut)
            {
                process.Kill();
                kills++;
            }

            process.WaitForExit();
            var now = File.ReadAllText(path);
            Assert.True(now == content || (!now.Contains("(Debian/GNU)", StringComparison.Ordinal) && now.EndsWith("takes a while\n" + "smtpd_tls_security_level = may\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\n", StringComparison.Ordinal)),
                "main.cf is neither the old nor the new text");
            foreach (var left in Directory.GetFiles(dir.Path, ".main.cf.mtalint-*.tmp"))
            {
                Assert.StartsWith("0:0 600 regular", WriteAttackTests.Facts(left)); // "regular file" or, killed before writing, "regular empty file"
            }
        }

        Assert.True(kills > 0, "mtalint was never killed during a write");
    }

    private static string Tool(string name, params string[] args)
    {
        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram(name, "/", args);
        Assert.True(exit == 0, $"{name} {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string created);
}
