using System.Diagnostics;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Sendmail;

/// <summary>
/// Debian's sendmail binary from the oracles, run on a sendmail.cf in address test mode (<c>-bt</c>):
/// it reads the whole file as the daemon does and reports every line it refuses (<c>FILE: line N: ...</c>, on standard output in this mode);
/// outside <c>-bt</c> any such report makes it exit without running (main.c).
/// </summary>
internal static class SendmailBinary
{
    /// <summary>
    /// The binary is setgid (the loader then ignores LD_LIBRARY_PATH): a plain copy runs with the
    /// unpacked libraries. Made once per test run.
    /// </summary>
    private static readonly Lazy<string> Copy = new(() =>
    {
        var source = Path.Combine(TestPaths.OracleRoot, "usr", "libexec", "sendmail", "sendmail");
        if (!File.Exists(source))
        {
            throw new InvalidOperationException($"oracle {source} is missing: run scripts/oracles.sh");
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the oracles are Debian's Linux binaries");
        }

        var target = Path.Combine(Directory.CreateTempSubdirectory("mtalint-sendmail-").FullName, "sendmail");
        File.Copy(source, target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return target;
    });

    /// <summary>Runs <c>sendmail -C cf -bt</c> with <paramref name="input"/> (test-mode commands such as <c>$a</c>).</summary>
    public static Oracle.Result Test(string cfPath, string input)
    {
        // sendmail sleeps a minute at start when the host's name has no dot (daemon.c, "My unqualified
        // host name ... sleeping for retry"): it runs in its own UTS namespace, named mx.example.com.
        var psi = new ProcessStartInfo("unshare")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-u", "sh", "-c", $"hostname {SendmailTestFiles.Hostname} && exec \"$0\" \"$@\"", Copy.Value, "-C", cfPath, "-bt" })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["LD_LIBRARY_PATH"] = Path.Combine(TestPaths.OracleRoot, "usr", "lib", "x86_64-linux-gnu");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sendmail -bt did not finish");
        }

        return new Oracle.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
