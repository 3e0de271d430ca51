using MtaLint.Model;

namespace MtaLint.Rules.Tls;

/// <summary>MTA206: outbound mail does not use STARTTLS even where the receiving server offers it.</summary>
internal sealed class Mta206TlsClientOff : IRule
{
    public string Id => "MTA206";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.ClientTls is not { Level: TlsLevel.None } client)
        {
            yield break;
        }

        var setting = client.LevelSetting;
        // Opportunistic client TLS needs no certificate and falls back to plaintext: nothing that worked stops working.
        var fix = SettingFindings.CanFix(config) && setting.Raw != client.OpportunisticRaw
            ? Fix.Safe(setting.DescribeAssignment(client.OpportunisticRaw), setting.SetTo(client.OpportunisticRaw))
            : null;
        yield return SettingFindings.At(config, setting,
            "outbound TLS is off: mail to other servers goes in plaintext even when they offer STARTTLS; use TLS opportunistically",
            fix, SettingFindings.Describe(setting));
    }
}
