using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The greeting's text is masked (<c>220 *****</c>): a firewall's SMTP inspection rewrites it.</summary>
internal sealed class Mta401GreetingMasked : IRule
{
    public string Id => "MTA401";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { } session || !WireEvidence.GreetingMasked(session) || config.Services.Count == 0)
        {
            yield break;
        }

        var banner = config.Services[0].Banner;
        var consequence = WireEvidence.StartTlsMangled(session)
            ? "; but STARTTLS was hidden in the EHLO reply on the way: " + WireEvidence.InspectionAdvice
            : WireEvidence.StartTlsRewritten(session)
                ? "; but STARTTLS was turned into an unknown command on the way: " + WireEvidence.InspectionAdvice
                : session.Tls is not null
                    ? ", and STARTTLS went through here"
                    : string.Empty;
        yield return Finding.At(
            banner.Setting.ValueSpan!,
            $"the greeting from {session.Endpoint} is masked, which a firewall's SMTP inspection does (Cisco fixup/inspect esmtp); the mask does not affect TLS{consequence}",
            null,
            $"clients see: {banner.ReplyLines[0]}",
            "the mask hides the server's name from senders and makes failures harder to diagnose: Cisco ASA \"no mask-banner\" in the policy-map type inspect esmtp parameters, or turn the inspection off");
    }
}
