using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The TLS handshake failed after the server agreed to it (or on an implicit-TLS port).</summary>
internal sealed class Mta405TlsHandshakeFailed : IRule
{
    public string Id => "MTA405";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { TlsHandshakeError: { } error } session)
        {
            yield break;
        }

        var after = session.ImplicitTls ? "on connecting (implicit TLS)" : "after the server accepted STARTTLS";
        var location = session.StartTlsReply is { } reply ? Finding.At(session.ReplySpan(reply), string.Empty) : Finding.InFile(session.Transcript, string.Empty);
        yield return location with
        {
            Message = $"the TLS handshake with {session.Endpoint} failed {after}: {error}; senders that require TLS cannot deliver and others fall back to plaintext; check the server's certificate, key and TLS protocol settings (and, for implicit TLS, that the port really speaks TLS)",
        };
    }
}
