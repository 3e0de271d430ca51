using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>Lifts a read Exim configuration into the common model.</summary>
internal sealed class EximExtractor
{
    private const string AuthOnlyWithTls = "${if eq{$tls_in_cipher}{}{}{*}}";

    private readonly EximReadResult _read;
    private readonly AnalysisOptions _options;
    private readonly EximOptionTable _table = EximOptionTable.Current;
    private readonly Dictionary<string, EximOption> _main = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigValue> _values = new(StringComparer.Ordinal);
    private readonly EximAcls _acls;
    private readonly SourceFile _mainFile;

    private readonly IReadOnlyList<SourceFile> _buildInputs;
    private readonly IReadOnlyList<ConfigGap> _gaps;

    /// <param name="buildInputs">Files a build step read to make the config (Debian's update-exim4.conf.conf): part of the config, never edited.</param>
    /// <param name="gaps">What could not be read (includes that are not there).</param>
    public EximExtractor(EximReadResult read, AnalysisOptions options, IReadOnlyList<SourceFile>? buildInputs = null, IReadOnlyList<ConfigGap>? gaps = null)
    {
        _read = read;
        _options = options;
        _buildInputs = buildInputs ?? [];
        _gaps = gaps ?? [];
        _acls = new EximAcls(read.Statements);
        _mainFile = read.MainInsertionPoint?.File ?? read.Files[0];
        foreach (var option in read.Statements.OfType<EximOption>().Where(o => o.Section == EximSection.Main))
        {
            var info = _table.Resolve(option.Name, out _);
            _main[info?.Name ?? option.Name] = option;
        }
    }

    /// <summary>What the config's templates make of it (tags, conditional lines); null when no file is a template.</summary>
    public TemplateFacts? Template { get; init; }

    /// <summary>The config with template blocks left out (see <see cref="MtaConfig.TemplateProjection"/>).</summary>
    public Func<SourceSpan?, MtaConfig?>? TemplateProjection { get; init; }

    /// <summary>The model; what the reading found wrong is the dialect's to report.</summary>
    public AnalysisResult Extract()
    {
        var banner = BuildBanner();
        var services = Ports().Select(p => BuildService(p.Port, p.Name, p.Implicit, banner)).ToArray();
        return AnalysisResult.Success(new MtaConfig
        {
            Mta = MtaKind.Exim,
            UnknownSettingConsequence = "Exim does not know it and refuses to start with this config",
            Files = _buildInputs.Count == 0 ? _read.Files : [.. _buildInputs, .. _read.Files],
            SettingsFile = _mainFile,
            Gaps = _gaps,
            Services = services,
            ClientTls = BuildClientTls(),
            Assignments = EximSettingLists.Assignments(_read.Statements, _table),
            KnownSettingNames = new SettingNames(_table.Names, []),
            EffectiveSettings = EximSettingLists.Main(_main, _table),
            ScopedSettings = EximSettingLists.Drivers(_read.Statements, _table),
            Template = Template,
            TemplateProjection = TemplateProjection,
        });
    }

    /// <summary>The main option as Exim uses it: as written (last assignment), or its default.</summary>
    public ConfigValue Main(string name)
    {
        if (_values.TryGetValue(name, out var cached))
        {
            return cached;
        }

        ConfigValue value;
        if (_main.TryGetValue(name, out var option))
        {
            var info = _table.Resolve(option.Name, out var negated);
            var raw = EximOptionValues.Raw(option, info, negated);
            var written = option.Value;
            var valueSpan = written is null ? option.NameSpan : written.DisplaySpan(0, written.Length) ?? EximOptionValues.EmptyValueSpan(option);
            var settingSpan = option.Line.Text.DisplaySpan(0, option.Line.Text.Length);
            value = new ConfigValue(name, raw, valueSpan, settingSpan,
                new EximSettingEditor(written, written is null ? null : valueSpan, _read.MainInsertionPoint, macroUses: _read.MacroUseCounts));
        }
        else
        {
            var defaultValue = _table.Options.TryGetValue(name, out var info) ? info.Default : string.Empty;
            value = new ConfigValue(name, defaultValue, null, null, new EximSettingEditor(null, null, _read.MainInsertionPoint));
        }

        _values[name] = value;
        return value;
    }

    private string MainText(string name) => Main(name).Raw;

    private Banner BuildBanner()
    {
        var setting = Main("smtp_banner");
        var written = _main.TryGetValue("smtp_banner", out var option) && option.Value is not null
            ? option.Value
            : MappedText.AllFrom(setting.Raw, new CharOrigin(_mainFile, 0, new MacroUse("(default)", _mainFile.Span(0, 0))));
        var context = new EximRenderContext(Hostname(), _table.Version, _options.Now ?? DateTimeOffset.UtcNow);
        var banner = EximBannerBuilder.Build(setting, written, context, _read.MacroUseCounts);
        if (setting.IsDefault)
        {
            // Parts of a default banner are written nowhere: no span a fix could edit.
            var parts = banner.Parts.Select(p => p with { Span = null, Via = null }).ToArray();
            banner = new Banner(setting, parts, EximBannerBuilder.RecommendedRaw);
        }

        return banner;
    }

    /// <summary>What <c>$smtp_active_hostname</c> shows: smtp_active_hostname, else primary_hostname, else the host's name.</summary>
    private string Hostname()
    {
        foreach (var name in (string[])["smtp_active_hostname", "primary_hostname"])
        {
            var raw = EximOptionTable.PrintString(MainText(name));
            if (raw.Length > 0 && !raw.Contains('$'))
            {
                return raw;
            }
        }

        return _options.EffectiveHostname;
    }

    private IEnumerable<(int Port, string Name, bool Implicit)> Ports()
    {
        var daemon = ParsePorts(MainText("daemon_smtp_ports")).ToList();
        var onConnect = ParsePorts(MainText("tls_on_connect_ports")).Select(p => p.Port).ToHashSet();
        if (daemon.Count == 0)
        {
            daemon.Add((25, "smtp"));
        }

        return daemon.DistinctBy(p => p.Port).Select(p => (p.Port, p.Name, onConnect.Contains(p.Port)));
    }

    private static IEnumerable<(int Port, string Name)> ParsePorts(string list)
    {
        foreach (var item in EximList.Split(list))
        {
            var port = item switch
            {
                "smtp" => 25,
                "submission" => 587,
                "smtps" or "ssmtp" or "submissions" or "urd" => 465,
                _ => int.TryParse(item, out var n) && n is > 0 and < 65536 ? n : -1,
            };
            if (port > 0)
            {
                var name = port switch { 25 => "smtp", 587 => "submission", 465 => "smtps", _ => item };
                yield return (port, name);
            }
        }
    }

    private Service BuildService(int port, string name, bool implicitTls, Banner banner)
    {
        var local = EximList.Split(MainText("local_interfaces")).ToList();
        var localOnly = local.Count > 0 && local.All(i => i.StartsWith("127.", StringComparison.Ordinal) || i.StartsWith("::1", StringComparison.Ordinal) || i == "localhost");
        var definition = _main.ContainsKey("daemon_smtp_ports") ? Main("daemon_smtp_ports").SettingSpan : null;
        return new Service
        {
            Name = name,
            Port = port,
            Definition = definition,
            LocalOnly = localOnly,
            ExpectsImplicitTls = implicitTls,
            Banner = banner,
            Tls = BuildServerTls(implicitTls),
            Auth = BuildAuth(implicitTls),
            Vrfy = BuildCommand("acl_smtp_vrfy"),
            Expn = BuildCommand("acl_smtp_expn"),
            Relay = EximRelay.Policy(Main("acl_smtp_rcpt"), _acls, _read.Statements),
        };
    }

    private ServerTls BuildServerTls(bool implicitTls)
    {
        var advertise = Main("tls_advertise_hosts");
        var certificate = Main("tls_certificate");
        var level = implicitTls ? TlsLevel.Implicit : EximList.Split(advertise.Raw).Any() ? TlsLevel.Opportunistic : TlsLevel.None;
        return new ServerTls
        {
            Level = level,
            LevelSetting = advertise,
            OpportunisticRaw = "*",
            Certificate = certificate,
            PrivateKey = Main("tls_privatekey"),
            // Exim 4.96 offers STARTTLS without tls_certificate, with a self-signed certificate it
            // makes up at run time; no sender can verify that, so it does not count as configured.
            HasCertificate = certificate.Raw.Trim().Length > 0,
            SelfSignedFallback = true,
            Protocols = EximTlsProtocols.Policy(Main("tls_require_ciphers"), Main("openssl_options")),
        };
    }

    private AuthPolicy BuildAuth(bool implicitTls)
    {
        var advertiseHosts = Main("auth_advertise_hosts");
        var servers = EximDriver.In(_read.Statements, EximSection.Authenticators)
            .Where(d => d.Options.Keys.Any(k => k.StartsWith("server_", StringComparison.Ordinal)))
            .ToList();
        var offered = servers.Count > 0 && advertiseHosts.Raw.Trim().Length > 0;
        var tlsOnlyByHosts = MentionsTls(advertiseHosts.Raw);
        var tlsOnlyByDrivers = servers.Count > 0 && servers.All(d => d.Options.TryGetValue("server_advertise_condition", out var c) && MentionsTls(c.Value?.Text ?? string.Empty));
        return new AuthPolicy
        {
            Offered = offered,
            EnabledBy = offered ? EximOptionValues.DriverSetting(servers[0].Options.GetValueOrDefault("driver") ?? servers[0].Options.Values.First()) : null,
            RequiresTls = implicitTls || tlsOnlyByHosts || tlsOnlyByDrivers,
            RequireTlsSetting = advertiseHosts,
            RequireTlsRaw = AuthOnlyWithTls,
        };
    }

    private static bool MentionsTls(string text) =>
        text.Contains("tls_in_cipher", StringComparison.Ordinal) || text.Contains("tls_cipher", StringComparison.Ordinal)
        || text.Contains("tls_in_ver", StringComparison.Ordinal) || text.Contains("encrypted", StringComparison.Ordinal);

    private CommandPolicy BuildCommand(string aclOption)
    {
        var setting = Main(aclOption);
        var acl = setting.Raw.Trim();
        // Unset, Exim answers VRFY with 252 and EXPN with 550 "Administrative prohibition" (seen with -bs).
        var enabled = acl.Length > 0 && acl != "deny" && AclCanAccept(acl);
        TextEdit? disable = null;
        if (!setting.IsDefault && _main.TryGetValue(aclOption, out var option))
        {
            disable = TextEdit.Delete(option.Line.Whole);
        }

        return new CommandPolicy
        {
            Enabled = enabled,
            Setting = setting,
            DisableEdit = disable,
            DisableDescription = disable is null ? null : $"remove {aclOption} (unset, Exim refuses the command)",
        };
    }

    private bool AclCanAccept(string acl)
    {
        if (acl == "accept")
        {
            return true;
        }

        var statements = _acls.Find(acl);
        // An ACL from a file or an expansion cannot be judged statically: assume it can accept.
        return statements is null || statements.Any(s => s.Verb == "accept");
    }

    private ClientTls? BuildClientTls()
    {
        var smtp = EximDriver.In(_read.Statements, EximSection.Transports)
            .Where(d => d.Options.TryGetValue("driver", out var driver) && driver.Value?.Text.Trim() == "smtp")
            .ToList();
        if (smtp.Count == 0)
        {
            return null;
        }

        ClientTls? chosen = null;
        foreach (var transport in smtp)
        {
            var avoid = transport.Setting("hosts_avoid_tls");
            var require = transport.Setting("hosts_require_tls");
            var level = avoid.Raw.Trim() == "*" ? TlsLevel.None : require.Raw.Trim() == "*" ? TlsLevel.Mandatory : TlsLevel.Opportunistic;
            var tls = new ClientTls { Level = level, LevelSetting = level == TlsLevel.Mandatory ? require : avoid, OpportunisticRaw = string.Empty };
            if (chosen is null || level < chosen.Level)
            {
                chosen = tls;
            }
        }

        return chosen;
    }
}
