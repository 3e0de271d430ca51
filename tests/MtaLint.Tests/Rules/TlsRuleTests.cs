using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Rules.Tls;

namespace MtaLint.Tests.Rules;

public sealed class TlsRuleTests
{
    private static ServerTls Tls(TestModel model, TlsLevel level, bool certificate = true, string levelSetting = "smtpd_tls_security_level") => new()
    {
        Level = level,
        LevelSetting = model.Setting(levelSetting),
        OpportunisticRaw = "may",
        HasCertificate = certificate,
        Certificate = model.Setting("smtpd_tls_cert_file"),
        PrivateKey = model.Setting("smtpd_tls_key_file"),
        ImplicitTlsSetting = model.Setting("smtpd_tls_wrappermode", "no"),
        ImplicitTlsRaw = "yes",
    };

    [Fact]
    public void Server_tls_off_is_fixed_safely_with_a_certificate()
    {
        var model = new TestModel("smtpd_tls_cert_file = /etc/ssl/mx.pem\n");
        model.Service().With(s => s.Tls = Tls(model, TlsLevel.None)).Add();
        var f = Assert.Single(model.Check(new Mta201TlsServerOff()));
        Assert.Null(f.Location);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal("smtpd_tls_cert_file = /etc/ssl/mx.pem\nsmtpd_tls_security_level = may\n", TestModel.Apply(f.Fix));
    }

    [Fact]
    public void Server_tls_off_without_a_certificate_has_no_fix_and_says_what_to_do_first()
    {
        var model = new TestModel("smtpd_tls_security_level = none\n");
        model.Service().With(s => s.Tls = Tls(model, TlsLevel.None, certificate: false)).Add();
        var f = Assert.Single(model.Check(new Mta201TlsServerOff()));
        Assert.Equal("none", f.Location!.Text[^4..]);
        Assert.Null(f.Fix);
        Assert.Contains("no certificate is configured, and without one the level alone turns nothing on (see MTA204): "
            + "set smtpd_tls_cert_file and smtpd_tls_key_file first, then smtpd_tls_security_level = may", f.Notes);
    }

    [Fact]
    public void Server_tls_off_where_the_certificate_is_the_switch_has_no_fix_and_names_the_certificate_settings()
    {
        var model = new TestModel("confSERVER_CERT = \n");
        var cert = model.Setting("confSERVER_CERT");
        model.Service().With(s => s.Tls = new ServerTls
        {
            Level = TlsLevel.None,
            LevelSetting = cert,
            OpportunisticRaw = "/etc/mail/tls/sendmail-server.crt",
            Certificate = cert,
            PrivateKey = model.Setting("confSERVER_KEY"),
            HasCertificate = false,
        }).Add();
        var f = Assert.Single(model.Check(new Mta201TlsServerOff()));
        Assert.Null(f.Fix);
        Assert.Contains("no certificate is configured, and STARTTLS needs one (see MTA204): set confSERVER_CERT and confSERVER_KEY to the server's certificate and key", f.Notes);
    }

    [Fact]
    public void Server_tls_off_without_a_certificate_is_fixed_safely_where_the_mta_makes_one_up()
    {
        var model = new TestModel("tls_advertise_hosts =\n");
        model.Service().With(s => s.Tls = new ServerTls
        {
            Level = TlsLevel.None,
            LevelSetting = model.Setting("tls_advertise_hosts"),
            OpportunisticRaw = "*",
            HasCertificate = false,
            SelfSignedFallback = true,
        }).Add();
        var f = Assert.Single(model.Check(new Mta201TlsServerOff()));
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal("tls_advertise_hosts = *  (needs a certificate: see MTA204)", f.Fix.Description);
    }

    [Fact]
    public void Tls_without_a_certificate_says_when_the_mta_falls_back_to_a_self_signed_one()
    {
        var model = new TestModel("tls_advertise_hosts = *\n");
        model.Service().With(s => s.Tls = new ServerTls
        {
            Level = TlsLevel.Opportunistic,
            LevelSetting = model.Setting("tls_advertise_hosts"),
            OpportunisticRaw = "*",
            HasCertificate = false,
            SelfSignedFallback = true,
        }).Add();
        var f = Assert.Single(model.Check(new Mta204TlsNoCertificate()));
        Assert.EndsWith("STARTTLS runs on a self-signed certificate the MTA makes up: mail is encrypted, but no sender can verify whom it talks to", f.Message);
        // Mail still flows encrypted: a warning, not the rule's error.
        Assert.Equal(Severity.Warning, f.Severity);
    }

    [Fact]
    public void Tls_without_a_certificate_and_no_fallback_keeps_the_rules_severity()
    {
        var model = new TestModel("smtpd_tls_security_level = may\n");
        model.Service().With(s => s.Tls = new ServerTls
        {
            Level = TlsLevel.Opportunistic,
            LevelSetting = model.Setting("smtpd_tls_security_level"),
            OpportunisticRaw = "may",
            HasCertificate = false,
        }).Add();
        var f = Assert.Single(model.Check(new Mta204TlsNoCertificate()));
        Assert.Null(f.Severity);
        Assert.EndsWith("the TLS handshake cannot succeed, so STARTTLS fails or is not offered at all", f.Message);
    }

    [Fact]
    public void Server_tls_is_not_required_on_loopback_or_implicit_listeners_and_shared_settings_report_once()
    {
        var model = new TestModel("smtpd_tls_security_level = none\n");
        model.Service().With(s => s.Tls = Tls(model, TlsLevel.None)).Add();
        model.Service().With(s => (s.Name, s.Port, s.Tls) = ("submission", 587, Tls(model, TlsLevel.None))).Add();
        model.Service().With(s => (s.Name, s.Port, s.LocalOnly, s.Tls) = ("127.0.0.1:10025", 10025, true, Tls(model, TlsLevel.None))).Add();
        model.Service().With(s => (s.Name, s.Port, s.ExpectsImplicitTls, s.Tls) = ("smtps", 465, true, Tls(model, TlsLevel.None))).Add();
        var f = Assert.Single(model.Check(new Mta201TlsServerOff()));
        Assert.Contains("port 25 (smtp), port 587 (submission):", f.Message);
    }

    [Fact]
    public void Deprecated_settings_are_replaced()
    {
        var model = new TestModel("smtpd_use_tls = yes\n");
        var setting = model.Setting("smtpd_use_tls");
        model.Deprecated.Add(new DeprecatedSetting(setting, "since Postfix 2.3, smtpd_tls_security_level = may says the same", "replace smtpd_use_tls with smtpd_tls_security_level = may",
            [MtaLint.Model.TextEdit.Replace(setting.SettingSpan!, "smtpd_tls_security_level = may")]));
        model.Deprecated.Add(new DeprecatedSetting(model.Setting("smtp_use_tls", "no"), "replaced", "remove smtp_use_tls", []) { NoFixReason = "no fix: why" });
        var findings = model.Check(new Mta202TlsDeprecated());
        Assert.Equal(2, findings.Count);
        Assert.Equal("smtpd_use_tls is deprecated: since Postfix 2.3, smtpd_tls_security_level = may says the same; replace smtpd_use_tls with smtpd_tls_security_level = may", findings[0].Message);
        Assert.Equal("replace smtpd_use_tls with smtpd_tls_security_level = may", findings[0].Fix!.Description);
        Assert.Equal("smtpd_tls_security_level = may\n", TestModel.Apply(findings[0].Fix!));
        Assert.Null(findings[1].Fix);
        Assert.Equal(["no fix: why"], findings[1].Notes);
    }

    [Theory]
    [InlineData(25, false, TlsLevel.Mandatory, 1)]
    [InlineData(25, false, TlsLevel.Implicit, 1)]
    [InlineData(25, true, TlsLevel.Mandatory, 0)]
    [InlineData(587, false, TlsLevel.Mandatory, 0)]
    [InlineData(25, false, TlsLevel.Opportunistic, 0)]
    public void Mandatory_tls_is_reported_only_on_the_public_mx(int port, bool localOnly, TlsLevel level, int expected)
    {
        var model = new TestModel("smtpd_tls_security_level = encrypt\n");
        model.Service().With(s => (s.Port, s.LocalOnly, s.Tls) = (port, localOnly, Tls(model, level))).Add();
        var findings = model.Check(new Mta203TlsMandatoryOnMx());
        Assert.Equal(expected, findings.Count);
        if (expected == 1 && level == TlsLevel.Mandatory)
        {
            Assert.Equal("smtpd_tls_security_level = encrypt", findings[0].Location!.Text);
            Assert.Equal(FixSafety.Unsafe, findings[0].Fix!.Safety);
            Assert.Equal("smtpd_tls_security_level = may\n", TestModel.Apply(findings[0].Fix!));
        }
    }

    [Fact]
    public void Tls_without_a_certificate_points_at_the_level_and_names_the_certificate_settings()
    {
        var model = new TestModel("smtpd_tls_security_level = may\n");
        model.Service().With(s => s.Tls = Tls(model, TlsLevel.Opportunistic, certificate: false)).Add();
        var f = Assert.Single(model.Check(new Mta204TlsNoCertificate()));
        Assert.Equal("smtpd_tls_security_level = may", f.Location!.Text);
        Assert.Null(f.Fix);

        var off = new TestModel("x = y\n");
        off.Service().With(s => s.Tls = Tls(off, TlsLevel.None, certificate: false)).Add();
        Assert.Empty(off.Check(new Mta204TlsNoCertificate()));
    }

    [Fact]
    public void Ssl_in_opportunistic_tls_is_removed_safely_and_old_tls_only_where_mandatory()
    {
        var model = new TestModel("smtpd_tls_protocols = !SSLv2\nsmtpd_tls_mandatory_protocols = !SSLv2, !SSLv3\n");
        var tls = Tls(model, TlsLevel.Opportunistic);
        var protocols = new TlsProtocolPolicy(model.Setting("smtpd_tls_protocols"), new HashSet<TlsProtocol> { TlsProtocol.SslV3, TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_2 })
        {
            WithoutSslRaw = "!SSLv2, !SSLv3",
            ModernOnlyRaw = ">=TLSv1.2",
        };
        var mandatory = new TlsProtocolPolicy(model.Setting("smtpd_tls_mandatory_protocols"), new HashSet<TlsProtocol> { TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1, TlsProtocol.TlsV1_2 })
        {
            WithoutSslRaw = "!SSLv2, !SSLv3",
            ModernOnlyRaw = ">=TLSv1.2",
        };
        model.Service().With(s => s.Tls = new ServerTls
        {
            Level = TlsLevel.Opportunistic, LevelSetting = tls.LevelSetting, OpportunisticRaw = "may", HasCertificate = true,
            Protocols = protocols, MandatoryProtocols = mandatory,
        }).Add();
        model.Service().With(s => (s.Name, s.Port, s.Tls) = ("submission", 587, new ServerTls
        {
            Level = TlsLevel.Mandatory, LevelSetting = tls.LevelSetting, OpportunisticRaw = "may", HasCertificate = true,
            Protocols = protocols, MandatoryProtocols = mandatory,
        })).Add();
        var findings = model.Check(new Mta205TlsLegacyProtocols());
        Assert.Equal(2, findings.Count);
        Assert.Equal("smtpd_tls_protocols = !SSLv2", findings[0].Location!.Text);
        Assert.Equal(FixSafety.Safe, findings[0].Fix!.Safety);
        Assert.StartsWith("smtpd_tls_protocols = !SSLv2, !SSLv3\n", TestModel.Apply(findings[0].Fix!));
        Assert.Equal("smtpd_tls_mandatory_protocols = !SSLv2, !SSLv3", findings[1].Location!.Text);
        Assert.Equal(FixSafety.Unsafe, findings[1].Fix!.Safety);
        Assert.EndsWith("smtpd_tls_mandatory_protocols = >=TLSv1.2\n", TestModel.Apply(findings[1].Fix!));
    }

    [Fact]
    public void Client_tls_off_is_fixed_safely()
    {
        var model = new TestModel("smtp_tls_security_level = none\n");
        model.ClientTls = new ClientTls { Level = TlsLevel.None, LevelSetting = model.Setting("smtp_tls_security_level"), OpportunisticRaw = "may" };
        var f = Assert.Single(model.Check(new Mta206TlsClientOff()));
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        Assert.Equal("smtp_tls_security_level = may\n", TestModel.Apply(f.Fix));

        model.ClientTls = new ClientTls { Level = TlsLevel.Opportunistic, LevelSetting = model.Setting("smtp_tls_security_level"), OpportunisticRaw = "may" };
        Assert.Empty(model.Check(new Mta206TlsClientOff()));
        model.ClientTls = null;
        Assert.Empty(model.Check(new Mta206TlsClientOff()));
    }

    [Theory]
    [InlineData(TlsLevel.Opportunistic, false, FixSafety.Safe)]
    [InlineData(TlsLevel.None, false, FixSafety.Unsafe)]
    [InlineData(TlsLevel.Mandatory, false, null)]
    [InlineData(TlsLevel.Implicit, false, null)]
    [InlineData(TlsLevel.Opportunistic, true, null)]
    public void Auth_before_tls(TlsLevel level, bool requiresTls, FixSafety? expected)
    {
        var model = new TestModel("smtpd_sasl_auth_enable = yes\n");
        model.Service().With(s =>
        {
            s.Tls = Tls(model, level);
            s.Auth = new AuthPolicy
            {
                Offered = true, RequiresTls = requiresTls, EnabledBy = model.Setting("smtpd_sasl_auth_enable"),
                RequireTlsSetting = model.Setting("smtpd_tls_auth_only", "no"), RequireTlsRaw = "yes",
            };
        }).Add();
        var findings = model.Check(new Mta207AuthWithoutTls());
        if (expected is null)
        {
            Assert.Empty(findings);
            return;
        }

        var f = Assert.Single(findings);
        Assert.Equal("smtpd_sasl_auth_enable = yes", f.Location!.Text);
        Assert.Equal(expected, f.Fix!.Safety);
        Assert.Equal("smtpd_sasl_auth_enable = yes\nsmtpd_tls_auth_only = yes\n", TestModel.Apply(f.Fix));
    }

    [Fact]
    public void Auth_before_tls_on_a_loopback_only_listener_is_not_reported()
    {
        // A RHEL sendmail.mc (toaigit/ses-mailx): AUTH without the p flag on DAEMON_OPTIONS Addr=127.0.0.1.
        var model = new TestModel("smtpd_sasl_auth_enable = yes\n");
        model.Service().With(s =>
        {
            (s.Name, s.LocalOnly, s.Tls) = ("MTA", true, Tls(model, TlsLevel.Opportunistic));
            s.Auth = new AuthPolicy { Offered = true, RequiresTls = false, EnabledBy = model.Setting("smtpd_sasl_auth_enable") };
        }).Add();
        Assert.Empty(model.Check(new Mta207AuthWithoutTls()));
    }

    [Theory]
    [InlineData(true, FixSafety.Safe)]
    [InlineData(false, FixSafety.Unsafe)]
    public void Implicit_tls_port_without_wrapper_mode(bool certificate, FixSafety safety)
    {
        var model = new TestModel("smtpd_tls_wrappermode = no\n");
        model.Service().With(s => (s.Name, s.Port, s.ExpectsImplicitTls, s.Tls) = ("smtps", 465, true, Tls(model, TlsLevel.Opportunistic, certificate))).Add();
        model.Service().With(s => (s.Name, s.Port, s.ExpectsImplicitTls, s.Tls) = ("submissions", 465, true, Tls(model, TlsLevel.Implicit, certificate))).Add();
        var f = Assert.Single(model.Check(new Mta208TlsWrapperMissing()));
        Assert.Contains("port 465 (smtps)", f.Message);
        Assert.Equal(safety, f.Fix!.Safety);
        Assert.Equal("smtpd_tls_wrappermode = yes\n", TestModel.Apply(f.Fix));
    }
}

public sealed class SharedFixTests
{
    /// <summary>An editor that writes a default per listener (like a master.cf -o), at a different place for each.</summary>
    private sealed class PerListenerEditor(MtaLint.Text.SourceFile file, int at) : ISettingEditor
    {
        public TextEdit Set(ConfigValue value, string newRaw) => TextEdit.Insert(file, at, $" -o {value.Name}={newRaw}");

        public string Describe(string name, string raw) => $"-o {name}={raw}";
    }

    [Fact]
    public void A_finding_shared_by_listeners_fixes_each_listener_in_one_pass()
    {
        var model = new TestModel("smtp inet\nsubmission inet\n", "master.cf");
        foreach (var (name, port, at) in new[] { ("smtp", 25, 9), ("submission", 587, 25) })
        {
            var level = new ConfigValue("smtpd_tls_security_level", string.Empty, null, null, new PerListenerEditor(model.File, at));
            model.Service().With(s => (s.Name, s.Port, s.Tls) = (name, port, new ServerTls { Level = TlsLevel.None, LevelSetting = level, OpportunisticRaw = "may", HasCertificate = true })).Add();
        }

        var f = Assert.Single(model.Check(new MtaLint.Rules.Tls.Mta201TlsServerOff()));
        Assert.Equal(2, f.Fix!.Edits.Count);
        Assert.Equal("smtp inet -o smtpd_tls_security_level=may\nsubmission inet -o smtpd_tls_security_level=may\n", TestModel.Apply(f.Fix));
    }

    [Fact]
    public void A_fix_that_would_edit_a_file_outside_the_config_is_not_offered()
    {
        var model = new TestModel("smtp inet\n", "master.cf");
        var elsewhere = new MtaLint.Text.SourceFile("main.cf", string.Empty);
        model.ClientTls = new ClientTls { Level = TlsLevel.None, LevelSetting = new ConfigValue("smtp_tls_security_level", string.Empty, null, null, new LineEditor(elsewhere)), OpportunisticRaw = "may" };
        var f = Assert.Single(model.Check(new MtaLint.Rules.Tls.Mta206TlsClientOff()));
        Assert.Null(f.Fix);
        Assert.Equal("master.cf", f.File.Path);
    }
}
