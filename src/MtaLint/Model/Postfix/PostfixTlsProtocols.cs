namespace MtaLint.Model.Postfix;

/// <summary>
/// Reads <c>smtpd_tls_protocols</c>-style values in both syntaxes: exclusions and inclusions
/// (<c>!SSLv2, !SSLv3</c>, <c>TLSv1.2 TLSv1.3</c>) and bounds (<c>&gt;=TLSv1.2</c>, <c>&lt;=TLSv1.3</c>).
/// An empty value allows every protocol the TLS library has (SSLv2 is gone from OpenSSL 1.1+).
/// </summary>
internal static class PostfixTlsProtocols
{
    private static readonly TlsProtocol[] Ordered = [TlsProtocol.SslV2, TlsProtocol.SslV3, TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1, TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3];

    private static readonly string[] SslExclusions = ["!SSLv2", "!SSLv3"];

    /// <summary>TLS 1.2 and later only.</summary>
    public const string ModernOnly = ">=TLSv1.2";

    /// <summary>
    /// <paramref name="raw"/> with SSLv2 and SSLv3 excluded, in the syntax it already uses: a
    /// <c>&gt;=</c> bound is raised to TLSv1, an exclusion list gets the missing <c>!SSLv2</c>/<c>!SSLv3</c>,
    /// an inclusion list loses its SSL entries; an empty value becomes <c>!SSLv2, !SSLv3</c>.
    /// </summary>
    public static string WithoutSsl(string raw)
    {
        var tokens = raw.Split([' ', '\t', ',', ':', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return "!SSLv2, !SSLv3";
        }

        if (tokens.Any(t => t.StartsWith(">=", StringComparison.Ordinal)))
        {
            return string.Join(' ', tokens.Select(t => t.StartsWith(">=", StringComparison.Ordinal) && Name(t[2..]) is { } p && p < TlsProtocol.TlsV1_0 ? ">=TLSv1" : t));
        }

        if (tokens.All(t => t.StartsWith('!') || t.StartsWith("<=", StringComparison.Ordinal)))
        {
            var missing = SslExclusions.Where(x => !tokens.Contains(x, StringComparer.OrdinalIgnoreCase));
            return string.Join(", ", [raw.TrimEnd(' ', ',', ':'), .. missing]);
        }

        var kept = tokens.Where(t => Name(t) is not (TlsProtocol.SslV2 or TlsProtocol.SslV3)).ToArray();
        return kept.Length > 0 ? string.Join(' ', kept) : "!SSLv2, !SSLv3";
    }

    public static IReadOnlySet<TlsProtocol> Parse(string value)
    {
        var enabled = new HashSet<TlsProtocol>(Ordered.Skip(1));
        var included = new HashSet<TlsProtocol>();
        TlsProtocol? min = null;
        TlsProtocol? max = null;
        foreach (var token in value.Split([' ', '\t', ',', ':', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith(">=", StringComparison.Ordinal) && Name(token[2..]) is { } lo)
            {
                min = lo;
            }
            else if (token.StartsWith("<=", StringComparison.Ordinal) && Name(token[2..]) is { } hi)
            {
                max = hi;
            }
            else if (token.StartsWith('!') && Name(token[1..]) is { } off)
            {
                enabled.Remove(off);
            }
            else if (Name(token) is { } on)
            {
                included.Add(on);
            }
        }

        if (included.Count > 0)
        {
            enabled.IntersectWith(included);
        }

        enabled.RemoveWhere(p => min is { } a && p < a || max is { } b && p > b);
        return enabled;
    }

    private static TlsProtocol? Name(string text) => text.ToUpperInvariant() switch
    {
        "SSLV2" => TlsProtocol.SslV2,
        "SSLV3" => TlsProtocol.SslV3,
        "TLSV1" => TlsProtocol.TlsV1_0,
        "TLSV1.1" => TlsProtocol.TlsV1_1,
        "TLSV1.2" => TlsProtocol.TlsV1_2,
        "TLSV1.3" => TlsProtocol.TlsV1_3,
        _ => null,
    };
}
