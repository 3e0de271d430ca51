using MtaLint.Model;
using MtaLint.Probe;

namespace MtaLint.Tests.Probe;

/// <summary>The probe's overall limit holds for every step, and for work that does not heed its cancellation.</summary>
public sealed class DeadlineTests
{
    [Fact(Timeout = 30_000)]
    public async Task Work_that_ignores_its_token_is_cut_off_at_the_limit()
    {
        using var release = new ManualResetEventSlim();
        using var source = new CancellationTokenSource();
        CancellationToken seen = default;
        var within = await Deadline.RunAsync(token =>
        {
            seen = token;
            return Task.Run(release.Wait, CancellationToken.None); // blocks, whatever the token says
        }, TimeSpan.FromMilliseconds(300), source);
        try
        {
            Assert.False(within);
            Assert.True(seen.IsCancellationRequested, "the work is asked to stop when the limit passes");
        }
        finally
        {
            release.Set();
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Work_that_ends_in_time_keeps_its_outcome()
    {
        using var source = new CancellationTokenSource();
        Assert.True(await Deadline.RunAsync(_ => Task.CompletedTask, TimeSpan.FromSeconds(10), source));
        Assert.False(source.IsCancellationRequested);
        await Assert.ThrowsAsync<IOException>(() => Deadline.RunAsync(_ => Task.FromException(new IOException("reset")), TimeSpan.FromSeconds(10), source));
        using var cancelled = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Deadline.RunAsync(t => Task.Delay(Timeout.Infinite, t), TimeSpan.FromSeconds(10), cancelled));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_overall_limit_ends_a_tls_handshake_that_each_step_would_still_wait_for()
    {
        await using var server = new LoopbackServer(SmtpScript.Server(SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250-mx.example.com
            S: 250 STARTTLS
            C: STARTTLS
            S: 220 go ahead
            *: stall
            """)));
        var result = await Probe(server.Port);
        Assert.Equal(new ProbeFailure(ProbeStage.TlsHandshake, "the session took longer than the overall limit of 1 s"), result.Session.Failure);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_overall_limit_ends_a_greeting_that_each_step_would_still_wait_for()
    {
        await using var server = new LoopbackServer((stream, token) => Task.Delay(Timeout.Infinite, token));
        var result = await Probe(server.Port);
        Assert.Equal(new ProbeFailure(ProbeStage.Greeting, "the session took longer than the overall limit of 1 s"), result.Session.Failure);
    }

    /// <summary>Each step may take 60 s, the whole session 1 s: only the overall limit can end it.</summary>
    private static Task<ProbeResult> Probe(int port) => new SmtpProber().ProbeAsync(new ProbeOptions
    {
        Host = "127.0.0.1",
        Port = port,
        StepTimeout = TimeSpan.FromSeconds(60),
        OverallTimeout = TimeSpan.FromSeconds(1),
        HeloName = "client.example.org",
    }, TestContext.Current.CancellationToken);
}
