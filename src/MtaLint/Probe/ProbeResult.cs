using MtaLint.Model;

namespace MtaLint.Probe;

/// <summary>The outcome of one probe: what the server showed, and how long it took.</summary>
public sealed record ProbeResult(ObservedSession Session, TimeSpan Elapsed)
{
    /// <summary>True when the session ran to its end (QUIT, or a TLS handshake that failed on its own terms).</summary>
    public bool Completed => Session.Failure is null;
}
