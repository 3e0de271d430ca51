using MtaLint.Model;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Exim;

/// <summary>The common model of Exim configs, checked against what the real Exim says in an SMTP session where it can.</summary>
public class EximModelTests
{
    private static string Session(string config, string commands)
    {
        var path = EximSyntaxTests.WriteTemp(config);
        return EximTestHost.RunEximWithInput(commands + "QUIT\r\n", "-C", path, "-bs").Stdout;
    }

    [Fact]
    public void Default_banner_has_hostname_product_version_and_time()
    {
        var config = EximTestHost.Config("primary_hostname = mx.example.com\n");
        var banner = config.Services[0].Banner;
        Assert.True(banner.Setting.IsDefault);
        Assert.Equal("$smtp_active_hostname ESMTP Exim $version_number $tod_full", banner.Setting.Raw);
        Assert.Equal("mx.example.com ESMTP Exim 4.96 Sun, 22 Nov 2026 03:22:41 +0000", banner.Rendered);
        Assert.Equal(
            [BannerPartKind.Hostname, BannerPartKind.Literal, BannerPartKind.Product, BannerPartKind.Literal, BannerPartKind.Version, BannerPartKind.Literal, BannerPartKind.Timestamp],
            banner.Parts.Select(p => p.Kind));
        Assert.Equal("$smtp_active_hostname ESMTP", banner.RecommendedRaw);
    }

    [Fact]
    public void Banner_parts_point_into_the_macro_definition_and_name_the_macro()
    {
        var config = EximTestHost.Config("V = $version_number\nsmtp_banner = $primary_hostname ESMTP V\n");
        var version = Assert.Single(config.Services[0].Banner.Parts, p => p.Kind == BannerPartKind.Version);
        Assert.Equal("V", version.Via);
        Assert.Equal(new MtaLint.Text.LinePosition(1, 5), version.Span!.Start);
    }

    [Fact]
    public void Version_inside_an_expansion_item_is_a_version_part()
    {
        var config = EximTestHost.Config("smtp_banner = $smtp_active_hostname ESMTP ${if def:tls_in_cipher{Exim $version_number}{}}\n");
        Assert.Contains(config.Services[0].Banner.Parts, p => p.Kind == BannerPartKind.Version && p.Raw.StartsWith("${if", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_line_banner_renders_as_exim_sends_it()
    {
        const string text = "primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname ESMTP\\nno UCE\n";
        var banner = EximTestHost.Config(text).Services[0].Banner;
        Assert.Equal(["220-mx.example.com ESMTP", "220 no UCE"], banner.ReplyLines);
        Assert.StartsWith("220-mx.example.com ESMTP\r\n220 no UCE\r\n", Session(text, string.Empty));
    }

    [Fact]
    public void Listeners_come_from_daemon_smtp_ports_and_tls_on_connect_ports()
    {
        var config = EximTestHost.Config("daemon_smtp_ports = smtp : 465 : submission\ntls_on_connect_ports = 465\n");
        Assert.Equal([25, 465, 587], config.Services.Select(s => s.Port!.Value));
        Assert.Equal([false, true, false], config.Services.Select(s => s.ExpectsImplicitTls));
        Assert.Equal(TlsLevel.Implicit, config.Services[1].Tls.Level);
        Assert.True(config.Services[0].IsPublicMx);
    }

    [Fact]
    public void Default_listener_is_port_25_on_every_interface()
    {
        var service = Assert.Single(EximTestHost.Config("").Services);
        Assert.Equal(25, service.Port);
        Assert.False(service.LocalOnly);
        Assert.True(EximTestHost.Config("local_interfaces = <; 127.0.0.1 ; ::1\n").Services[0].LocalOnly);
    }

    [Fact]
    public void Starttls_is_offered_by_default_but_without_a_configured_certificate()
    {
        var tls = EximTestHost.Config("").Services[0].Tls;
        Assert.Equal(TlsLevel.Opportunistic, tls.Level);
        Assert.False(tls.HasCertificate);
        Assert.Contains("250-STARTTLS", Session("", "EHLO x\r\n"));
    }

    [Fact]
    public void Empty_tls_advertise_hosts_turns_starttls_off()
    {
        const string text = "tls_advertise_hosts =\n";
        var tls = EximTestHost.Config(text).Services[0].Tls;
        Assert.Equal(TlsLevel.None, tls.Level);
        Assert.False(tls.LevelSetting.IsDefault);
        Assert.DoesNotContain("STARTTLS", Session(text, "EHLO x\r\n"));
    }

    [Fact]
    public void Certificate_and_protocols()
    {
        var tls = EximTestHost.Config("tls_certificate = /c.pem\ntls_privatekey = /k.pem\ntls_require_ciphers = NORMAL:-VERS-TLS1.0:-VERS-TLS1.1\n").Services[0].Tls;
        Assert.True(tls.HasCertificate);
        Assert.Equal("/k.pem", tls.PrivateKey!.Raw);
        Assert.Equal(new HashSet<TlsProtocol> { TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3 }, tls.Protocols!.Enabled);
        var legacy = EximTestHost.Config("openssl_options = -no_sslv3\n").Services[0].Tls.Protocols!;
        Assert.Contains(TlsProtocol.SslV3, legacy.Enabled);
        Assert.Equal("openssl_options", legacy.Setting.Name);
    }

    [Fact]
    public void Vrfy_and_expn_are_refused_without_their_acls()
    {
        var service = EximTestHost.Config("").Services[0];
        Assert.False(service.Vrfy.Enabled);
        Assert.False(service.Expn.Enabled);
        var session = Session("", "VRFY root\r\nEXPN root\r\n");
        Assert.Contains("252 Administrative prohibition", session);
        Assert.Contains("550 Administrative prohibition", session);
    }

    [Fact]
    public void Vrfy_acl_that_accepts_enables_vrfy_and_the_fix_removes_it()
    {
        const string text = "acl_smtp_vrfy = acl_vrfy\nbegin acl\nacl_vrfy:\n  accept\n";
        var config = EximTestHost.Config(text);
        var vrfy = config.Services[0].Vrfy;
        Assert.True(vrfy.Enabled);
        Assert.DoesNotContain("252 Administrative prohibition", Session(text, "VRFY root\r\n"));
        var fixedText = MtaLint.Fixes.Fixer.Apply(config.Files, [vrfy.DisableEdit!])[0].Text;
        Assert.Equal("begin acl\nacl_vrfy:\n  accept\n", fixedText);
        Assert.Contains("252 Administrative prohibition", Session(fixedText, "VRFY root\r\n"));
    }

    [Fact]
    public void Relay_is_restricted_by_a_domains_requirement_before_the_final_accept()
    {
        const string text = """
            domainlist local_domains = example.com
            hostlist relay_from_hosts = 192.0.2.0/24
            acl_smtp_rcpt = rcpt
            begin acl
            rcpt:
              accept hosts = +relay_from_hosts
              require domains = +local_domains
              accept
            """;
        var relay = EximTestHost.Config(text).Services[0].Relay;
        Assert.True(relay.RestrictsUnauthorizedDestinations);
        var network = Assert.Single(relay.TrustedNetworks);
        Assert.Equal("192.0.2.0/24", network.Text);
        Assert.False(network.Everyone);
        Assert.Equal(2, network.Span!.Start.Line);
    }

    [Fact]
    public void Relay_open_to_everyone()
    {
        var open = EximTestHost.Config("hostlist relay_from_hosts = *\nacl_smtp_rcpt = rcpt\nbegin acl\nrcpt:\n  accept hosts = +relay_from_hosts\n  accept\n").Services[0].Relay;
        Assert.False(open.RestrictsUnauthorizedDestinations);
        Assert.True(Assert.Single(open.TrustedNetworks).Everyone);
        Assert.False(EximTestHost.Config("acl_smtp_rcpt = accept\n").Services[0].Relay.RestrictsUnauthorizedDestinations);
        // Without an RCPT ACL Exim refuses every recipient from a remote host.
        Assert.True(EximTestHost.Config("").Services[0].Relay.RestrictsUnauthorizedDestinations);
    }

    [Fact]
    public void Auth_offered_in_plaintext_unless_advertised_only_after_starttls()
    {
        const string open = "begin authenticators\nplain:\n  driver = plaintext\n  public_name = PLAIN\n  server_condition = yes\n";
        var auth = EximTestHost.Config(open).Services[0].Auth;
        Assert.True(auth.Offered);
        Assert.False(auth.RequiresTls);
        Assert.Contains("250-AUTH PLAIN", Session(open, "EHLO x\r\n"));

        var guarded = open + "  server_advertise_condition = ${if eq{$tls_in_cipher}{}{no}{yes}}\n";
        Assert.True(EximTestHost.Config(guarded).Services[0].Auth.RequiresTls);
        Assert.DoesNotContain("AUTH", Session(guarded, "EHLO x\r\n"));

        var fixedText = MtaLint.Fixes.Fixer.Apply(EximTestHost.Config(open).Files, [auth.RequireTlsSetting!.SetTo(auth.RequireTlsRaw!)])[0].Text;
        Assert.True(EximTestHost.Config(fixedText).Services[0].Auth.RequiresTls);
        Assert.DoesNotContain("AUTH", Session(fixedText, "EHLO x\r\n"));
    }

    [Fact]
    public void Client_tls_from_smtp_transports()
    {
        const string avoid = "begin transports\nremote:\n  driver = smtp\n  hosts_avoid_tls = *\n";
        var avoidConfig = EximTestHost.Config(avoid);
        var client = avoidConfig.ClientTls!;
        Assert.Equal(TlsLevel.None, client.Level);
        var fixedText = MtaLint.Fixes.Fixer.Apply(avoidConfig.Files, [client.LevelSetting.SetTo(client.OpportunisticRaw)])[0].Text;
        Assert.Equal("begin transports\nremote:\n  driver = smtp\n  hosts_avoid_tls =\n", fixedText);
        Assert.Equal(TlsLevel.Opportunistic, EximTestHost.Config(fixedText).ClientTls!.Level);
        Assert.Equal(TlsLevel.Opportunistic, EximTestHost.Config("begin transports\nremote:\n  driver = smtp\n").ClientTls!.Level);
        Assert.Equal(TlsLevel.Mandatory, EximTestHost.Config("begin transports\nremote:\n  driver = smtp\n  hosts_require_tls = *\n").ClientTls!.Level);
        Assert.Null(EximTestHost.Config("begin transports\nlocal:\n  driver = appendfile\n").ClientTls);
    }

    [Fact]
    public void Assignments_have_scopes_and_know_exim_options()
    {
        var config = EximTestHost.Config("qualify_domain = a\nno_accept_8bitmime\nqualifydomain = b\nav_scanner = clamd:/s\nbegin transports\nt:\n  driver = smtp\n");
        Assert.Equal(
            ["exim main qualify_domain True", "exim main accept_8bitmime True", "exim main qualifydomain False", "exim main av_scanner True", "exim transports t driver True"],
            config.Assignments.Select(a => $"{a.Scope} {a.Name} {a.IsKnown}"));
        Assert.Contains("qualify_domain", config.KnownSettingNames);
        Assert.Contains("spamd_address", config.KnownSettingNames);
    }
}
