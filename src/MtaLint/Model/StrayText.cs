using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// Text of a config that its compiler copies into the file the MTA reads, as it is, where the MTA
/// does not read it as it says: a Sendmail .mc line outside any m4 macro, which m4 writes into
/// sendmail.cf (<c>DaemonPortOptions=Port=smtp</c> there is a macro definition, <c>D</c> + <c>a</c>).
/// </summary>
/// <param name="Span">The text in the config file.</param>
/// <param name="Output">The line the generated file gets.</param>
/// <param name="Reading">What the MTA makes of that line, as a clause: <c>a macro definition (D): macro $a = "..."</c>.</param>
/// <param name="StopsMta">The MTA refuses to start with this line in its config.</param>
/// <param name="Intended">How the config says what the text seems to mean (<c>DAEMON_OPTIONS(`Port=smtp')</c>); null when the text names nothing known.</param>
/// <param name="Remedy">What to do instead, as an instruction: write <see cref="Intended"/>, or how to keep text out of the generated file.</param>
public sealed record StrayText(SourceSpan Span, string Output, string Reading, bool StopsMta, string? Intended, string Remedy);
