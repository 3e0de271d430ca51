namespace MtaLint.Model.Postfix;

/// <summary>
/// Reads <c>smtpd_tls_protocols</c>-style values in both syntaxes: exclusions and inclusions
/// (<c>!SSLv2, !SSLv3</c>, <c>TLSv1.2 TLSv1.3</c>) and bounds (<c>&gt;=TLSv1.2</c>, <c>&lt;=TLSv1.3</c>).
/// An empty value allows every protocol the TLS library has (SSLv2 is gone from OpenSSL 1.1+).
/// </summary>
public static class PostfixTlsProtocols
{
    private static readonly TlsProtocol[] Ordered = [TlsProtocol.SslV2, TlsProtocol.SslV3, TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1, TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3];

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
