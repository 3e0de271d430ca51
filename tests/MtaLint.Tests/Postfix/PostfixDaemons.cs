using System.Net.Sockets;
using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// Starts the real Postfix daemons of the unpacked Debian package on a staged config (<see cref="Postconf.Stage"/>),
/// one at a time and stand-alone (<c>-S</c>), the way master starts them for a master.cf entry: the entry's
/// name and type, and its <c>-o</c> overrides on the command line after main.cf. What they log goes to
/// standard error (<c>-V</c>), so their fatal start-up errors can be read.
/// </summary>
/// <remarks>
/// Two things are the host's, not the config's, and are given to every run: <c>queue_directory</c> (a folder
/// of the staged config: the daemons change into it before their own checks) and a proxymap. smtpd opens its
/// tables before its checks, and the stock <c>local_recipient_maps</c> is a <c>proxy:</c> table: its client
/// waits for the proxymap service for ever. So the real proxymap daemon answers on
/// <c>queue/private/proxymap</c>, started stand-alone for each connection as master would, with the protocol
/// greeting master's skeleton sends after accept (stand-alone mode skips it).
/// </remarks>
public sealed partial class PostfixDaemons : IDisposable
{
    public const string Sbin = "usr/lib/postfix/sbin";

    private readonly string _dir;
    private readonly Socket _proxymap;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <param name="configDir">A staged config (main.cf and master.cf), which the runs share.</param>
    public PostfixDaemons(string configDir)
    {
        _dir = configDir;
        Queue = Path.Combine(configDir, "queue");
        Directory.CreateDirectory(Path.Combine(Queue, "private"));
        _proxymap = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _proxymap.Bind(new UnixDomainSocketEndPoint(Path.Combine(Queue, "private", "proxymap")));
        _proxymap.Listen(16);
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The run's queue directory (given to every daemon with <c>-o queue_directory</c>).</summary>
    public string Queue { get; }

    private readonly List<(string Name, string Value)> _hostOverrides = [];

    /// <summary>
    /// Gives every later run, proxymap's included, <c>-o name=value</c> after the entry's own: for what the
    /// host supplies rather than the config (a file, a user), so that the rest of the config is judged.
    /// </summary>
    public void AddHostOverride(string name, string value)
    {
        lock (_hostOverrides)
        {
            if (!_hostOverrides.Contains((name, value)))
            {
                _hostOverrides.Add((name, value));
            }
        }
    }

    /// <summary>The host's values given so far.</summary>
    public IReadOnlyList<(string Name, string Value)> HostOverrides
    {
        get
        {
            lock (_hostOverrides)
            {
                return _hostOverrides.ToArray();
            }
        }
    }

    private string[] HostOptions() => Options(HostOverrides).ToArray();

    /// <summary>How one daemon ended: its exit code and its fatal error (<c>fatal: ...</c>), if it logged one.</summary>
    public sealed record Outcome(int ExitCode, string? Fatal, string Log);

    /// <summary>
    /// Starts smtpd for the entry <paramref name="service"/>/<paramref name="type"/> with the entry's
    /// <c>-o name=value</c> overrides, and lets it serve an empty session (standard input at its end): it
    /// exits 0 after its greeting when it starts, 1 with its fatal error when it refuses.
    /// </summary>
    public Outcome Smtpd(string service, string type, IEnumerable<(string Name, string Value)> overrides) =>
        Run("smtpd", ["-V", "-S", "-n", service, "-t", type, .. Options(overrides), .. HostOptions(), "-o", "queue_directory=" + Queue]);

    /// <summary>
    /// Starts a delivery agent (smtp, lmtp) for an entry as master would, in a queue it can change into, so that its
    /// own checks before it delivers (pre_init) run. A fatal start-up error ends it at once; one that passed them
    /// either exits 0 on its empty input or, at the levels that verify certificates, waits on its output pipe: still
    /// running after 10 seconds counts as started (exit code 0, no fatal error).
    /// </summary>
    public Outcome Deliverer(string program, string service, string type, IEnumerable<(string Name, string Value)> overrides)
    {
        var queue = Path.Combine(_dir, "deliverer-queue");
        Directory.CreateDirectory(Path.Combine(queue, "private"));
        try
        {
            return Run(program, ["-V", "-S", "-n", service, "-t", type, .. Options(overrides), .. HostOptions(), "-o", "queue_directory=" + queue], TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            return new Outcome(0, null, $"{program} still running after 10 s: it passed its start-up checks");
        }
    }

    /// <summary>
    /// Starts any daemon for an entry with <c>queue_directory</c> pointing nowhere: a daemon reads all its
    /// parameter tables (mail_params_init, then its own) before it changes into the queue, so "chdir" as its
    /// fatal error means it got through them, and any other fatal error is one of theirs.
    /// </summary>
    public Outcome Tables(string program, string service, string type, IEnumerable<(string Name, string Value)> overrides)
    {
        string[] mode = program == "postlogd" ? ["-V", "-l"] : ["-V", "-S", "-l", "-z"];
        return Run(program, [.. mode, "-n", service, "-t", type, .. Options(overrides), .. HostOptions(), "-o", "queue_directory=" + Path.Combine(Queue, "absent")]);
    }

    /// <summary>The fatal error of a <see cref="Tables"/> run that means the daemon read all its tables.</summary>
    public bool PassedTables(Outcome outcome) => outcome.Fatal == $"fatal: chdir(\"{Path.Combine(Queue, "absent")}\"): No such file or directory";

    public static bool IsDaemon(string program) => File.Exists(Path.Combine(TestPaths.OracleRoot, Sbin, program)) && program is not "master" and not "fsstone";

    private static IEnumerable<string> Options(IEnumerable<(string Name, string Value)> overrides) =>
        overrides.SelectMany(o => new[] { "-o", $"{o.Name}={o.Value}" });

    private Outcome Run(string program, string[] args, TimeSpan? timeout = null)
    {
        var result = Oracle.Run(Path.Combine(Sbin, program), args, stdin: string.Empty, libDir: Postconf.LibDir, timeout: timeout ?? TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["MAIL_CONFIG"] = _dir });
        var fatal = FatalLine().Match(result.Stderr);
        return new Outcome(result.ExitCode, fatal.Success ? "fatal: " + fatal.Groups[1].Value.TrimEnd('\r') : null, result.Stderr);
    }

    private async Task AcceptAsync()
    {
        var serving = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _proxymap.AcceptAsync(_stop.Token);
                serving.Add(Task.Run(() => ServeAsync(client)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed: the runs are over.
        }

        await Task.WhenAll(serving);
    }

    /// <summary>One proxymap client: the greeting master's skeleton would send, then the real proxymap on the connection.</summary>
    private async Task ServeAsync(Socket client)
    {
        using var connection = new NetworkStream(client, ownsSocket: true);
        var psi = new System.Diagnostics.ProcessStartInfo(Path.Combine(TestPaths.OracleRoot, Sbin, "proxymap"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args = ["-V", "-S", "-n", "proxymap", "-t", "unix", .. HostOptions(), "-o", "queue_directory=" + Queue];
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LD_LIBRARY_PATH"] = Path.Combine(TestPaths.OracleRoot, Postconf.LibDir);
        psi.Environment["MAIL_CONFIG"] = _dir;
        using var proxymap = System.Diagnostics.Process.Start(psi)!;
        _ = proxymap.StandardError.ReadToEndAsync();
        await connection.WriteAsync("protocol\0proxymap_protocol\0\0"u8.ToArray());
        var up = Task.Run(async () =>
        {
            try
            {
                await connection.CopyToAsync(proxymap.StandardInput.BaseStream);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The connection is closed (by the client, or above once proxymap answered): proxymap ends with its input.
            }

            try
            {
                proxymap.StandardInput.Close();
            }
            catch (IOException)
            {
                // proxymap is gone already.
            }
        });
        try
        {
            await proxymap.StandardOutput.BaseStream.CopyToAsync(connection);
        }
        catch (IOException)
        {
            // smtpd closed the connection first (it exited).
        }

        // Stand-alone, proxymap answers one request and exits; the client keeps its connection for the next
        // one, so it is closed here: the client then connects again, to a new proxymap, as after a restart.
        try
        {
            client.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Gone already.
        }

        connection.Close();
        await up;
        if (!proxymap.WaitForExit(10_000))
        {
            proxymap.Kill();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _proxymap.Dispose();
        _accepting.Wait(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }

    [GeneratedRegex(@"^[^ \n]*: fatal: (.*)$", RegexOptions.Multiline)]
    private static partial Regex FatalLine();
}
