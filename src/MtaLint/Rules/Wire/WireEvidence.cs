using System.Text.RegularExpressions;
using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>
/// How the wire rules recognise a firewall's SMTP inspection (Cisco PIX "fixup protocol smtp",
/// ASA/FWSM "inspect esmtp"): it overwrites the greeting with asterisks (keeping only some digits and
/// spaces), replaces extensions it does not allow with X runs (STARTTLS becomes <c>XXXXXXXA</c>) and
/// turns commands it does not allow into X runs, which the server then refuses as unknown.
/// </summary>
internal static partial class WireEvidence
{
    /// <summary>The greeting text is masked: asterisks make up most of it, or an X or asterisk run stands where the host name should be.</summary>
    public static bool IsMasked(string greetingText)
    {
        var visible = greetingText.Where(c => !char.IsWhiteSpace(c)).ToArray();
        if (visible.Length == 0)
        {
            return false;
        }

        var asterisks = visible.Count(c => c == '*');
        if (asterisks >= 3 && asterisks * 2 >= visible.Length)
        {
            return true;
        }

        return MaskedWord().IsMatch(FirstWord(greetingText));
    }

    /// <summary>An EHLO keyword overwritten by an inspecting firewall: an X run, maybe ending in one other letter.</summary>
    public static bool IsMaskedKeyword(string keyword) => MaskedKeywordPattern().IsMatch(keyword);

    /// <summary>
    /// The lines of an EHLO reply whose keyword is masked, and whether each could be STARTTLS
    /// (the inspection keeps the keyword's length: STARTTLS has 8 letters).
    /// </summary>
    public static IEnumerable<(int Index, string Keyword, bool CouldBeStartTls)> MaskedKeywords(SmtpReply ehlo)
    {
        var texts = ehlo.Texts;
        for (var i = 1; i < texts.Count; i++)
        {
            var keyword = texts[i].Split(' ', 2)[0].Trim();
            if (IsMaskedKeyword(keyword))
            {
                yield return (i, keyword, keyword.Length == "STARTTLS".Length);
            }
        }
    }

    /// <summary>STARTTLS is missing from the EHLO reply and a masked 8-letter keyword stands where it would be.</summary>
    public static bool StartTlsMangled(ObservedSession session) =>
        !session.StartTlsAdvertised && session.Ehlo is { Code: 250 } ehlo && !session.UsedHelo
        && MaskedKeywords(ehlo).Any(k => k.CouldBeStartTls);

    /// <summary>The server advertised STARTTLS and then refused the command as unknown: it did not receive "STARTTLS".</summary>
    public static bool StartTlsRewritten(ObservedSession session) =>
        session.StartTlsAdvertised && session.StartTlsReply is { Code: 500 or 502 };

    public static string GreetingText(ObservedSession session) =>
        session.Greeting is { } g ? string.Join("\n", g.Texts) : string.Empty;

    public static bool GreetingMasked(ObservedSession session) =>
        session.Greeting is { Code: 220 } && IsMasked(GreetingText(session));

    public static string FirstWord(string text) => text.TrimStart().Split([' ', '\t', '\n'], 2)[0];

    /// <summary>The name a greeting claims: its first word when that looks like a host name; null otherwise.</summary>
    public static string? ClaimedHostName(ObservedSession session)
    {
        if (session.Greeting is not { Code: 220 } || GreetingMasked(session))
        {
            return null;
        }

        var word = FirstWord(GreetingText(session)).TrimEnd('.');
        return HostNamePattern().IsMatch(word) ? word : null;
    }

    /// <summary>Certificate name matching (RFC 6125): exact, or a wildcard for the left-most label only.</summary>
    public static bool CertificateNameMatches(IEnumerable<string> certificateNames, string host)
    {
        host = host.TrimEnd('.');
        foreach (var name in certificateNames)
        {
            if (string.Equals(name.TrimEnd('.'), host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.StartsWith("*.", StringComparison.Ordinal))
            {
                var dot = host.IndexOf('.');
                if (dot > 0 && string.Equals(name[1..].TrimEnd('.'), host[dot..], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Where the fix is, when the evidence points at a firewall's SMTP inspection.</summary>
    public const string InspectionAdvice =
        "allow STARTTLS in the firewall's ESMTP inspection (Cisco ASA: \"allow-tls\" under \"parameters\" of the policy-map type inspect esmtp, whose default has \"no allow-tls\"; PIX: \"no fixup protocol smtp 25\"), or turn the inspection off";

    [GeneratedRegex(@"^(\*{3,}|X{4,})$")]
    private static partial Regex MaskedWord();

    [GeneratedRegex(@"^X{3,}[A-Z]?$")]
    private static partial Regex MaskedKeywordPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex HostNamePattern();
}
