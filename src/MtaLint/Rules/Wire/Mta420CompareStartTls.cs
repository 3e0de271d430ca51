using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The config offers STARTTLS on the probed port; the wire does not show it, or it does not work.</summary>
internal sealed class Mta420CompareStartTls : IRule
{
    public string Id => "MTA420";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { ImplicitTls: false, UsedHelo: false, Ehlo.Code: 250 } session
            || ConfiguredService.For(session) is not { } service
            || service.Tls.Level is not (TlsLevel.Opportunistic or TlsLevel.Mandatory))
        {
            yield break;
        }

        string wire;
        if (WireEvidence.StartTlsMangled(session))
        {
            wire = "the wire shows it masked in the EHLO reply";
        }
        else if (!session.StartTlsAdvertised)
        {
            wire = "the wire does not show it in the EHLO reply";
        }
        else if (WireEvidence.StartTlsRewritten(session))
        {
            wire = $"the command was refused as unknown ({session.StartTlsReply!.Code}) on the wire";
        }
        else
        {
            yield break;
        }

        var evidence = session.Ehlo!;
        yield return Finding.At(
            session.ReplySpan(evidence),
            $"the config offers STARTTLS on {service.DisplayName} but {wire}: something between the server and this client changes the SMTP session (a firewall's ESMTP inspection, an SMTP proxy), or the server does not run this config; {WireEvidence.InspectionAdvice}, or deploy and reload the config",
            null,
            $"config: {service.Tls.LevelSetting.Name} = {service.Tls.LevelSetting.Raw} ({ConfiguredService.Where(service.Tls.LevelSetting)})");
    }
}
