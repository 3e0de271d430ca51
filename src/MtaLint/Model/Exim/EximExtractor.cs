using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>Lifts a read Exim configuration into the common model.</summary>
public sealed class EximExtractor
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
            Assignments = BuildAssignments(),
            KnownSettingNames = new SettingNames(_table.Names, []),
            EffectiveSettings = BuildEffectiveSettings(),
            ScopedSettings = BuildDriverSettings(),
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
            var raw = RawValue(option, info, negated);
            var written = option.Value;
            var valueSpan = written is null ? option.NameSpan : written.DisplaySpan(0, written.Length) ?? EmptyValueSpan(option);
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

    private static SourceSpan EmptyValueSpan(EximOption option)
    {
        var line = option.Line;
        return line.Text.DisplaySpan(line.Text.Length, 0) ?? line.File.Span(line.End, 0);
    }

    private static string RawValue(EximOption option, EximOptionInfo? info, bool negated)
    {
        if (info?.Type == EximOptionType.Bool)
        {
            if (option.Value is null)
            {
                return negated ? "false" : "true";
            }

            var b = EximOptionTable.Normalize(EximOptionType.Bool, option.Value.Text) ?? option.Value.Text;
            return negated ? b == "true" ? "false" : b == "false" ? "true" : b : b;
        }

        return option.Value?.Text ?? string.Empty;
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
        foreach (var item in SplitList(list))
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

    /// <summary>Items of an Exim list: colon separated (<c>::</c> is a colon in an item), or another separator after <c>&lt;</c>.</summary>
    public static IEnumerable<string> SplitList(string list)
    {
        list = list.Trim();
        var separator = ':';
        if (list.Length >= 2 && list[0] == '<' && !char.IsAsciiLetterOrDigit(list[1]) && !MappedText.IsSpace(list[1]))
        {
            separator = list[1];
            list = list[2..];
        }

        var items = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == separator)
            {
                if (i + 1 < list.Length && list[i + 1] == separator)
                {
                    current.Append(separator);
                    i++;
                    continue;
                }

                items.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(list[i]);
        }

        items.Add(current.ToString().Trim());
        return items.Where(i => i.Length > 0);
    }

    private Service BuildService(int port, string name, bool implicitTls, Banner banner)
    {
        var local = SplitList(MainText("local_interfaces")).ToList();
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
            Relay = BuildRelay(),
        };
    }

    private ServerTls BuildServerTls(bool implicitTls)
    {
        var advertise = Main("tls_advertise_hosts");
        var certificate = Main("tls_certificate");
        var level = implicitTls ? TlsLevel.Implicit : SplitList(advertise.Raw).Any() ? TlsLevel.Opportunistic : TlsLevel.None;
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
            Protocols = BuildProtocols(),
        };
    }

    /// <summary>
    /// TLS versions allowed: TLS 1.0–1.3 unless removed by GnuTLS priority tokens in
    /// tls_require_ciphers (<c>-VERS-TLS1.0</c>) or OpenSSL's openssl_options (<c>+no_tlsv1</c>);
    /// SSLv3 only when explicitly added back.
    /// </summary>
    private TlsProtocolPolicy BuildProtocols()
    {
        var enabled = new HashSet<TlsProtocol> { TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1, TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3 };
        var ciphers = Main("tls_require_ciphers");
        var openssl = Main("openssl_options");
        var decisive = ciphers;
        var tokens = ciphers.Raw.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var token in tokens)
        {
            var sign = token[0];
            var name = token.TrimStart('+', '-', '!').ToUpperInvariant();
            if (name == "VERS-ALL" && sign is '-' or '!')
            {
                enabled.Clear();
                continue;
            }

            TlsProtocol? protocol = name switch
            {
                "VERS-SSL3.0" => TlsProtocol.SslV3,
                "VERS-TLS1.0" => TlsProtocol.TlsV1_0,
                "VERS-TLS1.1" => TlsProtocol.TlsV1_1,
                "VERS-TLS1.2" => TlsProtocol.TlsV1_2,
                "VERS-TLS1.3" => TlsProtocol.TlsV1_3,
                _ => null,
            };
            if (protocol is { } p)
            {
                if (sign is '-' or '!')
                {
                    enabled.Remove(p);
                }
                else
                {
                    enabled.Add(p);
                }
            }
        }

        foreach (var token in openssl.Raw.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var add = token[0] == '-';
            TlsProtocol? protocol = token.TrimStart('+', '-').ToLowerInvariant() switch
            {
                "no_sslv2" => TlsProtocol.SslV2,
                "no_sslv3" => TlsProtocol.SslV3,
                "no_tlsv1" => TlsProtocol.TlsV1_0,
                "no_tlsv1_1" => TlsProtocol.TlsV1_1,
                "no_tlsv1_2" => TlsProtocol.TlsV1_2,
                "no_tlsv1_3" => TlsProtocol.TlsV1_3,
                _ => null,
            };
            if (protocol is { } p)
            {
                decisive = openssl;
                if (add)
                {
                    enabled.Add(p);
                }
                else
                {
                    enabled.Remove(p);
                }
            }
        }

        // Without SSL: drop what added it back (`+VERS-SSL3.0`; `-no_sslv3`), which leaves Exim's own
        // default (GnuTLS NORMAL, OpenSSL +no_sslv2 +no_sslv3) in force.
        string? withoutSsl = null;
        if (decisive == ciphers)
        {
            var kept = tokens.Where(t => t.TrimStart('+').ToUpperInvariant() is not ("VERS-SSL3.0" or "VERS-SSL2.0")).ToArray();
            withoutSsl = kept.Length == 0 ? string.Empty : string.Join(":", kept);
        }
        else
        {
            withoutSsl = string.Join(" ", openssl.Raw.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Where(t => t.ToLowerInvariant() is not ("-no_sslv2" or "-no_sslv3")));
        }

        return new TlsProtocolPolicy(decisive, enabled) { WithoutSslRaw = withoutSsl };
    }

    private AuthPolicy BuildAuth(bool implicitTls)
    {
        var advertiseHosts = Main("auth_advertise_hosts");
        var servers = Drivers(EximSection.Authenticators)
            .Where(d => d.Options.Keys.Any(k => k.StartsWith("server_", StringComparison.Ordinal)))
            .ToList();
        var offered = servers.Count > 0 && advertiseHosts.Raw.Trim().Length > 0;
        var tlsOnlyByHosts = MentionsTls(advertiseHosts.Raw);
        var tlsOnlyByDrivers = servers.Count > 0 && servers.All(d => d.Options.TryGetValue("server_advertise_condition", out var c) && MentionsTls(c.Value?.Text ?? string.Empty));
        return new AuthPolicy
        {
            Offered = offered,
            EnabledBy = offered ? OptionValue(servers[0].Options.GetValueOrDefault("driver") ?? servers[0].Options.Values.First()) : null,
            RequiresTls = implicitTls || tlsOnlyByHosts || tlsOnlyByDrivers,
            RequireTlsSetting = advertiseHosts,
            RequireTlsRaw = AuthOnlyWithTls,
        };
    }

    private static bool MentionsTls(string text) =>
        text.Contains("tls_in_cipher", StringComparison.Ordinal) || text.Contains("tls_cipher", StringComparison.Ordinal)
        || text.Contains("tls_in_ver", StringComparison.Ordinal) || text.Contains("encrypted", StringComparison.Ordinal);

    private static ConfigValue OptionValue(EximOption option)
    {
        var written = option.Value;
        var span = written is null ? option.NameSpan : written.DisplaySpan(0, written.Length) ?? EmptyValueSpan(option);
        return new ConfigValue(option.Name, written?.Text ?? "true", span, option.Line.Text.DisplaySpan(0, option.Line.Text.Length),
            new EximSettingEditor(written, written is null ? null : span, null));
    }

    /// <param name="Options">The last setting of each option.</param>
    /// <param name="All">Every setting, in the order Exim reads them (an option that adds up may be set more than once).</param>
    private sealed record Driver(string Name, EximSection Section, IReadOnlyDictionary<string, EximOption> Options, IReadOnlyList<EximOption> All, EximLogicalLine Header, EximLogicalLine Last);

    private IEnumerable<Driver> Drivers(EximSection section)
    {
        Driver? current = null;
        Dictionary<string, EximOption>? options = null;
        List<EximOption>? all = null;
        foreach (var statement in _read.Statements.Where(s => s.Section == section))
        {
            if (statement is EximBlockHeader header)
            {
                if (current is not null)
                {
                    yield return current;
                }

                options = new Dictionary<string, EximOption>(StringComparer.Ordinal);
                all = [];
                current = new Driver(header.Name, section, options, all, header.Line, header.Line);
            }
            else if (statement is EximOption option && current is not null && options is not null && all is not null && option.Owner == current.Name)
            {
                options[option.Name] = option;
                all.Add(option);
                current = current with { Last = option.Line };
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

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

    private RelayPolicy BuildRelay()
    {
        var rcpt = Main("acl_smtp_rcpt");
        var name = rcpt.Raw.Trim();
        var statements = name.Length == 0 ? null : name == "accept" ? [] : _acls.Find(name);
        var networks = new List<TrustedNetwork>();
        var restricts = true;
        if (name == "accept")
        {
            restricts = false;
        }
        else if (statements is not null)
        {
            var restricted = false;
            foreach (var statement in statements)
            {
                var conditions = statement.RealConditions.ToList();
                if (statement.Verb == "accept")
                {
                    foreach (var hosts in conditions.Where(c => c.Name == "hosts" && !c.Negated))
                    {
                        networks.AddRange(HostItems(hosts.Value));
                    }

                    if (!restricted && conditions.All(IsAlwaysTrue))
                    {
                        restricts = false;
                        break;
                    }
                }
                else if (statement.Verb is "require" or "deny" or "drop" or "defer"
                         && conditions.Any(c => c.Name == "domains" && (statement.Verb == "require") != c.Negated))
                {
                    restricted = true;
                }
            }
        }

        return new RelayPolicy { TrustedNetworks = networks, RestrictsUnauthorizedDestinations = restricts };
    }

    private static bool IsAlwaysTrue(EximAclCondition c) =>
        !c.Negated && c.Name is "hosts" or "domains" or "senders" or "local_parts" && c.Value.Text.Trim() == "*";

    private IEnumerable<TrustedNetwork> HostItems(MappedText list)
    {
        foreach (var item in SplitList(list.Text))
        {
            if (item.StartsWith('+'))
            {
                var named = _read.Statements.OfType<EximNamedList>().LastOrDefault(l => l.Kind.StartsWith("hostlist", StringComparison.Ordinal) && l.Name == item[1..]);
                if (named is not null)
                {
                    foreach (var inner in SplitList(named.Value.Text))
                    {
                        yield return new TrustedNetwork(inner, IsEveryone(inner), SpanOfItem(named.Value, inner));
                    }
                }

                continue;
            }

            yield return new TrustedNetwork(item, IsEveryone(item), SpanOfItem(list, item));
        }
    }

    private static SourceSpan? SpanOfItem(MappedText list, string item)
    {
        var at = list.Text.IndexOf(item, StringComparison.Ordinal);
        return at < 0 ? list.DisplaySpan(0, list.Length) : list.DisplaySpan(at, item.Length);
    }

    private static bool IsEveryone(string item) => item is "*" or "0.0.0.0/0" or "::/0" or "0/0" or "::0/0" or "0.0.0.0/0.0.0.0";

    private ClientTls? BuildClientTls()
    {
        var smtp = Drivers(EximSection.Transports)
            .Where(d => d.Options.TryGetValue("driver", out var driver) && driver.Value?.Text.Trim() == "smtp")
            .ToList();
        if (smtp.Count == 0)
        {
            return null;
        }

        ClientTls? chosen = null;
        foreach (var transport in smtp)
        {
            var avoid = DriverValue(transport, "hosts_avoid_tls");
            var require = DriverValue(transport, "hosts_require_tls");
            var level = avoid.Raw.Trim() == "*" ? TlsLevel.None : require.Raw.Trim() == "*" ? TlsLevel.Mandatory : TlsLevel.Opportunistic;
            var tls = new ClientTls { Level = level, LevelSetting = level == TlsLevel.Mandatory ? require : avoid, OpportunisticRaw = string.Empty };
            if (chosen is null || level < chosen.Level)
            {
                chosen = tls;
            }
        }

        return chosen;
    }

    private static ConfigValue DriverValue(Driver driver, string name)
    {
        if (driver.Options.TryGetValue(name, out var option))
        {
            return OptionValue(option);
        }

        var last = driver.Last;
        var insertion = new EximInsertionPoint(last.File, last.End, last.End == last.File.Text.Length && last.End > 0 && last.File.Text[^1] != '\n');
        return new ConfigValue(name, string.Empty, null, null, new EximSettingEditor(null, null, insertion, "  "));
    }

    private IReadOnlyList<SettingAssignment> BuildAssignments()
    {
        var result = new List<SettingAssignment>();
        foreach (var option in _read.Statements.OfType<EximOption>())
        {
            string scope;
            string name;
            bool known;
            if (option.Section == EximSection.Main)
            {
                var info = _table.Resolve(option.Name, out _);
                scope = "exim main";
                name = info?.Name ?? option.Name;
                known = info is not null;
            }
            else
            {
                scope = DriverScope(option.Section, option.Owner);
                name = option.Name;
                known = true;
            }

            result.Add(new SettingAssignment(name, scope, option.NameSpan, option.Line.Whole, known, option.Value?.Text ?? string.Empty,
                Accumulates: _table.Drivers.AddsUp(option.Section, option.Name)));
        }

        return result;
    }

    private static string DriverScope(EximSection section, string? owner) => $"exim {section.ToString().ToLowerInvariant()} {owner}";

    /// <summary>
    /// Each router's, transport's and authenticator's options as <c>exim -bP router NAME</c> prints them:
    /// the value written, read as the option's type reads it; for an option that adds up, every setting
    /// joined the way Exim joins them (readconf.c) in the order Exim reads them.
    /// </summary>
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> BuildDriverSettings()
    {
        var result = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var section in (EximSection[])[EximSection.Routers, EximSection.Transports, EximSection.Authenticators])
        {
            foreach (var driver in Drivers(section))
            {
                var type = driver.Options.TryGetValue("driver", out var d) ? d.Value?.Text.Trim() : null;
                var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
                var added = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var option in driver.All)
                {
                    var info = _table.Drivers.Resolve(section, type, option.Name, out var negated);
                    if (info is null)
                    {
                        continue;
                    }

                    if (info.Join is { } join)
                    {
                        added[info.Name] = join.Add(added.GetValueOrDefault(info.Name), EximOptionTable.Read(option.Value?.Text ?? string.Empty));
                        settings[info.Name] = EximOptionTable.Printable(added[info.Name] ?? string.Empty);
                        continue;
                    }

                    var raw = RawValue(option, info, negated);
                    settings[info.Name] = info.Type == EximOptionType.Bool ? raw
                        : info.Type == EximOptionType.String ? EximOptionTable.Printable(EximOptionTable.Read(raw))
                        : EximOptionTable.Normalize(info.Type, raw) ?? raw;
                }

                result[DriverScope(section, driver.Name)] = settings;
            }
        }

        return result;
    }

    private IReadOnlyDictionary<string, string> BuildEffectiveSettings()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in _main)
        {
            var info = _table.Resolve(option.Name, out var negated);
            if (info is null)
            {
                continue;
            }

            var raw = RawValue(option, info, negated);
            result[name] = info.Type == EximOptionType.Bool ? raw : EximOptionTable.Normalize(info.Type, raw) ?? raw;
        }

        return result;
    }
}
