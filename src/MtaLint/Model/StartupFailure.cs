using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// A program of the MTA that exits at start-up over what the config says, before it serves anyone:
/// the dialect knows the MTA's start-up checks; a rule only reports what it finds here.
/// </summary>
/// <param name="Program">
/// Who exits: the program (<c>smtpd</c>, <c>virtual</c>), or <c>every Postfix program</c> for a
/// setting all of them read before anything else.
/// </param>
/// <param name="Message">The fatal error as the MTA logs it, in its own words: <c>fatal: bad boolean configuration: smtpd_tls_auth_only = yess</c>.</param>
/// <param name="At">The setting responsible; null when no written setting is (a default is), so the finding belongs where a fix would add the setting.</param>
/// <param name="Services">The services whose program exits, in the MTA's terms (Postfix <c>submission/inet</c>); empty when every program does.</param>
/// <param name="Consequence">What stops working: <c>port 25 (smtp) accepts no mail</c>, <c>Postfix does not start</c>.</param>
/// <param name="Remedy">What to write instead, in the dialect's terms: <c>write yes or no</c>.</param>
public sealed record StartupFailure(string Program, string Message, SourceSpan? At, IReadOnlyList<string> Services, string Consequence, string Remedy);
