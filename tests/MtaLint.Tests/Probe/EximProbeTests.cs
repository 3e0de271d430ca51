using System.Net;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Probe;
using MtaLint.Rules;

namespace MtaLint.Tests.Probe;

/// <summary>The probe against Debian's real Exim daemon on loopback, directly and through a fixup-emulating proxy.</summary>
public class EximProbeTests(EximDaemon exim) : IClassFixture<EximDaemon>
{
    private static ProbeOptions Options(int port, string host = "mx.example.com") => new()
    {
        Host = host,
        ConnectTo = [IPAddress.Loopback],
        Port = port,
        HeloName = "client.example.org",
        StepTimeout = TimeSpan.FromSeconds(10),
    };

    private static async Task<(ObservedSession Session, IReadOnlyList<Diagnostic> Diagnostics)> Probe(ProbeOptions options)
    {
        var result = await new SmtpProber().ProbeAsync(options, TestContext.Current.CancellationToken);
        var diagnostics = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(result.Session)).Diagnostics;
        return (result.Session, diagnostics);
    }

    private static string Ids(IEnumerable<Diagnostic> diagnostics) => string.Join(" ", diagnostics.Select(d => d.RuleId).Distinct().Order());

    [Fact(Timeout = 60_000)]
    public async Task Real_exim_shows_its_version_and_date_and_a_clean_starttls()
    {
        var (session, diagnostics) = await Probe(Options(exim.Port));

        Assert.Null(session.Failure);
        var greeting = Assert.Single(session.Greeting!.Lines);
        Assert.Matches(@"^220 mx\.example\.com ESMTP Exim 4\.96 \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$", greeting);
        Assert.Contains("STARTTLS", session.Extensions);
        Assert.Equal(220, session.StartTlsReply?.Code);
        Assert.Null(session.TlsHandshakeError);
        Assert.True(session.Tls!.Protocol >= TlsProtocol.TlsV1_2, session.Tls.ProtocolName);
        Assert.Equal(250, session.EhloAfterTls?.Code);
        Assert.DoesNotContain("STARTTLS", session.ExtensionsAfterTls);
        Assert.EndsWith("S: 221 mx.example.com closing connection\n", session.Transcript.Text);

        // Exim's built-in certificate: self-signed, for the primary host name, valid for a short while.
        var cert = session.Tls.Certificate!;
        Assert.True(cert.SelfSigned);
        Assert.True(cert.MatchesHost);
        Assert.Contains("mx.example.com", cert.DnsNames);
        Assert.InRange(session.ObservedAt, cert.NotBefore, cert.NotAfter);

        // STARTTLS is clean: nothing masked, refused, missing or failed. The certificate is only untrusted.
        Assert.DoesNotContain(diagnostics, d => d.RuleId is "MTA401" or "MTA402" or "MTA403" or "MTA404" or "MTA405" or "MTA406" or "MTA407" or "MTA409" or "MTA410" or "MTA412");
        var untrusted = Assert.Single(diagnostics, d => d.RuleId == "MTA408");
        Assert.Equal(session.Tls.TranscriptLine + 1, untrusted.Start?.Line); // the certificate's note, after the handshake's

        // The banner rules run on the greeting as on a config: Exim's default shows its version and the date.
        var version = Assert.Single(diagnostics, d => d.RuleId == "MTA101");
        Assert.Equal("4.96", version.Finding.Location!.Text);
        Assert.Equal($"mx.example.com:{exim.Port} (greeting)", version.Path);
        Assert.Contains(diagnostics, d => d.RuleId == "MTA109");
        Assert.All(diagnostics, d => Assert.Null(d.Fix));
    }

    [Fact(Timeout = 60_000)]
    public async Task Banner_rules_run_unchanged_on_the_greeting_and_point_into_it()
    {
        var result = await new SmtpProber().ProbeAsync(Options(exim.Port), TestContext.Current.CancellationToken);
        var wire = WireModel.Build(result.Session);
        var greeting = wire.Files[0];
        Assert.Equal($"mx.example.com:{exim.Port} (greeting)", greeting.Path);

        var version = Assert.Single(RuleCatalog.Find("MTA101")!.Check(wire));
        Assert.Same(greeting, version.File);
        Assert.Equal("4.96", version.Location!.Text);
        Assert.Null(version.Fix);

        var date = Assert.Single(RuleCatalog.Find("MTA109")!.Check(wire));
        Assert.Matches(@"^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$", date.Location!.Text);

        var product = Assert.Single(RuleCatalog.Find("MTA103")!.Check(wire));
        Assert.Equal("Exim", product.Location!.Text);

        // The greeting starts with a host name and says ESMTP: nothing for those rules.
        Assert.Empty(RuleCatalog.Find("MTA104")!.Check(wire));
        Assert.Empty(RuleCatalog.Find("MTA105")!.Check(wire));
    }

    [Fact(Timeout = 60_000)]
    public async Task Real_exim_by_address_compares_the_certificate_with_the_greeting_name()
    {
        var (session, diagnostics) = await Probe(Options(exim.Port, host: "127.0.0.1"));
        Assert.False(session.Tls!.Certificate!.MatchesHost);
        Assert.DoesNotContain(diagnostics, d => d.RuleId is "MTA407" or "MTA410");
    }

    [Fact(Timeout = 60_000)]
    public async Task Real_exim_with_starttls_off_sends_no_starttls()
    {
        var (session, diagnostics) = await Probe(Options(exim.Port) with { StartTls = StartTlsMode.Off });
        Assert.Null(session.StartTlsReply);
        Assert.Null(session.Tls);
        Assert.DoesNotContain("C: STARTTLS", session.Transcript.Text);
        Assert.Contains("STARTTLS advertised; not sent (--starttls off)", session.Transcript.Text);
        Assert.DoesNotContain(diagnostics, d => d.RuleId is "MTA404" or "MTA405");
    }

    [Fact(Timeout = 60_000)]
    public async Task Through_a_fixup_the_banner_is_masked_and_starttls_mangled_and_the_mask_is_not_the_cause()
    {
        await using var proxy = new FixupProxy(exim.Port);
        var (session, diagnostics) = await Probe(Options(proxy.Port));

        Assert.Null(session.Failure);
        Assert.Matches(@"^220 [*20 ]+$", session.Greeting!.Lines[0]);
        Assert.DoesNotContain("STARTTLS", session.Extensions);
        Assert.Contains("XXXXXXXA", session.Extensions);
        Assert.Null(session.StartTlsReply);
        Assert.Null(session.Tls);

        Assert.Equal("MTA401 MTA402", Ids(diagnostics.Where(d => d.Severity >= Severity.Warning)));
        var masked = Assert.Single(diagnostics, d => d.RuleId == "MTA401");
        Assert.StartsWith($"mx.example.com:{proxy.Port} (greeting)", masked.Path);
        Assert.Equal(new Text.LinePosition(1, 5), masked.Start);

        var mangled = Assert.Single(diagnostics, d => d.RuleId == "MTA402");
        Assert.Contains("The masked greeting is a side effect of the same inspection, not the cause.", mangled.Message);
        Assert.Equal("XXXXXXXA", mangled.Finding.Location!.Text);
    }

    [Fact(Timeout = 60_000)]
    public async Task Through_a_fixup_that_rewrites_only_the_command_exim_refuses_it_as_unknown()
    {
        await using var proxy = new FixupProxy(exim.Port, hideStartTls: false);
        var (session, diagnostics) = await Probe(Options(proxy.Port));

        Assert.Contains("STARTTLS", session.Extensions);
        Assert.Equal(500, session.StartTlsReply?.Code);
        Assert.Null(session.Tls);
        var refused = Assert.Single(diagnostics, d => d.RuleId == "MTA403");
        Assert.StartsWith("500 ", refused.Finding.Location!.Text); // the reply to STARTTLS
        Assert.Contains("The masked greeting is not the cause", refused.Message);
        var masked = Assert.Single(diagnostics, d => d.RuleId == "MTA401");
        Assert.Contains("STARTTLS was turned into an unknown command on the way", masked.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Masking_only_the_banner_leaves_starttls_working()
    {
        await using var proxy = new FixupProxy(exim.Port, hideStartTls: false, rewriteStartTlsCommand: false);
        var (session, diagnostics) = await Probe(Options(proxy.Port));

        Assert.Equal(220, session.StartTlsReply?.Code);
        Assert.Null(session.TlsHandshakeError);
        Assert.NotNull(session.Tls);
        Assert.Equal(250, session.EhloAfterTls?.Code);
        var masked = Assert.Single(diagnostics, d => d.RuleId == "MTA401");
        Assert.Contains("the mask does not affect TLS, and STARTTLS went through here", masked.Message);
        Assert.DoesNotContain(diagnostics, d => d.RuleId is "MTA402" or "MTA403" or "MTA404" or "MTA405");
    }
}
