using System.Net;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Probe;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Probe;

/// <summary>
/// <c>--compare</c>: the real Exim on loopback against a Postfix config read by the real dialect,
/// whose port 25 listener offers STARTTLS with a generic banner.
/// </summary>
public class CompareTests(EximDaemon exim) : IClassFixture<EximDaemon>
{
    private const string MainCf = """
        smtpd_banner = $myhostname ESMTP
        smtpd_tls_security_level = may
        smtpd_tls_cert_file = /etc/ssl/certs/mx.pem
        smtpd_tls_key_file = /etc/ssl/private/mx.key

        """;

    private static MtaConfig Config(string mainCf = MainCf)
    {
        var analysis = new PostfixDialect().Analyze([new SourceFile("main.cf", mainCf)], new AnalysisOptions("mx.example.com"));
        Assert.True(analysis.Succeeded, string.Join("; ", analysis.Errors.Select(e => e.Message)));
        return analysis.Config!;
    }

    private static async Task<IReadOnlyList<Diagnostic>> ProbeAndCompare(int port, MtaConfig configured)
    {
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "mx.example.com",
            ConnectTo = [IPAddress.Loopback],
            Port = port,
            HeloName = "client.example.org",
        }, TestContext.Current.CancellationToken);
        var wire = WireModel.Build(result.Session with { Configured = configured });
        return new WireLinter(WireLinter.DefaultRules).Lint(wire).Diagnostics;
    }

    [Fact(Timeout = 60_000)]
    public async Task Generic_config_banner_against_a_versioned_greeting()
    {
        var diagnostics = await ProbeAndCompare(exim.Port, Config());
        var banner = Assert.Single(diagnostics, d => d.RuleId == "MTA421");
        Assert.StartsWith("mx.example.com ESMTP Exim 4.96 ", banner.Finding.Location!.Text); // the greeting, where the version is
        Assert.Contains(banner.Finding.Notes, n => n == "config renders: 220 mx.example.com ESMTP (main.cf:1:1)");
        Assert.Contains(banner.Finding.Notes, n => n.StartsWith("wire shows:     220 mx.example.com ESMTP Exim 4.96 ", StringComparison.Ordinal));
        // STARTTLS works on the wire as the config says: no disagreement there.
        Assert.DoesNotContain(diagnostics, d => d.RuleId == "MTA420");
    }

    [Fact(Timeout = 60_000)]
    public async Task Config_matching_the_greeting_is_no_disagreement()
    {
        // Exim's default greeting, as a Postfix banner would render it: the date varies, so it is not compared.
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions { Host = "127.0.0.1", Port = exim.Port }, TestContext.Current.CancellationToken);
        var greeting = result.Session.Greeting!.Texts[0];
        var withoutDate = greeting[..greeting.IndexOf(" Exim 4.96", StringComparison.Ordinal)] + " Exim 4.96";
        var diagnostics = await ProbeAndCompare(exim.Port, Config(MainCf.Replace("$myhostname ESMTP", withoutDate + " $whatever")));
        Assert.DoesNotContain(diagnostics, d => d.RuleId == "MTA421");
    }

    [Fact(Timeout = 60_000)]
    public async Task Config_offers_starttls_but_the_fixup_masks_it()
    {
        await using var proxy = new FixupProxy(exim.Port);
        var diagnostics = await ProbeAndCompare(proxy.Port, Config());
        var startTls = Assert.Single(diagnostics, d => d.RuleId == "MTA420");
        Assert.Contains("XXXXXXXA", startTls.Finding.Location!.Text); // the EHLO reply, where STARTTLS is masked
        Assert.Contains(startTls.Finding.Notes, n => n == "config: smtpd_tls_security_level = may (main.cf:2:1)");
        var banner = Assert.Single(diagnostics, d => d.RuleId == "MTA421");
        Assert.Contains("the wire shows it masked", banner.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Config_without_tls_is_no_starttls_disagreement()
    {
        await using var proxy = new FixupProxy(exim.Port);
        var diagnostics = await ProbeAndCompare(proxy.Port, Config("smtpd_banner = $myhostname ESMTP\n"));
        Assert.DoesNotContain(diagnostics, d => d.RuleId == "MTA420");
    }
}
