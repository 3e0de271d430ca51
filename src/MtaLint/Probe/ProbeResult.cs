using MtaLint.Model;

namespace MtaLint.Probe;

/// <summary>The outcome of one probe: what the server showed, and how long it took.</summary>
public sealed record ProbeResult(ObservedSession Session, TimeSpan Elapsed);
