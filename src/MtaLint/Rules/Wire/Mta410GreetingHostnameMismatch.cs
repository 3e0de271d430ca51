using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>The host name the greeting claims is not the name probed.</summary>
internal sealed class Mta410GreetingHostnameMismatch : IRule
{
    public string Id => "MTA410";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Observed is not { HostIsAddress: false } session || config.Services.Count == 0
            || WireEvidence.ClaimedHostName(session) is not { } claimed
            || string.Equals(claimed, session.Host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        var banner = config.Services[0].Banner;
        var span = banner.Setting.ValueSpan!;
        var at = span.File.Span(span.Span.Start, Math.Min(claimed.Length, span.Span.Length));
        yield return Finding.At(
            at,
            $"the greeting from {session.Endpoint} claims the name {claimed}, not {session.Host}: fine when several names point at one server, but the MX name, the greeting, the PTR record and the certificate should agree; set the server's host name (Postfix myhostname, Exim primary_hostname, Sendmail confDOMAIN_NAME) to the MX name",
            null,
            $"clients see: {banner.ReplyLines[0]}");
    }
}
