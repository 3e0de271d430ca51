using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>
/// MTA205: SSLv2/SSLv3 allowed, or TLS older than 1.2 allowed where TLS is mandatory. For
/// opportunistic TLS, TLS 1.0 and 1.1 are still better than the plaintext a peer would otherwise use.
/// </summary>
internal sealed class Mta205TlsLegacyProtocols : IRule
{
    private static readonly TlsProtocol[] Ssl = [TlsProtocol.SslV2, TlsProtocol.SslV3];
    private static readonly TlsProtocol[] BeforeTls12 = [TlsProtocol.SslV2, TlsProtocol.SslV3, TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1];

    public string Id => "MTA205";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var seen = new HashSet<SettingKey>();
        foreach (var service in config.Services.Where(s => s.Tls.Level != TlsLevel.None))
        {
            var tls = service.Tls;
            if (tls.Protocols is { } opportunistic && seen.Add(SettingKey.Of(opportunistic.Setting)))
            {
                var legacy = Ssl.Where(opportunistic.Enabled.Contains).ToArray();
                if (legacy.Length > 0)
                {
                    var fix = opportunistic.WithoutSslRaw is { } raw && SettingFindings.CanFix(config) && raw != opportunistic.Setting.Raw
                        ? Fix.Safe(opportunistic.Setting.DescribeAssignment(raw), opportunistic.Setting.SetTo(raw))
                        : null;
                    yield return SettingFindings.At(config, opportunistic.Setting,
                        $"{Names(legacy)} {(legacy.Length == 1 ? "is" : "are")} allowed for TLS sessions: broken protocols (RFC 6176, RFC 7568) that an attacker can force a session down to; disable them",
                        fix, SettingFindings.Describe(opportunistic.Setting));
                }
            }

            if (tls.Level is TlsLevel.Mandatory or TlsLevel.Implicit && tls.MandatoryProtocols is { } mandatory && seen.Add(SettingKey.Of(mandatory.Setting)))
            {
                var legacy = BeforeTls12.Where(mandatory.Enabled.Contains).ToArray();
                if (legacy.Length > 0)
                {
                    var fix = mandatory.ModernOnlyRaw is { } raw && SettingFindings.CanFix(config) && raw != mandatory.Setting.Raw
                        ? Fix.Unsafe(mandatory.Setting.DescribeAssignment(raw), mandatory.Setting.SetTo(raw))
                        : null;
                    yield return SettingFindings.At(config, mandatory.Setting,
                        $"{Names(legacy)} {(legacy.Length == 1 ? "is" : "are")} allowed where TLS is mandatory on {service.DisplayName}: RFC 8996 deprecates everything before TLS 1.2; require TLS 1.2 or later",
                        fix, SettingFindings.Describe(mandatory.Setting));
                }
            }
        }
    }

    private static string Names(IEnumerable<TlsProtocol> protocols) => string.Join(", ", protocols.Select(p => p switch
    {
        TlsProtocol.SslV2 => "SSLv2",
        TlsProtocol.SslV3 => "SSLv3",
        TlsProtocol.TlsV1_0 => "TLSv1",
        TlsProtocol.TlsV1_1 => "TLSv1.1",
        TlsProtocol.TlsV1_2 => "TLSv1.2",
        _ => "TLSv1.3",
    }));
}
