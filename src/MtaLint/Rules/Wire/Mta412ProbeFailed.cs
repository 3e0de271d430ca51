using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The probe could not complete the session: no connection, a timeout, a closed connection, a reply over the limits.</summary>
internal sealed class Mta412ProbeFailed : IRule
{
    public string Id => "MTA412";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { Failure: { } failure } session)
        {
            yield break;
        }

        var stage = failure.Stage switch
        {
            ProbeStage.Resolve => "resolving the name",
            ProbeStage.Connect => "connecting",
            ProbeStage.Greeting => "waiting for the greeting",
            ProbeStage.Ehlo => "at EHLO",
            ProbeStage.StartTls => "at STARTTLS",
            ProbeStage.TlsHandshake => "during the TLS handshake",
            ProbeStage.EhloAfterTls => "at EHLO inside TLS",
            _ => "at QUIT",
        };
        var lastLine = session.Transcript.LineCount;
        yield return Finding.At(
            session.TranscriptLine(lastLine),
            $"the probe of {session.Endpoint} stopped {stage}: {failure.Message}");
    }
}
