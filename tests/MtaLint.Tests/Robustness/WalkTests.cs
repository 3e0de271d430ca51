using System.Net.Sockets;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// What a folder walk cannot look at (broken symlinks, loops, FIFOs, sockets, symlinked folders,
/// unreadable files and folders) is noted on stderr and leaves the findings and the exit code as
/// they are; the same path named on the command line is an error (exit 2).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WalkTests
{
    // MTA301/MTA201 findings make the exit code 1: the hostile entries must not turn it into 2.
    private const string Config = "smtpd_banner = $myhostname ESMTP\n";

    [Fact]
    public void A_walk_notes_broken_links_loops_fifos_sockets_and_linked_folders_and_keeps_the_result()
    {
        using var tree = new TempDir();
        tree.Write("main.cf", Config);
        var clean = CliRunner.RunReal("--color", "never", tree.Path);

        File.CreateSymbolicLink(tree.File("exim4.conf"), tree.File("nowhere"));
        File.CreateSymbolicLink(tree.File("loop-a.mc"), tree.File("loop-b.mc"));
        File.CreateSymbolicLink(tree.File("loop-b.mc"), tree.File("loop-a.mc"));
        Directory.CreateSymbolicLink(tree.File("back"), tree.Path);
        Assert.Equal(0, Mkfifo(tree.File("master.cf")));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(tree.File("sendmail.mc")));

        var run = Bounded(() => CliRunner.RunReal("--color", "never", tree.Path));

        Assert.Equal(clean.ExitCode, run.ExitCode);
        Assert.Equal(clean.Stdout, run.Stdout);
        Assert.Contains($"mtalint: note: {tree.File("exim4.conf")}: a broken symlink ({tree.File("nowhere")} does not exist), skipped", run.Stderr);
        Assert.Contains($"mtalint: note: {tree.File("loop-a.mc")}: a symlink loop, skipped", run.Stderr);
        Assert.Contains($"mtalint: note: {tree.File("loop-b.mc")}: a symlink loop, skipped", run.Stderr);
        Assert.Contains($"mtalint: note: {tree.File("back")}: a symlink to a folder, not followed", run.Stderr);
        Assert.Contains($"mtalint: note: {tree.File("master.cf")}: a FIFO, not a regular file, skipped", run.Stderr);
        Assert.Contains($"mtalint: note: {tree.File("sendmail.mc")}: a socket, not a regular file, skipped", run.Stderr);
    }

    [Fact]
    public void A_large_folder_is_reported_and_noted_in_sorted_path_order()
    {
        // Entries of a folder are looked at on several threads (from 8 on): what comes out keeps the walk's order.
        using var tree = new TempDir();
        var expectedFiles = new List<string>();
        var expectedNotes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var name = $"n{i:D2}";
            switch (i % 4)
            {
                case 0:
                    expectedFiles.Add(tree.Write($"{name}/main.cf", Config));
                    break;
                case 1:
                    expectedFiles.Add(tree.Write($"{name}.mc", "OSTYPE(`linux')dnl\nMAILER(smtp)dnl\n"));
                    break;
                case 2:
                    File.CreateSymbolicLink(tree.File($"{name}.mc"), tree.File("nowhere"));
                    expectedNotes.Add(tree.File($"{name}.mc"));
                    break;
                default:
                    // A template of an engine mtalint does not read: noted (Jinja2, ERB and EPP templates are linted).
                    tree.Write($"{name}-main.cf.in", "myhostname = @HOST@\n");
                    expectedNotes.Add(tree.File($"{name}-main.cf.in"));
                    break;
            }
        }

        tree.Write(".hidden/main.cf", Config);
        tree.Write("readme.txt", "not a config\n");

        var run = Bounded(() => CliRunner.RunReal("--color", "never", tree.Path));

        var notes = run.Stderr.Split('\n').Where(l => l.StartsWith("mtalint: note: ", StringComparison.Ordinal))
            .Select(l => l["mtalint: note: ".Length..l.IndexOf(": ", "mtalint: note: ".Length, StringComparison.Ordinal)]).ToList();
        Assert.Equal(expectedNotes, notes);
        var files = run.Stdout.Split('\n').Where(l => l.Contains("[MTA", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).Distinct().ToList();
        Assert.Equal(expectedFiles, files);
    }

    [Fact]
    public void Broken_links_loops_fifos_and_sockets_named_explicitly_exit_2()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir.File("main.cf"), dir.File("nowhere"));
        File.CreateSymbolicLink(dir.File("loop.mc"), dir.File("loop.mc"));
        Assert.Equal(0, Mkfifo(dir.File("master.cf")));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(dir.File("exim4.conf")));

        foreach (var (name, message) in new[]
        {
            ("main.cf", $"error[MTA000] a broken symlink ({dir.File("nowhere")} does not exist)"),
            ("loop.mc", "error[MTA000] a symlink loop"),
            ("master.cf", "error[MTA000] cannot read the file: not a regular file (a FIFO)"),
            ("exim4.conf", "error[MTA000] cannot read the file: not a regular file (a socket)"),
        })
        {
            var run = Bounded(() => CliRunner.RunReal("--color", "never", dir.File(name)));
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"{dir.File(name)}: {message}", run.Stdout);
        }
    }

    /// <summary>
    /// Root reads any file whatever its mode, and the tests run as root; so the CLI runs as a
    /// process without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv), for which a mode of 000
    /// means what it means for everyone else. Not root: it runs as is.
    /// </summary>
    [Fact]
    public void Unreadable_files_and_folders_in_a_walk_are_noted_and_named_ones_exit_2()
    {
        using var tree = new TempDir();
        tree.Write("main.cf", Config);
        var clean = RunWithoutReadOverride(tree.Path, "--color", "never", ".");
        tree.Write("exim4.conf", "primary_hostname = mx.example.com\n");
        tree.Write("notes.txt", "not a config, unreadable all the same\n");
        tree.Write("locked/main.cf", Config);
        File.SetUnixFileMode(tree.File("exim4.conf"), UnixFileMode.None);
        File.SetUnixFileMode(tree.File("notes.txt"), UnixFileMode.None);
        File.SetUnixFileMode(tree.File("locked"), UnixFileMode.None);
        try
        {
            var walk = RunWithoutReadOverride(tree.Path, "--color", "never", ".");
            Assert.Equal(clean.Exit, walk.Exit);
            Assert.Equal(clean.Stdout, walk.Stdout);
            Assert.Contains("mtalint: note: exim4.conf: cannot read the file (permission denied), skipped", walk.Stderr);
            Assert.Contains("mtalint: note: notes.txt: cannot read the file (permission denied), skipped", walk.Stderr);
            Assert.Contains("mtalint: note: locked: cannot read the folder (permission denied), skipped", walk.Stderr);

            var file = RunWithoutReadOverride(tree.Path, "--color", "never", "exim4.conf");
            Assert.Equal(2, file.Exit);
            Assert.Contains("exim4.conf: error[MTA000] cannot read the file: permission denied", file.Stdout);

            var folder = RunWithoutReadOverride(tree.Path, "--color", "never", "locked");
            Assert.Equal(2, folder.Exit);
            Assert.Contains("locked: error[MTA000] cannot read the folder: permission denied", folder.Stdout);
        }
        finally
        {
            File.SetUnixFileMode(tree.File("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static (int Exit, string Stdout, string Stderr) RunWithoutReadOverride(string workingDirectory, params string[] args)
    {
        if (Environment.UserName != "root")
        {
            return ProcessSmokeTests.Run(workingDirectory, args);
        }

        var result = ProcessSmokeTests.RunProgram("setpriv", workingDirectory,
            new[] { "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", ProcessSmokeTests.Executable }.Concat(args));
        Assert.DoesNotContain("setpriv:", result.Stderr);
        return result;
    }

    private static CliRunner.Result Bounded(Func<CliRunner.Result> run)
    {
        var task = Task.Run(run);
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "mtalint did not finish in 60 s");
        Assert.DoesNotContain("   at ", task.Result.Stderr);
        return task.Result;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode = 0x1A4);
}
