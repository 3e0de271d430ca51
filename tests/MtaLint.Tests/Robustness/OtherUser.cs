using System.Diagnostics;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// Another user on the machine, <c>nobody</c>, acting while root runs <c>mtalint --fix</c>: a
/// shell run with <c>setpriv</c> as that user (no capabilities, no supplementary groups), either
/// once (<see cref="Run"/>) or as a watcher that reacts to inotify events (<see cref="Watch"/>).
/// The tests run as root, as CI does; <c>scripts/test-tools.sh</c> installs inotify-tools.
/// </summary>
internal sealed class OtherUser : IDisposable
{
    public const uint Uid = 65534;
    public const uint Gid = 65534;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _stderr = new();

    private OtherUser(Process process)
    {
        _process = process;
    }

    /// <summary>What the watcher printed, one line per action it took (its log).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>Fails the test unless the tests run as root with the tools the attacks need.</summary>
    public static void RequireRootAndTools()
    {
        Assert.True(Environment.UserName == "root", "the write-attack tests run root's --fix against another user: run them as root (CI does)");
        foreach (var tool in new[] { "setpriv", "inotifywait", "getfacl", "setfacl", "getfattr", "setfattr", "unshare" })
        {
            Assert.True(Which(tool), $"{tool} is not installed: run scripts/test-tools.sh");
        }
    }

    /// <summary>Runs <paramref name="script"/> once as <c>nobody</c> and returns its exit code and output.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string script, params string[] args)
    {
        using var process = Process.Start(Start(script, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"nobody's script did not finish in 30 s: {script}");
        }

        Assert.DoesNotContain("setpriv:", stderr.Result);
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts <paramref name="script"/> as <c>nobody</c> in the background and waits until it prints
    /// <c>ready</c> (its inotify watches are set): from then on it races whatever runs.
    /// </summary>
    public static OtherUser Watch(string script, params string[] args)
    {
        var process = Process.Start(Start(script, args))!;
        var user = new OtherUser(process);
        process.OutputDataReceived += (_, e) => user.Received(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (user._stderr)
            {
                user._stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        if (!user._ready.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            user.Dispose();
            Assert.Fail($"nobody's watcher did not get ready in 30 s: {user.Stderr}");
        }

        return user;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Waits until the watcher has logged <paramref name="count"/> lines, or <paramref name="timeout"/> passed.</summary>
    public void WaitForLines(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Lines.Count < count && DateTime.UtcNow < until)
        {
            Thread.Sleep(20);
        }
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "ready")
        {
            _ready.TrySetResult();
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private static ProcessStartInfo Start(string script, string[] args)
    {
        var psi = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = "/",
        };
        foreach (var a in new[] { $"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--", "bash", "-c", script, "nobody" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static bool Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    /// <summary>Gives a file or folder to <c>nobody</c>, as a folder of theirs that root lints would be.</summary>
    public static void Own(string path)
    {
        var (exit, _, stderr) = ProcessSmokeTests.RunProgram("chown", "/", ["-R", $"{Uid}:{Gid}", path]);
        Assert.True(exit == 0, stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
