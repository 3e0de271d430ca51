using MtaLint.Syntax.Postfix;

namespace MtaLint.Model.Postfix;

/// <summary>TLS as smtpd offers it on a listener, and as the smtp transport uses it for outbound mail.</summary>
internal static class PostfixTlsReader
{
    /// <summary>
    /// smtpd's TLS on a listener: its level (from the pre-2.3 switches while <c>smtpd_tls_security_level</c>
    /// is empty; wrapper mode makes it implicit), the certificate and key it loads, the protocols it accepts.
    /// Levels are matched as tls_level_lookup matches them, case aside (<c>May</c> is <c>may</c>).
    /// </summary>
    public static ServerTls Server(PostfixScope scope, MasterCfDocument? master)
    {
        var levelSetting = scope.Value("smtpd_tls_security_level");
        var level = (levelSetting.Expanded ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => scope.IsYes("smtpd_enforce_tls") ? TlsLevel.Mandatory : scope.IsYes("smtpd_use_tls") ? TlsLevel.Opportunistic : TlsLevel.None,
            "none" => TlsLevel.None,
            "may" => TlsLevel.Opportunistic,
            "encrypt" => TlsLevel.Mandatory,
            "fingerprint" or "verify" or "secure" => TlsLevel.Mandatory, // smtpd warns "unsupported TLS level" and uses encrypt
            _ => TlsLevel.Refused, // smtpd exits: Invalid TLS level (dane too: a client level)
        };
        if (scope.IsYes("smtpd_tls_wrappermode"))
        {
            level = TlsLevel.Implicit;
        }

        var chain = scope.Value("smtpd_tls_chain_files");
        var cert = scope.Value("smtpd_tls_cert_file");
        var key = scope.Value("smtpd_tls_key_file");
        var hasRsa = !string.IsNullOrWhiteSpace(cert.Expanded) && !string.IsNullOrWhiteSpace(key.Expanded);
        var hasEc = !string.IsNullOrWhiteSpace(scope.Expanded("smtpd_tls_eccert_file")) && !string.IsNullOrWhiteSpace(scope.Expanded("smtpd_tls_eckey_file"));
        var hasChain = !string.IsNullOrWhiteSpace(chain.Expanded);
        var protocols = scope.Value("smtpd_tls_protocols");
        var mandatory = scope.Value("smtpd_tls_mandatory_protocols");
        return new ServerTls
        {
            Level = level,
            LevelSetting = levelSetting,
            ListenerLevelSetting = scope.Entry is null || master is null ? null : scope.ServiceValue("smtpd_tls_security_level"),
            OpportunisticRaw = "may",
            Certificate = hasChain ? chain : !hasRsa && hasEc ? scope.Value("smtpd_tls_eccert_file") : cert,
            PrivateKey = hasChain ? chain : !hasRsa && hasEc ? scope.Value("smtpd_tls_eckey_file") : key,
            HasCertificate = hasRsa || hasEc || hasChain,
            Protocols = new TlsProtocolPolicy(protocols, PostfixTlsProtocols.Parse(protocols.Expanded ?? string.Empty))
            {
                ModernOnlyRaw = PostfixTlsProtocols.ModernOnly,
                WithoutSslRaw = PostfixTlsProtocols.WithoutSsl(protocols.Raw),
            },
            MandatoryProtocols = new TlsProtocolPolicy(mandatory, PostfixTlsProtocols.Parse(mandatory.Expanded ?? string.Empty))
            {
                ModernOnlyRaw = PostfixTlsProtocols.ModernOnly,
                WithoutSslRaw = PostfixTlsProtocols.WithoutSsl(mandatory.Raw),
            },
            ImplicitTlsSetting = scope.ServiceValue("smtpd_tls_wrappermode"),
            ImplicitTlsRaw = "yes",
        };
    }

    /// <summary>
    /// The TLS level of outbound mail, as the smtp transport that mail reaches reads it (with its <c>-o</c>
    /// overrides); null when nothing is sent by SMTP, or when a master.cf alone has no such transport.
    /// </summary>
    public static ClientTls? Client(MainCfDocument? main, MasterCfDocument? master, PostfixScope mainScope, Func<MasterCfEntry?, PostfixScope> scopeOf,
        Dictionary<MasterCfEntry, Dictionary<string, MasterCfOverride>> overrides)
    {
        var commands = master is null
            ? PostfixDefaults.Instance.StockServices.Where(s => s.Type == "unix").Select(s => (s.Name, s.Command)).ToList()
            : master.Entries.Where(e => e.Type == "unix").Select(e => (e.ServiceName, e.CommandName)).ToList();
        var routing = PostfixSmtpDelivery.Parameters.ToHashSet(StringComparer.Ordinal);
        var scopes = new[] { mainScope }.Concat(overrides.Where(kv => kv.Value.Keys.Any(routing.Contains)).Select(kv => scopeOf(kv.Key)));
        var used = PostfixSmtpDelivery.ServicesUsed(scopes, commands);
        if (used.Count == 0)
        {
            return null; // nothing is ever sent by SMTP (default_transport = error...): outbound TLS has nothing to protect
        }

        // Outbound mail goes through the "smtp" transport (else the first smtp(8) service mail reaches); its -o overrides apply to it.
        var transport = master?.Entries.Where(e => e.Type == "unix" && e.CommandName == "smtp" && used.Contains(e.ServiceName))
            .OrderBy(e => e.ServiceName != "smtp").FirstOrDefault();
        if (main is null && transport is null)
        {
            return null; // a master.cf alone without the smtp transport: nowhere outbound TLS is read or written
        }

        var scope = scopeOf(transport);
        var levelSetting = scope.Value("smtp_tls_security_level");
        var level = (levelSetting.Expanded ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => scope.IsYes("smtp_enforce_tls") ? TlsLevel.Mandatory : scope.IsYes("smtp_use_tls") ? TlsLevel.Opportunistic : TlsLevel.None,
            "none" => TlsLevel.None,
            "may" or "dane" => TlsLevel.Opportunistic,
            "encrypt" or "dane-only" or "fingerprint" or "verify" or "secure" => TlsLevel.Mandatory,
            _ => TlsLevel.Refused, // smtp exits at start-up: Invalid TLS level
        };
        return new ClientTls { Level = level, LevelSetting = levelSetting, OpportunisticRaw = "may" };
    }
}
