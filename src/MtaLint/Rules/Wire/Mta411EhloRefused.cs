using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>EHLO was refused and only HELO worked: no ESMTP, so no STARTTLS.</summary>
internal sealed class Mta411EhloRefused : IRule
{
    public string Id => "MTA411";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { UsedHelo: true, EhloRefusal: { } refusal } session)
        {
            yield break;
        }

        yield return Finding.At(
            session.ReplySpan(refusal),
            $"{session.Endpoint} refused EHLO with {refusal.Code}, so the session fell back to HELO: no ESMTP extensions, no STARTTLS, senders deliver in plaintext; if the MTA speaks ESMTP, something on the way (an SMTP proxy or inspection) rewrites EHLO",
            null,
            $"the server answered: {refusal.Summary}");
    }
}
