using System.Text;
using MtaLint.Tests.Cli;
using MtaLint.Text;
using MtaLint.Workspace;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// Files no one writes on purpose, and files that change under mtalint: each ends, within a
/// bound, with exit 0/1/2, a message that names the file, no stack trace and no damage.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private const string BadBanner = "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n";

    private static CliRunner.Result Run(params string[] args)
    {
        var run = Task.Run(() => CliRunner.RunReal(args));
        Assert.True(run.Wait(Bound), $"mtalint {string.Join(' ', args)} did not finish in {Bound.TotalSeconds} s");
        Assert.InRange(run.Result.ExitCode, 0, 2);
        Assert.DoesNotContain("   at ", run.Result.All);
        Assert.DoesNotContain("internal error", run.Result.All);
        return run.Result;
    }

    [Fact]
    public void A_folder_named_main_cf_is_walked_as_a_folder()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("main.cf"));

        var empty = Run("--fix", "--color", "never", dir.File("main.cf"));
        dir.Write("main.cf/main.cf", BadBanner);
        var holding = Run("--color", "never", dir.File("main.cf"));

        Assert.Equal(0, empty.ExitCode);
        Assert.Contains($"no mail server config found in {dir.File("main.cf")}", empty.Stderr);
        Assert.Equal(1, holding.ExitCode);
        Assert.Contains($"{dir.File("main.cf/main.cf")}:1:", holding.Stdout);
    }

    [Theory]
    [InlineData("main.cf")]
    [InlineData("exim4.conf")]
    [InlineData("sendmail.mc")]
    public void An_empty_file_is_a_config_with_nothing_set_and_fix_settles(string name)
    {
        using var dir = new TempDir();
        var path = dir.WriteBytes(name, []);

        var lint = Run("--color", "never", path);
        var fix = Run("--fix", "--color", "never", path);
        var fixedOnce = File.ReadAllBytes(path);
        var again = Run("--fix", "--color", "never", path);

        Assert.NotEqual(2, lint.ExitCode);
        Assert.NotEqual(2, fix.ExitCode);
        Assert.NotEqual(2, again.ExitCode);
        Assert.Equal(fixedOnce, File.ReadAllBytes(path));
    }

    /// <summary>Postfix and Exim refuse a line of NUL bytes (MTA000 with its position); m4 reads NULs as text. Either way --fix leaves no half-written file and settles.</summary>
    [Theory]
    [InlineData("main.cf", "main.cf:1:4097: error[MTA000]")]
    [InlineData("exim4.conf", "exim4.conf:1:1: error[MTA000]")]
    [InlineData("sendmail.mc", null)]
    public void A_file_of_nul_bytes_is_read_without_harm(string name, string? error)
    {
        using var dir = new TempDir();
        var nuls = new byte[4096];
        var path = dir.WriteBytes(name, nuls);

        var lint = Run("--color", "never", path);
        var fix = Run("--fix", "--color", "never", path);

        if (error is not null)
        {
            Assert.Equal(2, lint.ExitCode);
            Assert.Contains(error, lint.Stdout);
            Assert.Equal(nuls, File.ReadAllBytes(path)); // nothing fixed in a file that does not parse
            Assert.True(lint.Stdout.Split('\n').All(l => l.Length < 4000), "the 4096-char line is shown around the error, not whole");
        }
        else
        {
            Assert.Equal(1, lint.ExitCode);
            Assert.StartsWith(Encoding.Latin1.GetString(nuls), Encoding.Latin1.GetString(File.ReadAllBytes(path)));
            Assert.Equal(File.ReadAllBytes(path), ReadAfter(Run("--fix", "--color", "never", path), path));
        }

        Assert.NotEqual(0, fix.ExitCode);
    }

    private static byte[] ReadAfter(CliRunner.Result run, string path)
    {
        Assert.NotEqual(2, run.ExitCode);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void A_50_mb_file_is_linted_and_fixed_within_the_bound()
    {
        using var dir = new TempDir();
        var filler = Encoding.ASCII.GetBytes("# " + new string('x', 76) + "\n");
        using (var stream = File.Create(dir.File("main.cf")))
        {
            stream.Write(Encoding.ASCII.GetBytes(BadBanner));
            for (var written = 0L; written < 50L * 1024 * 1024; written += filler.Length)
            {
                stream.Write(filler);
            }
        }

        var lint = Run("--color", "never", dir.File("main.cf"));
        var fix = Run("--fix", "--color", "never", dir.File("main.cf"));

        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("main.cf:1:", lint.Stdout);
        Assert.Equal(1, fix.ExitCode);
        Assert.StartsWith("smtpd_banner = $myhostname ESMTP\n", File.ReadAllText(dir.File("main.cf"))[..40]);
    }

    /// <summary>A device opens and even seeks, but holds no config: <c>/dev/zero</c> named, or included by Exim, is refused.</summary>
    [Fact]
    public void A_device_is_refused_as_not_a_regular_file()
    {
        using var dir = new TempDir();
        var exim = dir.Write("exim4.conf", ".include /dev/zero\n");

        var named = Run("--dialect", "postfix", "--color", "never", "/dev/zero");
        var included = Run("--color", "never", exim);

        Assert.Equal(2, named.ExitCode);
        Assert.Contains("/dev/zero: error[MTA000] cannot read the file: not a regular file (a device)", named.Stdout);
        Assert.Equal(2, included.ExitCode);
        Assert.Contains("exim4.conf:1:1: error[MTA000] cannot read included file /dev/zero: not a regular file (a device)", included.Stdout);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_a_message()
    {
        using var dir = new TempDir();
        using (var stream = File.Create(dir.File("main.cf")))
        {
            stream.SetLength(InputFile.MaxBytes + 1); // sparse: no disk used
        }

        var run = Run("--fix", "--color", "never", dir.File("main.cf"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{dir.File("main.cf")}: error[MTA000] cannot read the file: the file is larger than 64 MiB", run.Stdout);
        Assert.Equal(InputFile.MaxBytes + 1, new FileInfo(dir.File("main.cf")).Length);
    }

    /// <summary>
    /// A newline in a file name would split a finding over two lines and break the patch header:
    /// text output escapes it, the diff quotes the name as git does, and the patch applies.
    /// </summary>
    [Fact]
    public void A_newline_in_a_file_name_is_escaped_in_text_and_quoted_in_the_patch()
    {
        using var dir = new TempDir();
        var path = dir.Write("odd\nname/main.cf", BadBanner);
        var copy = dir.Write("copy/odd\nname/main.cf", BadBanner);

        var lint = Run("--color", "never", dir.Path + "/odd\nname");
        var diff = CliRunner.RunRealBytes("--diff", "--color", "never", path);
        var json = Run("--format", "json", path);
        Run("--fix", "--color", "never", copy);

        Assert.Contains($"{dir.Path}/odd\\nname/main.cf:1:", lint.Stdout);
        Assert.DoesNotContain("\nname/main.cf", lint.Stdout);
        Assert.Contains("\"file\": \"" + dir.Path + "/odd\\nname/main.cf\"", json.Stdout.Replace("\":\"", "\": \""));
        var patch = Encoding.UTF8.GetString(diff.Stdout);
        Assert.StartsWith($"--- \"a{dir.Path}/odd\\nname/main.cf\"\n+++ \"b{dir.Path}/odd\\nname/main.cf\"\n", patch);
        var patchFile = dir.WriteBytes("fix.patch", diff.Stdout);
        Git("/", "apply", "-p1", patchFile);
        Assert.Equal(File.ReadAllText(copy), File.ReadAllText(path));
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_noted_in_a_walk()
    {
        using var dir = new TempDir();
        var name = Encoding.UTF8.GetBytes(dir.Path + "/main").Concat(new byte[] { 0xFF }).Concat(".cf\0"u8.ToArray()).ToArray();
        var fd = Creat(name);
        Assert.True(fd >= 0);
        Assert.Equal(0, Close(fd));

        var run = Run("--color", "never", dir.Path);

        Assert.Contains("a name that is not valid UTF-8 (mtalint cannot open it), skipped", run.Stderr);
        Assert.Equal(0, run.ExitCode);
    }

    public static TheoryData<string, string> HostilePolicies() => new()
    {
        { "deep-flow", "nested more than 32 deep" },
        { "deep-block", "nested more than 32 deep" },
        { "aliases", "once aliases are expanded" },
        { "huge", "larger than 1 MiB" },
        { "binary", "not valid YAML" },
        { "fifo", "not a regular file (a FIFO)" },
    };

    [Theory]
    [MemberData(nameof(HostilePolicies))]
    public void A_hostile_policy_file_stops_the_run_with_its_position(string kind, string message)
    {
        using var dir = new TempDir();
        var config = dir.Write("main.cf", BadBanner);
        var policy = dir.File(".mtalint.yaml");
        switch (kind)
        {
            case "deep-flow":
                File.WriteAllText(policy, "disable: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
                break;
            case "deep-block":
                File.WriteAllText(policy, "per-file:\n" + string.Concat(Enumerable.Range(0, 40).Select(i => new string(' ', i + 2) + $"k{i}:\n")));
                break;
            case "aliases":
                // "Billion laughs": nine levels of ten aliases each would be 10^9 values.
                File.WriteAllText(policy, "per-file:\n  \"a\": &a0 {disable: [MTA101]}\n" + string.Concat(Enumerable.Range(1, 9).Select(i =>
                    $"  \"l{i}\": &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n")));
                break;
            case "huge":
                File.WriteAllText(policy, "# " + new string('x', 2 * 1024 * 1024) + "\n");
                break;
            case "binary":
                File.WriteAllBytes(policy, [.. "disable: [MTA"u8, 0, 1, 0xFF, 0xFE, .. "]\n"u8]);
                break;
            default:
                Assert.Equal(0, Mkfifo(policy));
                break;
        }

        var run = Run("--fix", "--color", "never", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches($@"\.mtalint\.yaml:\d+:\d+: error: .*{System.Text.RegularExpressions.Regex.Escape(message)}", run.Stderr);
        Assert.Equal(BadBanner, File.ReadAllText(config)); // a bad policy stops the run before any fix
    }

    /// <summary>
    /// Between the read and the write, main.cf is replaced by a symlink to a copy elsewhere (same
    /// content, so the content check alone would pass): writing through it would change a file out
    /// of the tree. The file that is there now is not the file that was read, so nothing is written.
    /// </summary>
    [Fact]
    public void A_file_replaced_by_a_symlink_between_read_and_write_is_not_written()
    {
        using var outside = new TempDir();
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        var input = InputFile.Read(path, out var error);
        Assert.Null(error);
        var elsewhere = outside.Write("main.cf", BadBanner);
        File.Delete(path);
        File.CreateSymbolicLink(path, elsewhere);

        var e = Assert.Throws<FileWriteException>(() => AtomicFileWriter.Replace(path, "smtpd_banner = $myhostname ESMTP\n"u8.ToArray(), input));

        Assert.Contains("replaced on disk since mtalint read it", e.Message);
        Assert.Equal(BadBanner, File.ReadAllText(elsewhere));
        Assert.NotNull(new FileInfo(path).LinkTarget);
        Assert.Single(Directory.GetFileSystemEntries(outside.Path));
    }

    [Fact]
    public async Task A_file_replaced_by_a_fifo_between_read_and_write_is_refused_without_blocking()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        var input = InputFile.Read(path, out _);
        File.Delete(path);
        Assert.Equal(0, Mkfifo(path));

        var write = Task.Run(() => Assert.Throws<FileWriteException>(() => AtomicFileWriter.Replace(path, "x\n"u8.ToArray(), input)));

        Assert.Same(write, await Task.WhenAny(write, Task.Delay(Bound, TestContext.Current.CancellationToken)));
        Assert.Contains("was not changed", (await write).Message);
    }

    [Fact]
    public void A_file_renamed_over_with_the_same_content_is_not_overwritten()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf", BadBanner);
        var input = InputFile.Read(path, out _);
        File.Move(dir.Write("other", BadBanner), path, overwrite: true);

        var e = Assert.Throws<FileWriteException>(() => AtomicFileWriter.Replace(path, "x\n"u8.ToArray(), input));

        Assert.Contains("replaced on disk", e.Message);
        Assert.Equal(BadBanner, File.ReadAllText(path));
    }

    private static void Git(string folder, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(" ", args)}: {err.Result}");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode = 0x1A4);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "creat", SetLastError = true)]
    private static extern int Creat(byte[] path, uint mode = 0x1A4);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
