using System.Diagnostics;
using System.Net.Sockets;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Probe;

/// <summary>
/// Debian's real Exim daemon (from <c>scripts/oracles.sh</c>) listening on 127.0.0.1 at a free port,
/// in the foreground (<c>-bdf</c>) so Dispose can stop exactly the process it started. Without
/// <c>tls_certificate</c>, Exim 4.96 offers STARTTLS with a self-signed certificate it makes itself.
/// </summary>
public sealed class EximDaemon : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public EximDaemon()
    {
        var exe = Path.Combine(TestPaths.OracleRoot, "usr/sbin/exim4");
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException($"oracle {exe} is missing: run scripts/oracles.sh");
        }

        _directory = Directory.CreateTempSubdirectory("mtalint-exim-").FullName;
        var spool = Directory.CreateDirectory(Path.Combine(_directory, "spool")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(_directory, "log")).FullName;

        // Exim drops to its own user before writing spool and logs.
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_directory, open);
        File.SetUnixFileMode(spool, open);
        File.SetUnixFileMode(logs, open);

        Port = LoopbackServer.FreePort();
        ConfigPath = Path.Combine(_directory, "exim4.conf");
        File.WriteAllText(ConfigPath, $"""
            primary_hostname = mx.example.com
            local_interfaces = 127.0.0.1
            keep_environment =
            spool_directory = {spool}
            log_file_path = {logs}/%slog
            acl_smtp_rcpt = deny

            begin acl
            begin routers
            begin transports
            """);

        var psi = new ProcessStartInfo(exe)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-C", ConfigPath, "-bdf", "-oX", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["LD_LIBRARY_PATH"] = Path.Combine(TestPaths.OracleRoot, "usr/lib/x86_64-linux-gnu");
        _process = Process.Start(psi)!;
        WaitForPort();
    }

    public int Port { get; }

    public string ConfigPath { get; }

    private void WaitForPort()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"exim exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Dispose();
        throw new TimeoutException($"exim did not listen on 127.0.0.1:{Port} within 20 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Exim's children may still hold the log open for a moment; the temp folder is harmless.
        }
    }
}
