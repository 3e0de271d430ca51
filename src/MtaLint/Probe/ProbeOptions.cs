namespace MtaLint.Probe;

/// <summary>Whether the probe upgrades the session with STARTTLS.</summary>
public enum StartTlsMode
{
    /// <summary>Send STARTTLS when the server advertises it.</summary>
    Auto,

    /// <summary>Never send STARTTLS (plaintext only).</summary>
    Off,
}

/// <summary>
/// Bounds on what a server may send, so a slow or hostile server can neither hang nor flood the probe.
/// RFC 5321 4.5.3.1.5 limits a reply line to 512 octets; the defaults leave room for servers that exceed it.
/// </summary>
public sealed record ProbeLimits
{
    public int MaxLineLength { get; init; } = 4096;

    public int MaxReplyLines { get; init; } = 100;

    public int MaxReplyBytes { get; init; } = 64 * 1024;

    public static ProbeLimits Default { get; } = new();
}

/// <summary>What to probe and how.</summary>
public sealed record ProbeOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>
    /// Connect to these addresses, in order, instead of resolving <see cref="Host"/>, which still names
    /// the server for TLS (SNI, certificate names) and for the rules (like curl's <c>--resolve</c>).
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress>? ConnectTo { get; init; }

    public StartTlsMode StartTls { get; init; } = StartTlsMode.Auto;

    /// <summary>TLS from the first byte (port 465) instead of STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>The name sent with EHLO/HELO.</summary>
    public string HeloName { get; init; } = DefaultHeloName();

    /// <summary>Bound on each step: resolving, connecting, each reply, the TLS handshake.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on the whole session; defaults to four steps' worth.</summary>
    public TimeSpan? OverallTimeout { get; init; }

    public ProbeLimits Limits { get; init; } = ProbeLimits.Default;

    public TimeSpan EffectiveOverallTimeout => OverallTimeout ?? StepTimeout * 4;

    private static string DefaultHeloName()
    {
        try
        {
            var name = System.Net.Dns.GetHostName();
            return string.IsNullOrWhiteSpace(name) ? "localhost" : name;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    }
}

/// <summary>A <c>HOST[:PORT]</c> argument: <c>mx.example.com</c>, <c>mx.example.com:587</c>, <c>192.0.2.1:25</c>, <c>[2001:db8::1]:25</c>, <c>2001:db8::1</c>.</summary>
public sealed record ProbeTarget(string Host, int? Port)
{
    public static bool TryParse(string text, out ProbeTarget? target, out string error)
    {
        target = null;
        error = string.Empty;
        text = text.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                error = $"'{text}': missing ']' after the IPv6 address";
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    error = $"'{text}': expected ':PORT' after ']'";
                    return false;
                }

                port = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':');
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        else
        {
            // No colon, or a bare IPv6 address (several colons): no port.
            host = text;
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
        {
            error = $"'{text}' is not a host name or address";
            return false;
        }

        if (host.Contains(':') && !System.Net.IPAddress.TryParse(host, out _))
        {
            error = $"'{host}' is not an IPv6 address";
            return false;
        }

        int? portNumber = null;
        if (port is not null)
        {
            if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = $"'{port}' is not a port number (1-65535)";
                return false;
            }

            portNumber = p;
        }

        target = new ProbeTarget(host, portNumber);
        return true;
    }
}
