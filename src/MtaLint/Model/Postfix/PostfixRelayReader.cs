using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>Whom a listener relays for: <c>mynetworks</c>, each network mapped back to where it is written.</summary>
internal static class PostfixRelayReader
{
    public static RelayPolicy Read(PostfixScope scope)
    {
        var networks = scope.Value("mynetworks");
        var source = scope.Source("mynetworks");
        var trusted = new List<TrustedNetwork>();
        var searchFrom = 0;
        // Tokens map back to the file only when the value has no references; checked once, not per token, as a list can be long.
        var literal = source is { } value && !value.Text.Text.Contains('$');
        foreach (var token in PostfixList.Words(networks.Expanded ?? string.Empty))
        {
            SourceSpan? span = null;
            if (literal && source is { } s)
            {
                var at = s.Text.Text.IndexOf(token, searchFrom, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var fileSpan = s.Text.FileSpan(at, at + token.Length);
                    span = s.File.Span(fileSpan.Start, fileSpan.Length);
                    searchFrom = at + token.Length;
                }
            }

            trusted.Add(new TrustedNetwork(token, IsEveryone(token), span));
        }

        return new RelayPolicy
        {
            TrustedNetworks = trusted,

            // smtpd reads both lists at start-up (smtpd_check_init): when either reaches a working restriction
            // (reject_unauth_destination...) before a plain permit, it refuses other domains to untrusted
            // clients; when neither does, it exits at start-up (a StartupFailure, MTA307) and relays nothing
            // either. So the lists' words never make a Postfix relay open (what a map or policy service
            // answers is not known here); trusting everyone does, and TrustedNetworks says so.
            RestrictsUnauthorizedDestinations = true,
            RestrictionSetting = scope.Value("smtpd_relay_restrictions"),
        };
    }

    /// <summary>A network with prefix length 0 (<c>0.0.0.0/0</c>, <c>::/0</c>, <c>[::]/0</c>, <c>0/0</c>) is the whole internet.</summary>
    private static bool IsEveryone(string token)
    {
        if (token.StartsWith('!'))
        {
            return false;
        }

        var slash = token.LastIndexOf('/');
        if (slash <= 0 || token[(slash + 1)..].TrimEnd(']') != "0")
        {
            return false;
        }

        var address = token[..slash].Trim('[', ']');
        return address == "0" || System.Net.IPAddress.TryParse(address, out _);
    }
}
