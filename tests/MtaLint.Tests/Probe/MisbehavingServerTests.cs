using System.Net;
using System.Net.Sockets;
using System.Text;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Probe;
using MtaLint.Rules;

namespace MtaLint.Tests.Probe;

/// <summary>Servers that hang, flood, hang up or break TLS: the probe must end in bounded time with a clear finding.</summary>
public class MisbehavingServerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private static async Task<(ProbeResult Result, IReadOnlyList<Diagnostic> Diagnostics)> Probe(Func<NetworkStream, CancellationToken, Task> behaviour, ProbeLimits? limits = null)
    {
        await using var server = new LoopbackServer(behaviour);
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            StepTimeout = Step,
            HeloName = "client.example.org",
            Limits = limits ?? ProbeLimits.Default,
        }, TestContext.Current.CancellationToken);
        return (result, new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(result.Session)).Diagnostics);
    }

    private static Task Send(Stream s, string text, CancellationToken t) => s.WriteAsync(Encoding.ASCII.GetBytes(text), t).AsTask();

    private static Task Idle(CancellationToken t) => Task.Delay(Timeout.Infinite, t);

    [Fact(Timeout = 30_000)]
    public async Task Server_that_never_answers_times_out_at_the_greeting()
    {
        var (result, diagnostics) = await Probe((_, t) => Idle(t));
        Assert.Equal(ProbeStage.Greeting, result.Session.Failure?.Stage);
        Assert.Contains("no answer within 1 s", result.Session.Failure!.Message);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        var finding = Assert.Single(diagnostics, d => d.RuleId == "MTA412");
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact(Timeout = 30_000)]
    public async Task Endless_greeting_line_stops_at_the_line_limit()
    {
        var (result, diagnostics) = await Probe(async (s, t) =>
        {
            await Send(s, "220 ", t);
            var chunk = Encoding.ASCII.GetBytes(new string('A', 8192));
            for (var i = 0; i < 10_000 && !t.IsCancellationRequested; i++)
            {
                await s.WriteAsync(chunk, t);
            }
        });
        Assert.Equal(ProbeStage.Greeting, result.Session.Failure?.Stage);
        Assert.Equal("reply line longer than 4096 octets", result.Session.Failure!.Message);
        Assert.True(result.Session.Transcript.Text.Length < 2000, "the transcript keeps only a prefix of the flood");
        Assert.Contains(diagnostics, d => d.RuleId == "MTA412");
        Assert.Empty(result.Session.Greeting?.Lines ?? []);
    }

    [Fact(Timeout = 30_000)]
    public async Task Slow_drip_greeting_is_bounded_by_the_step_timeout()
    {
        var (result, _) = await Probe(async (s, t) =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await Send(s, "220-still greeting\r\n", t);
                await Task.Delay(200, t);
            }
        });
        Assert.Equal(ProbeStage.Greeting, result.Session.Failure?.Stage);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact(Timeout = 30_000)]
    public async Task Connection_closed_mid_reply_is_reported_with_what_arrived()
    {
        var (result, diagnostics) = await Probe(async (s, t) =>
        {
            await Send(s, "220 mx.example.com ESMTP\r\n", t);
            await new SmtpScript.LineReader(s).ReadLineAsync(t);
            await Send(s, "250-mx.example.com Hello\r\n250-SIZE 1000\r\n250-PIPEL", t);
        });
        Assert.Equal(ProbeStage.Ehlo, result.Session.Failure?.Stage);
        Assert.Equal("the server closed the connection in the middle of a reply", result.Session.Failure!.Message);
        Assert.Contains("S: 250-PIPEL\n", result.Session.Transcript.Text);
        var finding = Assert.Single(diagnostics, d => d.RuleId == "MTA412");
        Assert.Contains("stopped at EHLO", finding.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Huge_multi_line_reply_stops_at_the_line_count_limit()
    {
        var (result, _) = await Probe(async (s, t) =>
        {
            await Send(s, "220 mx.example.com ESMTP\r\n", t);
            await new SmtpScript.LineReader(s).ReadLineAsync(t);
            for (var i = 0; i < 100_000 && !t.IsCancellationRequested; i++)
            {
                await Send(s, $"250-EXTENSION{i}\r\n", t);
            }
        });
        Assert.Equal(ProbeStage.Ehlo, result.Session.Failure?.Stage);
        Assert.Equal("reply of more than 100 lines", result.Session.Failure!.Message);
        Assert.True(result.Session.Transcript.LineCount < 40, "the transcript keeps only the first lines of the flood");
    }

    [Fact(Timeout = 30_000)]
    public async Task Reply_over_the_octet_limit_is_refused()
    {
        var (result, _) = await Probe(
            async (s, t) =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await Send(s, "220-" + new string('x', 1000) + "\r\n", t);
                }

                await Idle(t);
            },
            new ProbeLimits { MaxReplyBytes = 10_000 });
        Assert.Equal("reply longer than 10000 octets", result.Session.Failure?.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Malformed_greeting_is_a_protocol_failure()
    {
        var (result, _) = await Probe(async (s, t) =>
        {
            await Send(s, "HTTP/1.1 400 Bad Request\r\n\r\n", t);
            await Idle(t);
        });
        Assert.StartsWith("malformed reply line", result.Session.Failure?.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tls_handshake_garbage_is_a_handshake_failure_not_a_crash()
    {
        var (result, diagnostics) = await Probe(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 STARTTLS
            C: STARTTLS
            S: 220 go ahead
            *: tls garbage
            """)));
        Assert.Null(result.Session.Failure);
        Assert.NotNull(result.Session.TlsHandshakeError);
        Assert.Null(result.Session.Tls);
        var finding = Assert.Single(diagnostics, d => d.RuleId == "MTA405");
        Assert.Equal("220 go ahead", finding.Finding.Location!.Text); // the reply that accepted STARTTLS
    }

    [Fact(Timeout = 30_000)]
    public async Task Server_that_stalls_the_tls_handshake_times_out()
    {
        var (result, _) = await Probe(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 STARTTLS
            C: STARTTLS
            S: 220 go ahead
            *: stall
            """)));
        Assert.Equal("no TLS handshake within 1 s", result.Session.TlsHandshakeError);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_connection_is_reported_per_address()
    {
        var port = LoopbackServer.FreePort();
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions { Host = "127.0.0.1", Port = port, StepTimeout = Step }, TestContext.Current.CancellationToken);
        Assert.Equal(ProbeStage.Connect, result.Session.Failure?.Stage);
        Assert.Contains($"127.0.0.1:{port}", result.Session.Failure!.Message);
        Assert.Empty(WireModel.Build(result.Session).Services);
    }

    [Fact(Timeout = 30_000)]
    public async Task Unresolvable_name_is_a_resolve_failure()
    {
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions { Host = "no-such-host.invalid", StepTimeout = TimeSpan.FromSeconds(5) }, TestContext.Current.CancellationToken);
        Assert.Equal(ProbeStage.Resolve, result.Session.Failure?.Stage);
    }

    [Fact(Timeout = 30_000)]
    public async Task Greeting_554_ends_the_session_politely()
    {
        var (result, diagnostics) = await Probe(SmtpScript.Server(SmtpScript.Parse("""
            S: 554 mx.example.com no service for you
            C: QUIT
            S: 221 bye
            """)));
        Assert.Equal(ProbeStage.Greeting, result.Session.Failure?.Stage);
        Assert.Contains("C: QUIT", result.Session.Transcript.Text);
        Assert.DoesNotContain("C: EHLO", result.Session.Transcript.Text);
        Assert.Contains(diagnostics, d => d.RuleId == "MTA412" && d.Message.Contains("554"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_ehlo_falls_back_to_helo_and_says_so()
    {
        var (result, diagnostics) = await Probe(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 500 what
            C: HELO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """)));
        Assert.True(result.Session.UsedHelo);
        Assert.Equal(500, result.Session.EhloRefusal?.Code);
        Assert.Equal(250, result.Session.Ehlo?.Code);
        Assert.Contains(diagnostics, d => d.RuleId == "MTA411");
        Assert.DoesNotContain(diagnostics, d => d.RuleId == "MTA404");
    }

    [Fact(Timeout = 30_000)]
    public async Task Probes_over_ipv6_loopback_when_available()
    {
        if (!Socket.OSSupportsIPv6)
        {
            Assert.Fail("IPv6 is not supported on this machine");
        }

        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """)), IPAddress.IPv6Loopback);
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions { Host = "::1", Port = server.Port, StepTimeout = Step }, TestContext.Current.CancellationToken);
        Assert.Null(result.Session.Failure);
        Assert.Equal("::1", result.Session.Address);
        Assert.Equal($"[::1]:{server.Port}", result.Session.Endpoint);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_certificate_made_at_starttls_is_valid_not_from_the_future()
    {
        // Regression: validity was judged at the probe's start, so a certificate made a second
        // later (Exim's self-signed fallback) was reported as "not valid before" (MTA406).
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 STARTTLS
            C: STARTTLS
            S: 220 go ahead
            *: delay 1200
            *: tls fresh
            C: EHLO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """)));
        var started = DateTimeOffset.UtcNow;
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "mx.example.com",
            ConnectTo = [IPAddress.Loopback],
            Port = server.Port,
            StepTimeout = TimeSpan.FromSeconds(5),
        }, TestContext.Current.CancellationToken);
        var session = result.Session;
        Assert.NotNull(session.Tls?.Certificate);
        Assert.True(session.Tls!.Certificate!.NotBefore > started, "the case needs a certificate younger than the probe");
        var diagnostics = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(session)).Diagnostics;
        Assert.DoesNotContain(diagnostics, d => d.RuleId == "MTA406");
        Assert.Contains(diagnostics, d => d.RuleId == "MTA408"); // self-signed: that finding stays
    }

    [Fact(Timeout = 30_000)]
    public async Task Implicit_tls_handshakes_before_the_greeting()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            *: tls valid
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 AUTH PLAIN
            C: QUIT
            S: 221 bye
            """)));
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "mx.example.com",
            ConnectTo = [IPAddress.Loopback],
            Port = server.Port,
            ImplicitTls = true,
            StepTimeout = TimeSpan.FromSeconds(5),
        }, TestContext.Current.CancellationToken);
        var session = result.Session;
        Assert.Null(session.Failure);
        Assert.NotNull(session.Tls);
        Assert.Null(session.StartTlsReply);
        Assert.Equal(["AUTH"], session.Extensions);
        var text = session.Transcript.Text;
        Assert.True(text.IndexOf("*: TLS handshake", StringComparison.Ordinal) < text.IndexOf("S: 220", StringComparison.Ordinal));
        var diagnostics = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(session)).Diagnostics;
        Assert.DoesNotContain(diagnostics, d => d.RuleId is "MTA404" or "MTA405" or "MTA407" or "MTA412");
    }

    [Fact(Timeout = 30_000)]
    public async Task Plaintext_server_on_an_implicit_tls_probe_is_a_handshake_failure()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            """)));
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions { Host = "127.0.0.1", Port = server.Port, ImplicitTls = true, StepTimeout = Step }, TestContext.Current.CancellationToken);
        Assert.NotNull(result.Session.TlsHandshakeError);
        var diagnostics = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(result.Session)).Diagnostics;
        Assert.Contains(diagnostics, d => d.RuleId == "MTA405" && d.Message.Contains("on connecting (implicit TLS)"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Host_names_are_resolved_and_each_address_tried_in_order()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 localhost ESMTP
            C: EHLO x
            S: 250 localhost
            C: QUIT
            S: 221 bye
            """)));
        var addresses = await Dns.GetHostAddressesAsync("localhost", TestContext.Current.CancellationToken);
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions { Host = "localhost", Port = server.Port, StepTimeout = Step }, TestContext.Current.CancellationToken);
        Assert.Null(result.Session.Failure);
        Assert.Equal("127.0.0.1", result.Session.Address);
        var text = result.Session.Transcript.Text;
        Assert.StartsWith($"*: localhost resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}\n", text);
        foreach (var before in addresses.TakeWhile(a => !a.Equals(IPAddress.Loopback)))
        {
            Assert.Contains($"*: cannot connect to {new IPEndPoint(before, server.Port)}: ", text);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Addresses_are_tried_in_order_until_one_answers()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """)));
        // 127.0.0.2 is loopback too, but nothing listens there on this port: refused at once.
        var closed = IPAddress.Parse("127.0.0.2");
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "mx.example.com",
            ConnectTo = [closed, IPAddress.Loopback],
            Port = server.Port,
            StepTimeout = Step,
        }, TestContext.Current.CancellationToken);
        Assert.Null(result.Session.Failure);
        Assert.Equal("127.0.0.1", result.Session.Address);
        var text = result.Session.Transcript.Text;
        Assert.StartsWith($"*: cannot connect to 127.0.0.2:{server.Port}: ", text);
        Assert.Contains($"*: connected to 127.0.0.1:{server.Port}\n", text);
    }
}
