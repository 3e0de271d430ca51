using MtaLint.Syntax.Sendmail;
using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>Lifts one parsed .mc file into the common model.</summary>
internal sealed class SendmailExtractor
{
    /// <summary>Scope of every assignment: a .mc file is one m4 namespace.</summary>
    public const string Scope = "sendmail.mc";

    /// <summary>What a fix writes when it turns on inbound TLS: Debian's sendmail TLS setup (sendmailconfig, /etc/mail/tls).</summary>
    public const string DefaultServerCert = "/etc/mail/tls/sendmail-server.crt";

    /// <summary>The names sendmail-cf knows, with their "did you mean" trie shared by every .mc file.</summary>
    private static readonly NameSet KnownNames = new(SendmailSettingNames.All);

    private readonly McEvaluator _m4;
    private readonly McInsertionPoint _insertion;
    private readonly AnalysisOptions _options;
    private readonly SourceFile _file;

    private readonly IReadOnlyList<ConfigGap> _gaps;

    /// <param name="loadInclude">Reads the files the .mc includes; null: they are recorded, not read.</param>
    /// <param name="gaps">What could not be read, from the evaluator's missing includes.</param>
    public SendmailExtractor(McDocument document, AnalysisOptions options, McIncludeLoader? loadInclude = null, Func<McEvaluator, IReadOnlyList<ConfigGap>>? gaps = null)
    {
        _file = document.File;
        _options = options;
        _m4 = McEvaluator.Run(document, loadInclude);
        _insertion = McInsertionPoint.Find(document);
        _gaps = gaps?.Invoke(_m4) ?? [];
    }

    /// <summary>What the model knows of the template the file is, if it is one.</summary>
    public TemplateFacts? Template { get; init; }

    /// <summary>The model, or where m4 would not finish expanding the file and why not.</summary>
    public AnalysisResult Extract()
    {
        var config = Build();
        var m4 = _m4;
        if (!m4.Truncated)
        {
            return AnalysisResult.Success(config);
        }

        var at = m4.TruncatedAt ?? _file.Span(0, 0);
        return AnalysisResult.Failure(new SyntaxError(at, m4.TruncatedByDepth
            ? "m4 would not finish expanding this: a macro keeps expanding to itself (m4 stops with \"recursion limit exceeded\" or runs out of memory)"
            : $"mtalint stops expanding this after {m4.StepBudget:N0} steps, its budget for this file ({McEvaluator.MaxSteps:N0} and {McEvaluator.StepsPerChar} per character);"
              + " no macro here expands to itself, but macros that use other macros more than once, nested, multiply the text at each level"
              + " (a macro used twice at each of 40 levels is 2^40 words: terabytes, which m4 would take days to write)"));
    }

    private MtaConfig Build()
    {
        var banner = BuildBanner();
        var vrfyExpn = PrivacyPolicies();
        var relay = BuildRelay();
        var varies = ListenersVary();
        var services = Listeners().Select(l => new Service
        {
            Name = l.Name,
            Port = l.Port,
            Definition = l.Definition,
            LocalOnly = l.LocalOnly || varies,
            ExpectsImplicitTls = l.ImplicitTls,
            Banner = banner,
            Tls = ServerTlsFor(l),
            Auth = AuthFor(l),
            Vrfy = vrfyExpn.Vrfy,
            Expn = vrfyExpn.Expn,
            Relay = relay,
        }).ToArray();

        var defined = _m4.FileDefines.Select(d => d.Name).Where(_m4.IsDefined).Distinct().ToArray();
        return new MtaConfig
        {
            Mta = MtaKind.Sendmail,
            UnknownSettingConsequence = "sendmail-cf does not know it, so it has no effect on sendmail.cf",
            Files = [_file, .. _m4.Included],
            SettingsFile = _file,
            Gaps = _gaps,
            Services = services,
            ClientTls = BuildClientTls(),
            Assignments = _m4.FileDefines.Select(ToAssignment).ToArray(),
            KnownSettingNames = new SettingNames(KnownNames, []),
            EffectiveSettings = defined.ToDictionary(n => n, n => _m4.Macros[n].Value, StringComparer.Ordinal),
            StrayText = McStrayText.Find(_m4.Output),
            Generated = ("m4", "sendmail.cf"),
            Template = Template,
        };
    }

    /// <summary>
    /// sendmail built with STARTTLS (Debian's is) tries STARTTLS whenever a server offers it; a client
    /// certificate is optional. Only the <c>S</c> modifier of ClientPortOptions (sendmail.h D_CLTNOTLS,
    /// "don't use STARTTLS in client") turns it off.
    /// </summary>
    private ClientTls BuildClientTls()
    {
        var noTls = _m4.Calls.LastOrDefault(c => c.Name == "CLIENT_OPTIONS" && ClientModifiers(c.Arg(0)).Contains('S'));
        if (noTls?.Span is not { } span)
        {
            return new ClientTls { Level = TlsLevel.Opportunistic, LevelSetting = Setting("confCLIENT_CERT"), OpportunisticRaw = string.Empty };
        }

        var value = new ConfigValue("CLIENT_OPTIONS", span.Text, span, span, new SendmailCallSettingEditor(), noTls.Arg(0));
        return new ClientTls { Level = TlsLevel.None, LevelSetting = value, OpportunisticRaw = WithoutModifierS(span.Text) };
    }

    private static string ClientModifiers(string options) =>
        options.Replace("`", string.Empty).Replace("'", string.Empty).Split(',', StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 0 && char.ToUpperInvariant(p[0]) == 'M' && p.Contains('='))
            .Select(p => p[(p.IndexOf('=') + 1)..].Trim()).LastOrDefault() ?? string.Empty;

    /// <summary>The call's text with <c>S</c> taken out of its modifiers (and an emptied <c>M=</c> pair dropped).</summary>
    private static string WithoutModifierS(string callText)
    {
        var pair = System.Text.RegularExpressions.Regex.Match(callText, @"(,\s*)?\b(M[A-Za-z]*\s*=\s*)([A-Za-z]*)");
        if (!pair.Success)
        {
            return callText;
        }

        var modifiers = pair.Groups[3].Value.Replace("S", string.Empty, StringComparison.Ordinal);
        var replacement = modifiers.Length > 0 ? pair.Groups[1].Value + pair.Groups[2].Value + modifiers : string.Empty;
        if (modifiers.Length == 0 && !pair.Groups[1].Success)
        {
            // The M= pair was first: drop it with the comma after it.
            var after = System.Text.RegularExpressions.Regex.Match(callText[(pair.Index + pair.Length)..], @"^\s*,\s*");
            return callText[..pair.Index] + callText[(pair.Index + pair.Length + after.Length)..];
        }

        return callText[..pair.Index] + replacement + callText[(pair.Index + pair.Length)..];
    }

    private SettingAssignment ToAssignment(MacroDefinition d)
    {
        var whole = McSpans.WholeLine(d.Call!);
        var known = !d.Name.StartsWith("conf", StringComparison.Ordinal) || KnownNames.Contains(d.Name);
        return new SettingAssignment(d.Name, Scope, d.NameSpan ?? d.Call!, whole, known, d.Value, ReadBeforeReplaced: _m4.WasRead(d));
    }

    /// <summary>The effective value of a define as a model value: in the file, set by sendmail-cf, or absent.</summary>
    public ConfigValue Setting(string name)
    {
        if (_m4.Macros.TryGetValue(name, out var d))
        {
            var editor = new SendmailSettingEditor(_insertion.After(d.Call), d.ValueQuoted);
            return d.FromFile && d.ValueSpan is not null
                ? new ConfigValue(name, d.Value, d.ValueSpan, d.Call, editor, _m4.Rescan(d.Value))
                : new ConfigValue(name, d.Value, null, d.Call, editor, _m4.Rescan(d.Value));
        }

        return new ConfigValue(name, string.Empty, null, null, new SendmailSettingEditor(_insertion, valueQuoted: true), string.Empty);
    }

    private Banner BuildBanner()
    {
        ConfigValue setting;
        if (_m4.IsDefined("confSMTP_LOGIN_MSG") || _m4.CfLoaded)
        {
            setting = Setting("confSMTP_LOGIN_MSG");
            if (!_m4.IsDefined("confSMTP_LOGIN_MSG"))
            {
                // undefine(`confSMTP_LOGIN_MSG'): proto.m4 comments the option out and sendmail uses its compiled-in greeting.
                setting = new ConfigValue(setting.Name, SendmailCfKnowledge.BinaryDefaultGreeting, null, null, setting.Notation, SendmailCfKnowledge.BinaryDefaultGreeting);
            }
        }
        else
        {
            setting = Setting("confSMTP_LOGIN_MSG");
        }

        var expanded = setting.Expanded ?? setting.Raw;
        int? valueStart = setting.ValueSpan is { } span && span.Text == expanded ? span.Span.Start : null;
        var parts = SendmailBannerBuilder.Parts(expanded, setting.ValueSpan?.File ?? _file, valueStart, Hostname(), _options.Now ?? DateTimeOffset.UtcNow);
        return new Banner(setting, parts, "$j", mtaInsertsEsmtp: true);
    }

    /// <summary><c>$j</c>: confDOMAIN_NAME when it is a plain name, else the host's name.</summary>
    private string Hostname()
    {
        if (_m4.Macros.TryGetValue("confDOMAIN_NAME", out var d))
        {
            var value = _m4.Rescan(d.Value).Trim();
            if (value.Length > 0 && !value.Contains('$'))
            {
                return value;
            }
        }

        return _options.EffectiveHostname;
    }

    /// <param name="ImplicitTls">Clients expect TLS from the first byte: port 465, or <c>M=s</c>.</param>
    private sealed record Listener(string Name, int Port, bool LocalOnly, bool ImplicitTls, string Modifiers, SourceSpan? Definition)
    {
        /// <summary>sendmail starts TLS on connect only with the <c>s</c> modifier, whatever the port.</summary>
        public bool WrapsTls => Modifiers.Contains('s');
    }

    /// <summary>
    /// Whether the template's renderings may listen otherwise than the view reads: a DAEMON_OPTIONS (or the
    /// no_default_msa that drops the MSA) inside a block, or with a tag in its options (<c>Addr=&lt;%= @listen %&gt;</c>
    /// may be loopback). Then no listener is known to face strangers in every rendering, and each is judged as if
    /// bound to loopback only: what only public listeners are faulted for is not claimed of the template.
    /// </summary>
    private bool ListenersVary() =>
        Template is { } template
        && _m4.Calls.Where(c => c.Name == "DAEMON_OPTIONS" || c.Name == "FEATURE" && c.Arg(0) == "no_default_msa")
            .Any(c => c.Span is { } span && (template.IsConditional(span) || template.IsTemplateDependent(span)));

    /// <summary>DAEMON_OPTIONS in the order m4 ran them; sendmail-cf's MTA (25) and MSA (587) when there are none.</summary>
    private IEnumerable<Listener> Listeners()
    {
        var declared = _m4.Calls.Where(c => c.Name == "DAEMON_OPTIONS").ToList();
        if (declared.Count == 0 && _m4.IsDefined("_MSP_"))
        {
            // FEATURE(`msp') declares a loopback daemon when the .mc has none.
            declared.Add(new CfCall("DAEMON_OPTIONS", ["Name=NoMTA, Addr=127.0.0.1, M=E"], _m4.Calls.FirstOrDefault(c => c.Arg(0) is "msp" or "msp_nullclient")?.Span));
        }

        foreach (var call in declared)
        {
            yield return ParseDaemonOptions(call.Arg(0).Replace("`", string.Empty).Replace("'", string.Empty), call.Span);
        }

        if (declared.Count == 0)
        {
            yield return new Listener("MTA", 25, false, false, string.Empty, null);
        }

        if (!_m4.IsDefined("_NO_MSA_"))
        {
            yield return new Listener("MSA", 587, false, false, "E", null);
        }
    }

    /// <summary>sendmail reads each <c>key=value</c> by the key's first letter (<c>Modify=</c> is <c>Modifiers=</c>).</summary>
    private static Listener ParseDaemonOptions(string text, SourceSpan? span)
    {
        var name = "MTA";
        var port = 25;
        var local = false;
        var modifiers = string.Empty;
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var value = pair[(eq + 1)..].Trim();
            switch (char.ToUpperInvariant(pair[0]))
            {
                case 'N':
                    name = value;
                    break;
                case 'P':
                    port = PortNumber(value) ?? port;
                    break;
                case 'A':
                    local = value is "127.0.0.1" or "::1" or "localhost" or "[127.0.0.1]" or "IPv6:::1" || value.StartsWith("127.", StringComparison.Ordinal);
                    break;
                case 'M':
                    modifiers = value;
                    break;
            }
        }

        return new Listener(name, port, local, port == 465 || modifiers.Contains('s'), modifiers, span);
    }

    private static int? PortNumber(string value) => value.ToLowerInvariant() switch
    {
        "smtp" => 25,
        "submission" => 587,
        "smtps" or "submissions" or "urd" => 465,
        var v when int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private bool IncludesStartTlsM4 => _m4.Calls.Any(c => c.Name is "include" or "sinclude" && c.Arg(0).EndsWith("starttls.m4", StringComparison.Ordinal));

    private ServerTls ServerTlsFor(Listener listener)
    {
        var cert = Setting("confSERVER_CERT");
        var key = Setting("confSERVER_KEY");
        var hasCert = IncludesStartTlsM4 || cert.Raw.Length > 0 && key.Raw.Length > 0;
        var configured = hasCert || cert.Raw.Length > 0;
        var offered = configured && !listener.Modifiers.Contains('S');
        var (levelSetting, opportunistic) = configured && !offered && listener.Definition is { } call
            // The S modifier ("no STARTTLS") on this listener is what keeps TLS off: the fix takes it out.
            ? (new ConfigValue("DAEMON_OPTIONS", call.Text, call, call, new SendmailCallSettingEditor(), call.Text), WithoutModifierS(call.Text))
            : (cert, DefaultServerCert);
        return new ServerTls
        {
            Level = listener.WrapsTls ? TlsLevel.Implicit : offered ? TlsLevel.Opportunistic : TlsLevel.None,
            LevelSetting = levelSetting,
            OpportunisticRaw = opportunistic,
            Certificate = cert,
            PrivateKey = key,
            HasCertificate = hasCert,
        };
    }

    private AuthPolicy AuthFor(Listener listener)
    {
        var mechanisms = Setting("confAUTH_MECHANISMS");
        var options = Setting("confAUTH_OPTIONS");
        var trusted = _m4.Calls.FirstOrDefault(c => c.Name == "TRUST_AUTH_MECH");
        var offered = mechanisms.Raw.Trim().Length > 0 || trusted is not null;
        var configured = (mechanisms.Expanded ?? mechanisms.Raw).Trim();
        var mechs = (configured.Length > 0 ? configured : SendmailCfKnowledge.DefaultAuthMechanisms).Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var plaintext = mechs.Any(m => m.Equals("PLAIN", StringComparison.OrdinalIgnoreCase) || m.Equals("LOGIN", StringComparison.OrdinalIgnoreCase));
        var flags = (options.Expanded ?? options.Raw).Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var requiresTls = listener.WrapsTls || flags.Contains("p") || !plaintext;
        return new AuthPolicy
        {
            Offered = offered,
            EnabledBy = offered ? mechanisms : null,
            RequiresTls = requiresTls,
            RequireTlsSetting = options,
            RequireTlsRaw = flags.Length == 0 ? "p"
                : FirstRendering([options.Raw.TrimEnd() + " p", "p " + options.Raw.TrimStart()], v => v.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).Contains("p")),
        };
    }

    /// <summary>
    /// The first raw value whose rendering <paramref name="works"/>: sendmail-cf rescans a define's
    /// value, so a flag appended after a <c>dnl</c> in it never reaches sendmail.cf (and a fix that
    /// appends it again on every pass never settles). Null when none does: no fix is offered.
    /// </summary>
    private string? FirstRendering(IEnumerable<string> candidates, Func<string, bool> works) =>
        candidates.FirstOrDefault(c => works(_m4.Rescan(c)));

    private (CommandPolicy Vrfy, CommandPolicy Expn) PrivacyPolicies()
    {
        var setting = Setting("confPRIVACY_FLAGS");
        static HashSet<string> Flags(string value) => value
            .Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.ToLowerInvariant()).ToHashSet();
        var flags = Flags(setting.Expanded ?? setting.Raw);
        var goaway = flags.Contains("goaway");
        var vrfyOff = goaway || flags.Contains("novrfy");
        var expnOff = goaway || flags.Contains("noexpn");
        var missing = new[] { vrfyOff ? null : "novrfy", expnOff ? null : "noexpn" }.OfType<string>().ToArray();
        TextEdit? edit = null;
        string? description = null;
        var current = setting.Raw.Trim();
        var added = string.Join(",", missing);
        // Appended where a human would; in front when the value's end does not survive m4 (a dnl in
        // it), and then with the value's own end kept, so the dnl still eats its line break and nothing more.
        var merged = missing.Length == 0 ? null
            : current.Length == 0 ? added
            : FirstRendering([current + "," + added, added + "," + setting.Raw.TrimStart()], v => Flags(v).IsSupersetOf(missing));
        if (merged is not null)
        {
            edit = setting.SetTo(merged);
            description = setting.DescribeAssignment(merged);
        }

        return (
            new CommandPolicy { Enabled = !vrfyOff, Setting = setting, DisableEdit = vrfyOff ? null : edit, DisableDescription = vrfyOff ? null : description },
            new CommandPolicy { Enabled = !expnOff, Setting = setting, DisableEdit = expnOff ? null : edit, DisableDescription = expnOff ? null : description });
    }

    private static readonly HashSet<string> LooseningFeatures =
        ["relay_entire_domain", "relay_local_from", "relay_mail_from", "relay_based_on_MX", "loose_relay_check", "accept_unresolvable_domains", "accept_unqualified_senders"];

    private RelayPolicy BuildRelay()
    {
        var features = _m4.Calls.Where(c => c.Name == "FEATURE").ToList();
        ConfigValue FeatureValue(CfCall c) => new($"FEATURE(`{c.Arg(0)}')", c.Arg(0), c.Span, c.Span, new SendmailCallSettingEditor(), c.Arg(0));
        var promiscuous = features.FirstOrDefault(c => c.Arg(0) == "promiscuous_relay");
        return new RelayPolicy
        {
            // sendmail-cf relays for the local host and what class R (relay-domains) and the access map say; neither is in the .mc.
            TrustedNetworks = [new TrustedNetwork("127.0.0.1", false, null)],
            RestrictsUnauthorizedDestinations = promiscuous is null,
            PromiscuousBy = promiscuous is null ? null : FeatureValue(promiscuous),
            LoosenedBy = features.Where(c => LooseningFeatures.Contains(c.Arg(0))).Select(FeatureValue).ToArray(),
        };
    }
}
