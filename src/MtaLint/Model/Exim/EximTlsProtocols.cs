namespace MtaLint.Model.Exim;

/// <summary>
/// TLS versions allowed: TLS 1.0–1.3 unless removed by GnuTLS priority tokens in
/// tls_require_ciphers (<c>-VERS-TLS1.0</c>) or OpenSSL's openssl_options (<c>+no_tlsv1</c>);
/// SSLv3 only when explicitly added back.
/// </summary>
internal static class EximTlsProtocols
{
    /// <summary>The versions <paramref name="ciphers"/> (tls_require_ciphers) and <paramref name="openssl"/> (openssl_options) leave allowed.</summary>
    public static TlsProtocolPolicy Policy(ConfigValue ciphers, ConfigValue openssl)
    {
        var enabled = new HashSet<TlsProtocol> { TlsProtocol.TlsV1_0, TlsProtocol.TlsV1_1, TlsProtocol.TlsV1_2, TlsProtocol.TlsV1_3 };
        var decisive = ciphers;
        var tokens = ciphers.Raw.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var token in tokens)
        {
            var sign = token[0];
            var name = token.TrimStart('+', '-', '!').ToUpperInvariant();
            if (name == "VERS-ALL" && sign is '-' or '!')
            {
                enabled.Clear();
                continue;
            }

            TlsProtocol? protocol = name switch
            {
                "VERS-SSL3.0" => TlsProtocol.SslV3,
                "VERS-TLS1.0" => TlsProtocol.TlsV1_0,
                "VERS-TLS1.1" => TlsProtocol.TlsV1_1,
                "VERS-TLS1.2" => TlsProtocol.TlsV1_2,
                "VERS-TLS1.3" => TlsProtocol.TlsV1_3,
                _ => null,
            };
            if (protocol is { } p)
            {
                if (sign is '-' or '!')
                {
                    enabled.Remove(p);
                }
                else
                {
                    enabled.Add(p);
                }
            }
        }

        foreach (var token in openssl.Raw.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var add = token[0] == '-';
            TlsProtocol? protocol = token.TrimStart('+', '-').ToLowerInvariant() switch
            {
                "no_sslv2" => TlsProtocol.SslV2,
                "no_sslv3" => TlsProtocol.SslV3,
                "no_tlsv1" => TlsProtocol.TlsV1_0,
                "no_tlsv1_1" => TlsProtocol.TlsV1_1,
                "no_tlsv1_2" => TlsProtocol.TlsV1_2,
                "no_tlsv1_3" => TlsProtocol.TlsV1_3,
                _ => null,
            };
            if (protocol is { } p)
            {
                decisive = openssl;
                if (add)
                {
                    enabled.Add(p);
                }
                else
                {
                    enabled.Remove(p);
                }
            }
        }

        // Without SSL: drop what added it back (`+VERS-SSL3.0`; `-no_sslv3`), which leaves Exim's own
        // default (GnuTLS NORMAL, OpenSSL +no_sslv2 +no_sslv3) in force.
        string? withoutSsl = null;
        if (decisive == ciphers)
        {
            var kept = tokens.Where(t => t.TrimStart('+').ToUpperInvariant() is not ("VERS-SSL3.0" or "VERS-SSL2.0")).ToArray();
            withoutSsl = kept.Length == 0 ? string.Empty : string.Join(":", kept);
        }
        else
        {
            withoutSsl = string.Join(" ", openssl.Raw.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Where(t => t.ToLowerInvariant() is not ("-no_sslv2" or "-no_sslv3")));
        }

        return new TlsProtocolPolicy(decisive, enabled) { WithoutSslRaw = withoutSsl };
    }
}
