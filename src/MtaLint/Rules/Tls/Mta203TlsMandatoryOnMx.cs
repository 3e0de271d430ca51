using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>MTA203: the public port 25 listener refuses mail without TLS (RFC 3207 section 4).</summary>
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
            var fix = SettingFindings.Combine(group.Select(s => s.Tls.Level == TlsLevel.Mandatory && SettingFindings.CanFix(config)
                ? Fix.Unsafe(s.Tls.LevelSetting.DescribeAssignment(s.Tls.OpportunisticRaw), s.Tls.LevelSetting.SetTo(s.Tls.OpportunisticRaw))
                : null));

            var how = tls.Level == TlsLevel.Implicit ? "speaks TLS from the first byte" : "requires STARTTLS";
            yield return SettingFindings.At(config, setting,
                $"the public MX listener {SettingFindings.Names(group)} {how}: servers that cannot do TLS cannot deliver, and RFC 3207 (section 4) says a publicly referenced server must not require it; offer TLS opportunistically",
                fix,
                SettingFindings.Describe(setting));
        }
    }
}
