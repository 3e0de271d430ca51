using System.Globalization;
using System.Text.Json;
using MtaLint.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Probe;

/// <summary><c>mtalint probe</c> in-process against scripted loopback servers.</summary>
public class ProbeCommandTests
{
    private const string Fixup = """
        S: 220 *******************************2***0**0*0*****2**0**
        C: EHLO client.example.org
        S: 250-mx.example.com Hello client.example.org
        S: 250-SIZE 52428800
        S: 250-XXXXXXXA
        S: 250 HELP
        C: QUIT
        S: 221 mx.example.com closing connection
        """;

    private sealed record Run(int ExitCode, string Stdout, string Stderr);

    private static Run Mtalint(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = MtaLint.Cli.Cli.Run(args, stdout, stderr, new CliHost());
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    private static string Port(LoopbackServer server) => server.Port.ToString(CultureInfo.InvariantCulture);

    [Fact(Timeout = 60_000)]
    public async Task Text_output_through_a_fixup()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse(Fixup)));
        var run = await Task.Run(() => Mtalint("probe", "127.0.0.1:" + Port(server), "--helo", "client.example.org", "--timeout", "5"));
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Snapshot.Verify(run.Stdout.Replace(":" + Port(server), ":<port>"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Json_output_carries_the_observation_and_the_transcript()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse(Fixup)));
        var run = await Task.Run(() => Mtalint("probe", "127.0.0.1:" + Port(server), "--format", "json", "--helo", "client.example.org"));
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var probe = root.GetProperty("probe");
        Assert.Equal("127.0.0.1", probe.GetProperty("host").GetString());
        Assert.Equal(server.Port, probe.GetProperty("port").GetInt32());
        Assert.Equal(220, probe.GetProperty("greeting").GetProperty("code").GetInt32());
        Assert.Contains("XXXXXXXA", probe.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
        Assert.False(probe.GetProperty("starttls").GetProperty("advertised").GetBoolean());
        var transcript = probe.GetProperty("transcript").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("C: EHLO client.example.org", transcript);
        Assert.Contains("S: 250-XXXXXXXA", transcript);
        var rules = root.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("rule").GetString()).ToArray();
        Assert.Contains("MTA401", rules);
        Assert.Contains("MTA402", rules);
        Assert.All(root.GetProperty("diagnostics").EnumerateArray(), d => Assert.False(d.GetProperty("fixable").GetBoolean()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Silent_server_ends_with_a_finding_and_exit_1_within_the_timeout()
    {
        await using var server = new LoopbackServer((_, t) => Task.Delay(Timeout.Infinite, t));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await Task.Run(() => Mtalint("probe", "127.0.0.1:" + Port(server), "--timeout", "0.5"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Contains("error[MTA412] the probe of 127.0.0.1:" + Port(server) + " stopped waiting for the greeting: no answer within 0.5 s", run.Stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task Clean_server_exits_0()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 STARTTLS
            C: STARTTLS
            S: 220 go ahead
            *: tls valid
            C: EHLO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """)));
        var run = await Task.Run(() => Mtalint("probe", "127.0.0.1:" + Port(server), "--fail-on", "warning"));
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Contains("  STARTTLS:  220 go ahead", run.Stdout);
        Assert.Contains("info[MTA408]", run.Stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_that_cannot_be_reached_was_not_checked_and_exits_2()
    {
        var port = LoopbackServer.FreePort().ToString(CultureInfo.InvariantCulture);
        var refused = await Task.Run(() => Mtalint("probe", "127.0.0.1:" + port, "--timeout", "5", "--fail-on", "never"));
        Assert.Equal(ExitCodes.Error, refused.ExitCode);
        Assert.Contains($"error[MTA412] the probe of 127.0.0.1:{port} stopped connecting", refused.Stdout);
        Assert.Equal($"mtalint: probe: could not reach 127.0.0.1:{port}; nothing was checked\n", refused.Stderr);

        var unknown = await Task.Run(() => Mtalint("probe", "no-such-host.invalid", "--timeout", "5", "--format", "json"));
        Assert.Equal(ExitCodes.Error, unknown.ExitCode);
        Assert.Contains("stopped resolving the name", unknown.Stdout);
    }

    [Theory]
    [InlineData(new[] { "probe", "mx.example.com:99999" }, "mtalint: probe: '99999' is not a port number (1-65535)")]
    [InlineData(new[] { "probe", "mx.example.com", "--timeout", "0" }, "mtalint: probe: --timeout 0 is not a number of seconds between 0 and 3600")]
    [InlineData(new[] { "probe", "mx.example.com", "--helo", "a b" }, "mtalint: probe: --helo 'a b' is not a host name")]
    [InlineData(new[] { "probe", "mx.example.com", "--starttls", "maybe" }, "Argument 'maybe' not recognized")]
    [InlineData(new[] { "probe", "127.0.0.1", "--compare", "/nonexistent/main.cf" }, "/nonexistent/main.cf")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var run = Mtalint(args);
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }
}
