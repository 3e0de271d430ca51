using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>STARTTLS was advertised, then refused: as an unknown command (rewritten on the way) or by the server.</summary>
internal sealed class Mta403StartTlsRefused : IRule
{
    public string Id => "MTA403";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { } session || !session.StartTlsAdvertised || session.StartTlsReply is not { } reply || reply.Code == 220)
        {
            yield break;
        }

        string message;
        if (WireEvidence.StartTlsRewritten(session))
        {
            var masked = WireEvidence.GreetingMasked(session) ? " The masked greeting is not the cause: it does not affect STARTTLS." : string.Empty;
            message = $"{session.Endpoint} advertised STARTTLS but answered the command with {reply.Code} (unknown command): the server did not receive \"STARTTLS\", something on the way rewrote it; {WireEvidence.InspectionAdvice}.{masked}";
        }
        else if (reply.Code is >= 400 and < 500)
        {
            message = $"{session.Endpoint} advertised STARTTLS but refused it with {reply.Code} (TLS not available now): the server's TLS setup is broken (certificate or key unreadable, TLS library error); see the server's log";
        }
        else
        {
            message = $"{session.Endpoint} advertised STARTTLS but refused it with {reply.Code}: senders fall back to plaintext; see the server's log and its STARTTLS policy";
        }

        yield return Finding.At(session.ReplySpan(reply), message, null, $"the server answered: {reply.Summary}");
    }
}
