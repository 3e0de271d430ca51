using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>
/// MTA203: the public port 25 listener refuses mail without TLS (RFC 3207 section 4). The fix makes TLS
/// opportunistic on those listeners only: where the setting is shared with listeners that may require
/// TLS (submission), it is changed for the port 25 listeners alone.
/// </summary>
internal sealed class Mta203TlsMandatoryOnMx : IRule
{
    public string Id => "MTA203";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var required = config.Services.Where(s => s.IsPublicMx && s.Tls.Level is TlsLevel.Mandatory or TlsLevel.Implicit);
        foreach (var group in SettingFindings.BySetting(required, s => s.Tls.LevelSetting))
        {
            var tls = group.First().Tls;
            var setting = tls.LevelSetting;
            var sharing = config.Services.Except(group).Where(s => SettingKey.Of(s.Tls.LevelSetting) == group.Key).ToList();
            var fix = SettingFindings.Combine(group.Select(s => FixFor(config, s, sharing)));

            var notes = new List<string> { SettingFindings.Describe(setting) };
            // Only a fix changes anything for the listeners that share the setting: without one, there is nothing to say about them.
            if (sharing.Count > 0 && fix is not null)
            {
                notes.Add($"{SettingFindings.Names(sharing)} {(sharing.Count == 1 ? "reads" : "read")} it too and may require TLS: a fix changes it for {SettingFindings.Names(group)} only");
            }

            var how = tls.Level == TlsLevel.Implicit ? "speaks TLS from the first byte" : "requires STARTTLS";
            yield return SettingFindings.At(config, setting,
                $"the public MX listener {SettingFindings.Names(group)} {how}: servers that cannot do TLS cannot deliver, and RFC 3207 (section 4) says a publicly referenced server must not require it; offer TLS opportunistically",
                fix,
                notes);
        }
    }

    /// <summary>Opportunistic TLS for <paramref name="service"/>, on its own setting when other listeners share the one it reads.</summary>
    private static Fix? FixFor(MtaConfig config, Service service, List<Service> sharing)
    {
        var tls = service.Tls;
        if (tls.Level != TlsLevel.Mandatory || !SettingFindings.CanFix(config))
        {
            return null;
        }

        var target = sharing.Count == 0 ? tls.LevelSetting : tls.ListenerLevelSetting;
        return target is null ? null : Fix.Unsafe(target.DescribeAssignment(tls.OpportunisticRaw), target.SetTo(tls.OpportunisticRaw));
    }
}
