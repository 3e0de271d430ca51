namespace MtaLint.Model.Postfix;

/// <summary>
/// The listen address of a master.cf <c>inet</c> service name, read like Postfix's host_port:
/// <c>smtp</c>, <c>2525</c>, <c>127.0.0.1:smtp</c>, <c>[::1]:25</c>, <c>host:port</c>.
/// </summary>
internal sealed record PostfixListenAddress(string? Host, string PortText, int? Port)
{
    /// <summary>The ports of the service names mail servers use (<c>/etc/services</c>).</summary>
    private static readonly Dictionary<string, int> KnownPorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["smtp"] = 25,
        ["submission"] = 587,
        ["smtps"] = 465,
        ["submissions"] = 465,
        ["urd"] = 465,
        ["ssmtp"] = 465,
        ["lmtp"] = 24,
    };

    public bool IsLoopback => Host is { } h && IsLoopbackHost(h);

    public static PostfixListenAddress Parse(string name)
    {
        string? host = null;
        string port;
        if (name.StartsWith('['))
        {
            var close = name.IndexOf(']');
            host = close > 0 ? name[1..close] : name[1..];
            port = close > 0 && close + 1 < name.Length && name[close + 1] == ':' ? name[(close + 2)..] : string.Empty;
        }
        else
        {
            var colon = name.LastIndexOf(':');
            if (colon >= 0)
            {
                host = name[..colon];
                port = name[(colon + 1)..];
            }
            else
            {
                port = name;
            }
        }

        int? number = int.TryParse(port, out var n) && n is > 0 and < 65536 ? n
            : KnownPorts.TryGetValue(port, out var known) ? known : null;
        return new PostfixListenAddress(string.IsNullOrEmpty(host) ? null : host, port, number);
    }

    public static bool IsLoopbackHost(string host)
    {
        // A template's expression decides it: taken as loopback, so that nothing only a public listener makes true is concluded.
        if (host.Contains(TemplateFacts.Filler, StringComparison.Ordinal))
        {
            return true;
        }

        var h = host.Trim('[', ']');
        if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || h.Equals("loopback-only", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return System.Net.IPAddress.TryParse(h, out var address) && System.Net.IPAddress.IsLoopback(address);
    }
}
