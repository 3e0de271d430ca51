using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Probe;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Probe;

public class ProbeTargetTests
{
    [Theory]
    [InlineData("mx.example.com", "mx.example.com", null)]
    [InlineData("mx.example.com:587", "mx.example.com", 587)]
    [InlineData("192.0.2.1:25", "192.0.2.1", 25)]
    [InlineData("[2001:db8::1]:465", "2001:db8::1", 465)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("2001:db8::1", "2001:db8::1", null)]
    public void Parses_host_and_port(string text, string host, int? port)
    {
        Assert.True(ProbeTarget.TryParse(text, out var target, out var error), error);
        Assert.Equal(new ProbeTarget(host, port), target);
    }

    [Theory]
    [InlineData("mx.example.com:0", "'0' is not a port number (1-65535)")]
    [InlineData("mx.example.com:70000", "'70000' is not a port number (1-65535)")]
    [InlineData("mx.example.com:smtp", "'smtp' is not a port number (1-65535)")]
    [InlineData("[::1", "'[::1': missing ']' after the IPv6 address")]
    [InlineData("[::1]25", "'[::1]25': expected ':PORT' after ']'")]
    [InlineData(":25", "':25' is not a host name or address")]
    [InlineData("user@mx.example.com", "'user@mx.example.com' is not a host name or address")]
    [InlineData("a:b:c", "'a:b:c' is not an IPv6 address")]
    public void Rejects_what_is_not_a_target(string text, string message)
    {
        Assert.False(ProbeTarget.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }
}

/// <summary>Rules on observations built by hand, for what a loopback server cannot produce (a legacy TLS handshake, a clock skew).</summary>
public class ObservedSessionRuleTests
{
    private static ObservedSession Session(ObservedTls? tls, DateTimeOffset? at = null) => new()
    {
        Host = "mx.example.com",
        Port = 25,
        ObservedAt = at ?? new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero),
        Greeting = new SmtpReply(220, ["220 mx.example.com ESMTP"], 1),
        Ehlo = new SmtpReply(250, ["250-mx.example.com", "250 STARTTLS"], 3),
        Extensions = ["STARTTLS"],
        StartTlsReply = new SmtpReply(220, ["220 go ahead"], 6),
        Tls = tls,
        Transcript = new SourceFile("mx.example.com:25 (session)", "S: 220 mx.example.com ESMTP\nC: EHLO x\nS: 250-mx.example.com\nS: 250 STARTTLS\nC: STARTTLS\nS: 220 go ahead\n*: TLS handshake: Tls, TLS_RSA_WITH_AES_128_CBC_SHA\n*: certificate: ...\n"),
    };

    private static ObservedCertificate Certificate(DateTimeOffset from, DateTimeOffset to) =>
        new("CN=mx.example.com", "CN=R3, O=Let's Encrypt", ["mx.example.com"], from, to, false, true, true, [], "00");

    private static IReadOnlyList<Finding> Check(string id, ObservedSession session) =>
        RuleCatalog.Find(id)!.Check(WireModel.Build(session)).ToArray();

    [Fact]
    public void Legacy_protocol_is_reported_at_the_handshake_note()
    {
        var cert = Certificate(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
        var finding = Assert.Single(Check("MTA409", Session(new ObservedTls(TlsProtocol.TlsV1_0, "Tls", "TLS_RSA_WITH_AES_128_CBC_SHA", cert, 7))));
        Assert.Contains("negotiated Tls although this client offered TLS 1.2 and 1.3", finding.Message);
        Assert.Equal(new LinePosition(7, 4), finding.Location!.Start);
        Assert.Empty(Check("MTA409", Session(new ObservedTls(TlsProtocol.TlsV1_2, "Tls12", "x", cert, 7))));
    }

    [Fact]
    public void Certificate_not_yet_valid_is_reported_with_the_dates()
    {
        var at = new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
        var cert = Certificate(at.AddDays(1), at.AddDays(90));
        var finding = Assert.Single(Check("MTA406", Session(new ObservedTls(TlsProtocol.TlsV1_3, "Tls13", "x", cert, 7), at)));
        Assert.Contains("is not valid before 2026-11-23 04:00:00 UTC", finding.Message);
        Assert.Equal(8, finding.Location!.Start.Line);
        Assert.Empty(Check("MTA406", Session(new ObservedTls(TlsProtocol.TlsV1_3, "Tls13", "x", Certificate(at.AddDays(-1), at.AddDays(1)), 7), at)));
    }

    [Fact]
    public void Trusted_certificate_from_a_ca_is_not_reported()
    {
        var cert = Certificate(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
        Assert.Empty(Check("MTA408", Session(new ObservedTls(TlsProtocol.TlsV1_3, "Tls13", "x", cert, 7))));
        Assert.Single(Check("MTA408", Session(new ObservedTls(TlsProtocol.TlsV1_3, "Tls13", "x", cert with { ChainTrusted = false, ChainProblems = ["PartialChain: unable to get local issuer certificate"] }, 7))));
    }

    [Theory]
    [InlineData("220 ****************************2***0**0*0*****2**0**", true)]
    [InlineData("220 XXXXXXXXXXXXXX ESMTP", true)]
    [InlineData("220 ****** ESMTP", true)]
    [InlineData("220 mx.example.com ESMTP *** no UCE ***", false)]
    [InlineData("220 mx.example.com ESMTP", false)]
    [InlineData("220 XXX.example.com ESMTP", false)]
    public void Masked_greetings_are_told_from_decorated_ones(string greeting, bool masked)
    {
        var session = Session(null) with { Greeting = new SmtpReply(220, [greeting], 1) };
        Assert.Equal(masked, Check("MTA401", session).Count == 1);
    }

    [Fact]
    public void Multi_line_greeting_becomes_one_banner_whose_parts_point_into_the_greeting_file()
    {
        var session = Session(null) with { Greeting = new SmtpReply(220, ["220-mx.example.com ESMTP Exim 4.96", "220-no UCE", "220 see https://example.com/policy"], 1) };
        var config = WireModel.Build(session);
        var service = Assert.Single(config.Services);
        Assert.Equal(MtaKind.Wire, config.Mta);
        Assert.Equal("mx.example.com:25 (greeting)", config.Files[0].Path);
        Assert.Equal("mx.example.com ESMTP Exim 4.96\nno UCE\nsee https://example.com/policy", service.Banner.Rendered);
        Assert.Equal(session.Greeting!.Lines, service.Banner.ReplyLines);
        Assert.All(service.Banner.Parts, p => Assert.Equal(BannerPartKind.Literal, p.Kind));
        Assert.All(service.Banner.Parts, p => Assert.Equal(p.Raw, p.Span!.Text));
        Assert.Equal(new LinePosition(2, 5), service.Banner.Parts[1].Span!.Start);
    }

    [Fact]
    public void No_starttls_is_reported_once_by_the_wire_rule_and_an_advertised_vrfy_by_mta301()
    {
        var session = Session(null) with
        {
            Ehlo = new SmtpReply(250, ["250-mx.example.com", "250-VRFY", "250 8BITMIME"], 3),
            Extensions = ["VRFY", "8BITMIME"],
            StartTlsReply = null,
            Transcript = new SourceFile("mx.example.com:25 (session)", "S: 220 mx.example.com ESMTP\nC: EHLO x\nS: 250-mx.example.com\nS: 250-VRFY\nS: 250 8BITMIME\nC: QUIT\nS: 221 bye\n"),
        };
        var diagnostics = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(session)).Diagnostics;
        Assert.Equal(["MTA301", "MTA404"], diagnostics.Select(d => d.RuleId).Order().ToArray());
        var vrfy = diagnostics.Single(d => d.RuleId == "MTA301");
        Assert.Equal("VRFY", vrfy.Finding.Location!.Text);
        Assert.Null(vrfy.Fix);
    }

    [Fact]
    public void Masked_starttls_is_not_reported_as_starttls_missing_by_any_rule()
    {
        var session = Session(null) with
        {
            Ehlo = new SmtpReply(250, ["250-mx.example.com", "250 XXXXXXXA"], 3),
            Extensions = ["XXXXXXXA"],
            StartTlsReply = null,
            Transcript = new SourceFile("mx.example.com:25 (session)", "S: 220 mx.example.com ESMTP\nC: EHLO x\nS: 250-mx.example.com\nS: 250 XXXXXXXA\nC: QUIT\nS: 221 bye\n"),
        };
        var diagnostics = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(session)).Diagnostics;
        Assert.Equal(["MTA402"], diagnostics.Select(d => d.RuleId).ToArray());
    }
}
