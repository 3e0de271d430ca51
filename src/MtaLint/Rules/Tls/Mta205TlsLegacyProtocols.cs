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
        foreach (var service in config.Services.Where(s => s.Tls.Level is not (TlsLevel.None or TlsLevel.Refused)))
        {
            var tls = service.Tls;
            if (tls.Protocols is { } opportunistic && seen.Add(SettingKey.Of(opportunistic.Setting))
                && Judge(config, opportunistic, Ssl, opportunistic.WithoutSslRaw, FixSafety.Safe,
                    "allowed for TLS sessions: broken protocols (RFC 6176, RFC 7568) that an attacker can force a session down to; disable them") is { } weak)
            {
                yield return weak;
            }

            if (tls.Level is TlsLevel.Mandatory or TlsLevel.Implicit && tls.MandatoryProtocols is { } mandatory && seen.Add(SettingKey.Of(mandatory.Setting))
                && Judge(config, mandatory, BeforeTls12, mandatory.ModernOnlyRaw, FixSafety.Unsafe,
                    $"allowed where TLS is mandatory on {service.DisplayName}: RFC 8996 deprecates everything before TLS 1.2; require TLS 1.2 or later") is { } old)
            {
                yield return old;
            }
        }
    }

    /// <summary>A finding when <paramref name="policy"/> enables any of <paramref name="forbidden"/>; the fix writes <paramref name="replacementRaw"/>.</summary>
    private static Finding? Judge(MtaConfig config, TlsProtocolPolicy policy, IEnumerable<TlsProtocol> forbidden, string? replacementRaw, FixSafety safety, string what)
    {
        var legacy = forbidden.Where(policy.Enabled.Contains).ToArray();
        if (legacy.Length == 0)
        {
            return null;
        }

        var setting = policy.Setting;
        var fix = replacementRaw is { } raw && SettingFindings.CanFix(config) && raw != setting.Raw
            ? new Fix(setting.DescribeAssignment(raw), safety, [setting.SetTo(raw)])
            : null;
        return SettingFindings.At(config, setting, $"{Names(legacy)} {(legacy.Length == 1 ? "is" : "are")} {what}", fix, SettingFindings.Describe(setting));
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
