using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>STARTTLS is hidden in the EHLO reply: an X run (<c>250-XXXXXXXA</c>) stands where it would be.</summary>
internal sealed class Mta402StartTlsMangled : IRule
{
    public string Id => "MTA402";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { } session || session.Ehlo is not { Code: 250 } ehlo || session.UsedHelo)
        {
            yield break;
        }

        foreach (var (index, keyword, couldBeStartTls) in WireEvidence.MaskedKeywords(ehlo))
        {
            if (!couldBeStartTls || session.StartTlsAdvertised)
            {
                continue;
            }

            var masked = WireEvidence.GreetingMasked(session) ? " The masked greeting is a side effect of the same inspection, not the cause." : string.Empty;
            yield return Finding.At(
                session.ReplyTextSpan(ehlo, index),
                $"STARTTLS is hidden in the EHLO reply from {session.Endpoint} (\"{keyword}\" instead of \"STARTTLS\"): something on the way rewrote it, so senders deliver in plaintext; {WireEvidence.InspectionAdvice}.{masked}",
                null,
                $"the server sent: {ehlo.Lines[index]}");
        }
    }
}
