using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>The common model as the Postfix dialect builds it.</summary>
public sealed class PostfixExtractorTests
{
    private static readonly AnalysisOptions Options = new("mx.example.com");

    private static MtaConfig Analyze(string main, string? master = null)
    {
        var files = new List<SourceFile> { new("main.cf", main) };
        if (master is not null)
        {
            files.Add(new SourceFile("master.cf", master));
        }

        var result = new PostfixDialect().Analyze(files, Options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        return result.Config!;
    }

    [Fact]
    public void Without_master_cf_there_is_the_default_port_25_service()
    {
        var service = Assert.Single(Analyze("myhostname = mx.example.com\n").Services);
        Assert.Equal(("smtp", 25, false, false), (service.Name, service.Port, service.LocalOnly, service.ExpectsImplicitTls));
        Assert.Null(service.Definition);
        Assert.Equal("mx.example.com ESMTP Postfix", service.Banner.Rendered);
    }

    [Fact]
    public void Listeners_come_from_smtpd_and_postscreen_inet_entries_with_their_ports()
    {
        var master = "smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\n  -o smtpd_banner=$myhostname\n"
            + "127.0.0.1:smtp inet n - y - - smtpd\n[::1]:2525 inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n"
            + "smtps inet n - y - - smtpd\n  -o smtpd_tls_wrappermode=yes\nsubmissions inet n - y - - smtpd\nrelay unix - - y - - smtp\n";
        var services = Analyze("x = 1\n", master).Services;
        Assert.Equal(
            [("smtp", 25, false, false), ("127.0.0.1:smtp", 25, true, false), ("[::1]:2525", 2525, true, false), ("submission", 587, false, false), ("smtps", 465, false, true), ("submissions", 465, false, true)],
            services.Select(s => (s.Name, s.Port ?? 0, s.LocalOnly, s.ExpectsImplicitTls)));
        Assert.Equal("mx.example.com", services[0].Banner.Rendered); // postscreen hands over to the smtpd pass entry
        Assert.Equal(TlsLevel.Implicit, services[4].Tls.Level);
    }

    [Fact]
    public void Loopback_inet_interfaces_make_every_listener_local()
    {
        Assert.True(Assert.Single(Analyze("inet_interfaces = loopback-only\n").Services).LocalOnly);
        Assert.True(Assert.Single(Analyze("inet_interfaces = 127.0.0.1, [::1]\n").Services).LocalOnly);
        Assert.False(Assert.Single(Analyze("inet_interfaces = all\n").Services).LocalOnly);
    }

    [Fact]
    public void Overrides_apply_to_their_service_only_and_may_reference_main_cf_parameters()
    {
        var config = Analyze("greeting = $myhostname ESMTP ready\nsmtpd_tls_security_level = may\n",
            "smtp inet n - y - - smtpd\nsubmission inet n - y - - smtpd\n  -o { smtpd_banner = $greeting }\n  -o smtpd_tls_security_level=encrypt\n");
        Assert.Equal(["mx.example.com ESMTP Postfix", "mx.example.com ESMTP ready"], config.Services.Select(s => s.Banner.Rendered));
        Assert.Equal([TlsLevel.Opportunistic, TlsLevel.Mandatory], config.Services.Select(s => s.Tls.Level));
        Assert.Equal("master.cf", config.Services[1].Tls.LevelSetting.ValueSpan!.File.Path);
        Assert.Contains("greeting", config.EffectiveSettings.Keys); // used from master.cf, so postconf -n prints it
    }

    [Fact]
    public void Banner_parts_say_where_the_host_name_product_and_version_come_from()
    {
        var text = "greeting = ESMTP $mail_version\nsmtpd_banner = $myhostname $greeting $mail_name (Debian/GNU)\n";
        var banner = Assert.Single(Analyze(text).Services).Banner;
        var parts = banner.Parts.Where(p => p.Raw.Trim().Length > 0).ToList();
        Assert.Equal(
            [("$myhostname", BannerPartKind.Hostname, null), ("ESMTP", BannerPartKind.Literal, "greeting"), ("$mail_version", BannerPartKind.Version, "greeting"), ("$mail_name", BannerPartKind.Product, null), ("(Debian/GNU)", BannerPartKind.Literal, null)],
            parts.Select(p => (p.Raw, p.Kind, p.Via)));
        Assert.Equal("mx.example.com ESMTP 3.7.11 Postfix (Debian/GNU)", banner.Rendered);
        var os = parts[^1].Span!;
        Assert.Equal("(Debian/GNU)", os.Text);
        Assert.Equal(new LinePosition(2, 49), os.Start);
        Assert.Equal("$myhostname ESMTP", banner.RecommendedRaw);
    }

    [Fact]
    public void Tls_reads_levels_legacy_switches_certificates_and_both_protocol_syntaxes()
    {
        var tls = Assert.Single(Analyze("smtpd_use_tls = yes\nsmtpd_tls_cert_file = /c.pem\nsmtpd_tls_protocols = !SSLv2, !SSLv3\nsmtpd_tls_mandatory_protocols = >=TLSv1.2\n").Services).Tls;
        Assert.Equal(TlsLevel.Opportunistic, tls.Level);
        Assert.True(tls.HasCertificate); // the key defaults to the certificate file
        Assert.Equal([TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1, TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3], tls.Protocols!.Enabled.Order());
        Assert.Equal([TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3], tls.MandatoryProtocols!.Enabled.Order());
        Assert.Equal("smtpd_tls_security_level", tls.LevelSetting.Name);
        Assert.Equal("may", tls.OpportunisticRaw);

        var off = Assert.Single(Analyze("smtpd_use_tls = yes\nsmtpd_tls_security_level = none\n").Services).Tls;
        Assert.Equal(TlsLevel.None, off.Level); // the level wins over the legacy switch
        Assert.False(off.HasCertificate);
    }

    [Fact]
    public void Relay_recognises_everyone_networks_and_the_restrictions_smtpd_applies()
    {
        var relay = Assert.Single(Analyze("mynetworks = 127.0.0.0/8 [::]/0, 0/0 10.0.0.0/8\nsmtpd_relay_restrictions = permit_mynetworks reject_unauth_destination\n").Services).Relay;
        Assert.Equal([false, true, true, false], relay.TrustedNetworks.Select(n => n.Everyone));
        Assert.Equal("[::]/0", relay.TrustedNetworks[1].Span!.Text);
        Assert.True(relay.RestrictsUnauthorizedDestinations);

        var open = Assert.Single(Analyze("smtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination\nsmtpd_recipient_restrictions = permit_mynetworks, reject\n").Services).Relay;
        Assert.True(open.RestrictsUnauthorizedDestinations); // the recipient list still refuses

        // smtpd stops reading a list at a plain permit: neither list works, so it refuses to start (MTA307), and relays nothing.
        var permit = Analyze("smtpd_relay_restrictions = permit, reject_unauth_destination\nsmtpd_recipient_restrictions = permit, reject\n");
        Assert.True(Assert.Single(permit.Services).Relay.RestrictsUnauthorizedDestinations);
        Assert.Contains(permit.StartupFailures, f => f.Message.Contains("specify at least one working instance", StringComparison.Ordinal));
    }

    [Fact]
    public void Vrfy_expn_and_auth_policies()
    {
        var service = Assert.Single(Analyze("smtpd_sasl_auth_enable = yes\n").Services);
        Assert.True(service.Vrfy.Enabled);
        Assert.Equal("disable_vrfy_command = yes\n", service.Vrfy.DisableEdit!.NewText);
        Assert.False(service.Expn.Enabled);
        Assert.True(service.Auth.Offered);
        Assert.False(service.Auth.RequiresTls);
        Assert.Equal(("smtpd_tls_auth_only", "yes"), (service.Auth.RequireTlsSetting!.Name, service.Auth.RequireTlsRaw));
    }

    [Fact]
    public void Assignments_references_and_known_names_follow_postconf()
    {
        var config = Analyze("myhostnme = typo\nhelper = x\nrelayhost = $helper $nowhere\nrelayhost = [relay]\n");
        Assert.Equal([("myhostnme", false), ("helper", false), ("relayhost", true), ("relayhost", true)], config.Assignments.Select(a => (a.Name, a.IsKnown)));
        // Only the value that wins is scanned for $names: the overridden relayhost does not make helper used.
        Assert.DoesNotContain("helper", config.EffectiveSettings.Keys);
        Assert.Equal([("helper", true), ("nowhere", false)], config.References.Select(r => (r.Name, r.IsDefined)));
        Assert.Contains("myhostname", config.KnownSettingNames);
        Assert.Contains("relay_destination_concurrency_limit", config.KnownSettingNames); // from the stock master.cf
    }

    [Fact]
    public void A_legacy_parameter_postfix_still_knows_is_defined()
    {
        // Postfix's own default of smtpd_client_event_limit_exceptions, written out in a real main.cf
        // (gnuu-de/serverconfig): postconf -n gives no "undefined parameter" warning for it.
        var config = Analyze("smtpd_client_event_limit_exceptions = ${smtpd_client_connection_limit_exceptions:$mynetworks}\n");
        Assert.Equal([("smtpd_client_connection_limit_exceptions", true), ("mynetworks", true)], config.References.Select(r => (r.Name, r.IsDefined)));
    }

    [Fact]
    public void Deprecated_tls_switches_are_replaced_by_the_level_they_amount_to()
    {
        var main = "smtpd_use_tls = yes\nsmtpd_enforce_tls = no\nsmtp_use_tls = yes\n";
        var config = Analyze(main);
        Assert.Equal(
            [
                ("smtpd_use_tls", "replace smtpd_use_tls and smtpd_enforce_tls with smtpd_tls_security_level = may"),
                ("smtpd_enforce_tls", "replace smtpd_use_tls and smtpd_enforce_tls with smtpd_tls_security_level = may"),
                ("smtp_use_tls", "replace smtp_use_tls with smtp_tls_security_level = may"),
            ],
            config.Deprecated.Select(d => (d.Setting.Name, d.Remedy)));
        var fixedFiles = Fixer.Apply(config.Files, config.Deprecated.DistinctBy(d => d.Remedy).SelectMany(d => d.Edits));
        Assert.Equal("smtpd_tls_security_level = may\nsmtp_tls_security_level = may\n", fixedFiles[0].Text);
    }

    [Theory]
    [InlineData("a = 1\n", "smtpd_tls_security_level", "may", "a = 1\nsmtpd_tls_security_level = may\n")]
    [InlineData("a = 1", "smtpd_tls_security_level", "may", "a = 1\nsmtpd_tls_security_level = may\n")]
    [InlineData("a = 1\r\n", "disable_vrfy_command", "yes", "a = 1\r\ndisable_vrfy_command = yes\r\n")]
    [InlineData("smtpd_tls_security_level = none # old\n", "smtpd_tls_security_level", "may", "smtpd_tls_security_level = may\n")]
    [InlineData("smtpd_tls_security_level =\n", "smtpd_tls_security_level", "may", "smtpd_tls_security_level = may\n")]
    [InlineData("smtpd_banner = $myhostname\n  ESMTP $mail_name\nx = 1\n", "smtpd_banner", "$myhostname ESMTP", "smtpd_banner = $myhostname ESMTP\nx = 1\n")]
    public void Main_cf_edits_replace_the_value_or_append_an_assignment(string main, string name, string raw, string expected)
    {
        var config = Analyze(main);
        var service = config.Services[0];
        var value = name switch
        {
            "smtpd_tls_security_level" => service.Tls.LevelSetting,
            "disable_vrfy_command" => service.Vrfy.Setting,
            _ => service.Banner.Setting,
        };
        Assert.Equal(expected, Fixer.Apply(config.Files, [value.SetTo(raw)])[0].Text);
    }

    [Fact]
    public void Master_cf_edits_stay_inside_the_o_and_switch_to_braces_for_blanks()
    {
        var master = "submission inet n - y - - smtpd\n  -o smtpd_banner=$myhostname\n  -o smtpd_tls_security_level=none\n";
        var config = Analyze("x = 1\n", master);
        var service = config.Services[0];
        var edited = Fixer.Apply(config.Files, [service.Banner.Setting.SetTo("$myhostname ESMTP"), service.Tls.LevelSetting.SetTo("may")]);
        Assert.Equal("submission inet n - y - - smtpd\n  -o { smtpd_banner = $myhostname ESMTP }\n  -o smtpd_tls_security_level=may\n", edited[1].Text);
    }

    [Fact]
    public void Values_postfix_cannot_expand_are_syntax_errors_only_for_used_parameters()
    {
        var bad = new PostfixDialect().Analyze([new SourceFile("main.cf", "smtpd_banner = $myhostname $ x\n")], Options);
        var error = Assert.Single(bad.Errors);
        Assert.Equal(new LinePosition(1, 28), error.Location.Start);
        Assert.True(new PostfixDialect().Analyze([new SourceFile("main.cf", "unused_thing = ${oops\n")], Options).Succeeded);
    }

    [Theory]
    [InlineData("/etc/postfix/main.cf", true)]
    [InlineData("/etc/postfix/master.cf", true)]
    [InlineData("main.cf.debian", true)]
    [InlineData("main.cf.dist", true)]
    [InlineData("master.cf.dist", true)]
    [InlineData("postfix-main.cf", true)]
    [InlineData("templates/postfix_main.cf.j2", true)]
    [InlineData("domain.cfg", false)]
    [InlineData("exim4.conf", false)]
    public void Files_are_recognised_by_name(string path, bool expected) =>
        Assert.Equal(expected, new PostfixDialect().Recognizes(path, () => string.Empty));

    [Fact]
    public void A_main_cf_is_grouped_with_the_master_cf_beside_it()
    {
        var units = new PostfixDialect().Group(["/a/main.cf", "/a/master.cf", "/b/main.cf", "/c/x_main.cf", "/c/x_master.cf", "/c/y_master.cf"]);
        Assert.Equal(
            ["/a/main.cf|/a/master.cf", "/b/main.cf", "/c/x_main.cf|/c/x_master.cf", "/c/y_master.cf"],
            units.Select(u => string.Join("|", u.Paths)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("a b c", "a b c")]
    [InlineData("", "")]
    [InlineData("x", "x")]
    [InlineData("  a  b ", "a b")]
    [InlineData("a\tb\nc\r\nd", "a b c d")]
    [InlineData("a \v\f b", "a b")]
    [InlineData(" \t\n ", "")]
    [InlineData("a,  b", "a, b")]
    public void Values_fold_blank_runs_to_one_space_as_postconf_prints_them(string value, string expected)
    {
        Assert.Equal(expected, Model.Postfix.PostfixExtractor.Fold(value));
    }

    [Fact]
    public void A_folded_value_is_returned_as_it_is()
    {
        var value = "permit_mynetworks, reject";
        Assert.Same(value, Model.Postfix.PostfixExtractor.Fold(value));
    }

    [Fact]
    public void Known_names_are_the_built_in_service_defined_and_used_user_defined_ones_each_once()
    {
        var config = Analyze("my_list = a\nmy_unused = b\nsmtpd_client_restrictions = $my_list\n",
            "smtp inet n - y - - smtpd\nrelay2 unix - - n - - smtp\ndefault unix - - n - - smtp\n");
        var known = config.KnownSettingNames.ToList();
        Assert.Equal(known.Count, known.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(known.Count, config.KnownSettingNames.Count);
        Assert.Contains("smtpd_banner", known);
        Assert.Contains("fallback_relay", known); // legacy: an old name Postfix still reads
        Assert.Contains("relay2_delivery_slot_cost", known); // defined by a service running smtp
        Assert.Contains("default_delivery_slot_cost", known); // built in, and defined by the service named default too: once
        Assert.Contains("my_list", known);
        Assert.DoesNotContain("my_unused", known);
    }
}
