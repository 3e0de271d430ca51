namespace MtaLint.Model.Postfix;

/// <summary>
/// Which master.cf services running the smtp(8) client a Postfix config can hand mail to: the
/// transports trivial-rewrite, local(8) and cleanup choose (<c>transport:nexthop</c>, the transport
/// naming a master.cf service), each counted only where mail can reach it. Empty: the config never
/// sends mail by SMTP (<c>default_transport = error</c>, a null client's local-only setup), so
/// outbound TLS has nothing to protect. LMTP is not SMTP here: it has its own <c>lmtp_tls_*</c> settings.
/// </summary>
internal static class PostfixSmtpDelivery
{
    /// <summary>
    /// Transport parameters, and the domain list that must hold a domain for the transport to be
    /// used (null: used whenever it is set). trivial-rewrite (resolve.c) takes mydestination's
    /// domains to local_transport first, then virtual_mailbox_domains, then relay_domains, and every
    /// other domain to default_transport; local(8) hands mail to mailbox_transport and fallback_transport;
    /// cleanup to content_filter; verify(8) probes use the address_verify_* variants.
    /// </summary>
    private static readonly (string Transport, string? Domains)[] Transports =
    [
        ("default_transport", null),
        ("relay_transport", "relay_domains"),
        ("local_transport", "mydestination"),
        ("virtual_transport", "virtual_mailbox_domains"),
        ("mailbox_transport", null),
        ("fallback_transport", null),
        ("content_filter", null),
        ("address_verify_default_transport", null),
        ("address_verify_relay_transport", "relay_domains"),
        ("address_verify_local_transport", "mydestination"),
        ("address_verify_virtual_transport", "virtual_mailbox_domains"),
    ];

    /// <summary>Lookup tables whose entries can name any transport: mtalint does not read them, so with one set any smtp(8) service may be used.</summary>
    private static readonly string[] TransportMaps =
    [
        "transport_maps", "sender_dependent_default_transport_maps", "mailbox_transport_maps", "fallback_transport_maps",
        "address_verify_transport_maps", "address_verify_sender_dependent_default_transport_maps",
    ];

    /// <summary>Every parameter that decides the answer: a master.cf service overriding one routes mail its own way.</summary>
    public static IEnumerable<string> Parameters =>
        Transports.Select(t => t.Transport).Concat(Transports.Select(t => t.Domains).OfType<string>()).Concat(TransportMaps).Distinct();

    /// <param name="scopes">The parameters as each process that routes mail sees them: main.cf, and each master.cf service overriding one of <see cref="Parameters"/>.</param>
    /// <param name="commands">Each <c>unix</c> service of master.cf (or of the stock master.cf) and the program it runs.</param>
    /// <returns>The names of the services running smtp(8) that mail can reach, in <paramref name="commands"/>' order.</returns>
    public static IReadOnlyList<string> ServicesUsed(IEnumerable<PostfixScope> scopes, IReadOnlyList<(string Service, string Command)> commands)
    {
        var smtp = commands.Where(c => c.Command == "smtp").Select(c => c.Service).Distinct(StringComparer.Ordinal).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (TransportMaps.Any(map => scope.Expanded(map).Trim().Length > 0))
            {
                return smtp;
            }

            foreach (var (transport, domains) in Transports)
            {
                if (domains is not null && !HasDomains(scope, domains))
                {
                    continue;
                }

                var value = scope.Expanded(transport).Trim();
                var colon = value.IndexOf(':');
                var name = colon < 0 ? value : value[..colon];
                if (name.Length > 0)
                {
                    // A transport master.cf lacks is no delivery at all: qmgr defers the mail ("unknown mail transport").
                    used.Add(name);
                }
            }
        }

        return smtp.Where(used.Contains).ToList();
    }

    /// <summary>
    /// Whether the list holds a domain that reaches its transport: relay_domains' domains that are also in
    /// mydestination are local (with compatibility_level below 2, relay_domains is <c>$mydestination</c>).
    /// </summary>
    private static bool HasDomains(PostfixScope scope, string list)
    {
        var words = Words(scope.Expanded(list));
        return list == "relay_domains" ? words.Except(Words(scope.Expanded("mydestination")), StringComparer.OrdinalIgnoreCase).Any() : words.Length > 0;
    }

    private static string[] Words(string value) => value.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
}
